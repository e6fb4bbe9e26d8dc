#ifndef SERVICE_ENROLL_REQUEST_CHECKS_H_
#define SERVICE_ENROLL_REQUEST_CHECKS_H_

#include <vector>

#include "absl/time/time.h"
#include "catalog/parameter_validation.h"
#include "sslstore/connector/v1/connector_service.pb.h"

namespace sslstore::service::enroll {

// The longest wait_for_issuance an Enroll request may ask for.
inline constexpr absl::Duration kMaxWaitForIssuance = absl::Minutes(10);

// Problems with the request's enrollment type and prior order: an
// enrollment type the API does not define ("enrollment_type"); RENEW,
// REISSUE and RENEW_OR_REISSUE without a parseable prior_ca_request_id
// ("prior_ca_request_id"). A prior id on a NEW enrollment is ignored.
std::vector<catalog::FieldViolation> CheckEnrollmentType(
    const sslstore::connector::v1::EnrollRequest& request);

// Problems with wait_for_issuance ("wait_for_issuance"): not a valid
// duration, negative, or longer than kMaxWaitForIssuance.
std::vector<catalog::FieldViolation> CheckWaitForIssuance(
    const sslstore::connector::v1::EnrollRequest& request);

}  // namespace sslstore::service::enroll

#endif  // SERVICE_ENROLL_REQUEST_CHECKS_H_
