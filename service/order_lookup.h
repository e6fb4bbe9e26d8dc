#ifndef SERVICE_ORDER_LOOKUP_H_
#define SERVICE_ORDER_LOOKUP_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/call_scope.h"
#include "sslstore_client/order_models.h"
#include "sslstore_client/sslstore_client.h"

namespace sslstore::service {

// True when `status` is SSL Store saying it has no such order.
bool IsOrderNotFound(const absl::Status& status);

// Reads the answer of an order lookup (/rest/order/status): the order, or
// nullopt when SSL Store has none (an error saying so, or an empty order
// object as the live API gives for some ids); other errors pass through.
absl::StatusOr<std::optional<client::OrderResponse>> FoundOrder(
    absl::StatusOr<client::OrderResponse> lookup);

// Looks an order up (/rest/order/status); NOT_FOUND naming `field` and
// `id_text` when SSL Store has none.
absl::StatusOr<client::OrderResponse> FetchOrder(CallScope& scope,
                                                 client::SslStoreClient& client,
                                                 const client::OrderRef& ref,
                                                 absl::string_view field,
                                                 absl::string_view id_text);

}  // namespace sslstore::service

#endif  // SERVICE_ORDER_LOOKUP_H_
