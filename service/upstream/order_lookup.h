#ifndef SERVICE_UPSTREAM_ORDER_LOOKUP_H_
#define SERVICE_UPSTREAM_ORDER_LOOKUP_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/server/call_scope.h"
#include "sslstore_client/order_models.h"
#include "sslstore_client/wbapi.h"

namespace sslstore::service {

// True when `status` is SSL Store refusing a request (isError, other than an
// authentication failure), whatever its wording or code.
bool IsBusinessError(const absl::Status& status);

// Reads the answer of a lookup by CustomOrderID (/rest/order/status) made
// to learn whether an order exists before or after ordering: the order, or
// nullopt when SSL Store refused the lookup (any business error: its wording
// for an unknown id is not known) or answered with an order that has no
// TheSSLStoreOrderID. Transport failures, malformed replies and
// authentication failures pass through as errors.
absl::StatusOr<std::optional<client::OrderResponse>> FoundByCustomOrderId(
    absl::StatusOr<client::OrderResponse> lookup);

// Reads the answer of a lookup of an order the caller names (status by
// TheSSLStoreOrderID, or a legacy CustomOrderID): the order, or NOT_FOUND
// naming `field` and `id_text` (with SSL Store's own message, if any) when
// SSL Store refused the lookup (any business error) or answered with an
// order that has no TheSSLStoreOrderID. Other errors pass through.
absl::StatusOr<client::OrderResponse> RequireOrder(
    absl::StatusOr<client::OrderResponse> lookup, absl::string_view field,
    absl::string_view id_text);

// Looks an order up (/rest/order/status) and reads the answer with
// RequireOrder.
absl::StatusOr<client::OrderResponse> FetchOrder(CallScope& scope,
                                                 client::Wbapi& client,
                                                 const client::OrderRef& ref,
                                                 absl::string_view field,
                                                 absl::string_view id_text);

}  // namespace sslstore::service

#endif  // SERVICE_UPSTREAM_ORDER_LOOKUP_H_
