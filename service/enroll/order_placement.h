#ifndef SERVICE_ENROLL_ORDER_PLACEMENT_H_
#define SERVICE_ENROLL_ORDER_PLACEMENT_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "service/server/call_scope.h"
#include "sslstore_client/order_models.h"
#include "sslstore_client/wbapi.h"

namespace sslstore::service::enroll {

// True when a call's outcome is unknown (timeout, lost or garbled answer):
// SSL Store may or may not have acted on it.
bool OutcomeUnknown(const absl::Status& status);

// An order /order/neworder placed, or the one it turned out to exist.
struct PlacedOrder {
  client::OrderResponse order;
  // True when SSL Store refused the order and the lookup by CustomOrderID
  // found an order placed earlier under it (a replay, not a new purchase).
  bool existing = false;
};

// Places a new (or renewal) order exactly once:
// - an unknown outcome is followed by a lookup by CustomOrderID, never by a
//   resend: the order found, or UNAVAILABLE (safe to retry) when there is
//   none or the lookup fails too;
// - a refusal (any business error: the wording of a duplicate CustomOrderID
//   is not known) is followed by the same lookup: the order found (existing
//   = true), else the refusal itself; UNAVAILABLE when the lookup fails.
// Authentication failures and other errors are returned as they are.
absl::StatusOr<PlacedOrder> PlaceOrderOnce(CallScope& scope,
                                           client::Wbapi& client,
                                           const client::NewOrderRequest& body);

}  // namespace sslstore::service::enroll

#endif  // SERVICE_ENROLL_ORDER_PLACEMENT_H_
