#ifndef SERVICE_ENROLL_RENEWAL_DECISION_H_
#define SERVICE_ENROLL_RENEWAL_DECISION_H_

#include <optional>

#include "absl/time/time.h"
#include "sslstore/connector/v1/enrollment.pb.h"

namespace sslstore::service::enroll {

// What an enrollment with a prior order does.
enum class PriorOrderAction { kRenew, kReissue };

// RENEW and REISSUE are honoured as asked. RENEW_OR_REISSUE renews (a new
// order) when the prior order expires within `renewal_window` of `now`, or
// when its expiry is unknown; otherwise it reissues on the same order.
// `type` must be one of those three.
PriorOrderAction DecidePriorOrderAction(
    sslstore::connector::v1::EnrollmentType type,
    std::optional<absl::Time> order_expiry, absl::Duration renewal_window,
    absl::Time now);

}  // namespace sslstore::service::enroll

#endif  // SERVICE_ENROLL_RENEWAL_DECISION_H_
