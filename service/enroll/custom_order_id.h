#ifndef SERVICE_ENROLL_CUSTOM_ORDER_ID_H_
#define SERVICE_ENROLL_CUSTOM_ORDER_ID_H_

#include <string>

#include "service/config/connection_settings.h"
#include "service/enroll/enroll_plan.h"
#include "sslstore/connector/v1/connector_service.pb.h"

namespace sslstore::service::enroll {

// The CustomOrderID an enrollment is ordered under, the same every time the
// same enrollment is sent: derived from the request's `request_id` when it
// has one, otherwise from the connection (URL and partner code), the CSR,
// the product, the enrollment type and the prior ca_request_id. "sc-" and 32
// hex digits of a SHA-256, so it never carries request text upstream.
std::string DeriveCustomOrderId(
    const ConnectionSettings& connection,
    const sslstore::connector::v1::EnrollRequest& request,
    const EnrollPlan& plan);

}  // namespace sslstore::service::enroll

#endif  // SERVICE_ENROLL_CUSTOM_ORDER_ID_H_
