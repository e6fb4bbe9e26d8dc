#include "service/enroll/renewal_decision.h"

namespace sslstore::service::enroll {

PriorOrderAction DecidePriorOrderAction(
    sslstore::connector::v1::EnrollmentType type,
    std::optional<absl::Time> order_expiry, absl::Duration renewal_window,
    absl::Time now) {
  switch (type) {
    case sslstore::connector::v1::ENROLLMENT_TYPE_RENEW:
      return PriorOrderAction::kRenew;
    case sslstore::connector::v1::ENROLLMENT_TYPE_REISSUE:
      return PriorOrderAction::kReissue;
    default:
      break;
  }
  if (!order_expiry.has_value()) return PriorOrderAction::kRenew;
  return *order_expiry - now <= renewal_window ? PriorOrderAction::kRenew
                                               : PriorOrderAction::kReissue;
}

}  // namespace sslstore::service::enroll
