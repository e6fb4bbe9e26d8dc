#include "service/enroll/order_placement.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "service/server/error_reason.h"
#include "service/upstream/order_lookup.h"
#include "sslstore_client/errors.h"

namespace sslstore::service::enroll {
namespace {

using client::OrderResponse;

absl::StatusOr<std::optional<OrderResponse>> LookUpByCustomOrderId(
    CallScope& scope, client::Wbapi& client,
    const std::string& custom_order_id) {
  client::OrderRef ref;
  ref.custom_order_id = custom_order_id;
  return FoundByCustomOrderId(scope.Await<OrderResponse>(
      "order/status",
      [&](auto done) { return client.Status(ref, std::move(done)); }));
}

}  // namespace

bool OutcomeUnknown(const absl::Status& status) {
  std::optional<client::ErrorInfo> info = client::GetErrorInfo(status);
  if (!info.has_value()) {
    return status.code() == absl::StatusCode::kDeadlineExceeded;
  }
  return info->kind == client::ErrorKind::kTransport ||
         info->kind == client::ErrorKind::kBadResponse ||
         info->kind == client::ErrorKind::kDeadline;
}

absl::StatusOr<PlacedOrder> PlaceOrderOnce(
    CallScope& scope, client::Wbapi& client,
    const client::NewOrderRequest& body) {
  absl::StatusOr<OrderResponse> placed = scope.Await<OrderResponse>(
      "order/neworder",
      [&](auto done) { return client.NewOrder(body, std::move(done)); });
  if (placed.ok()) return PlacedOrder{*std::move(placed), false};
  const bool unknown = OutcomeUnknown(placed.status());
  const bool refused = IsBusinessError(placed.status());
  if (body.custom_order_id.empty() || (!unknown && !refused)) {
    return placed.status();
  }
  if (absl::Status alive = scope.CheckAlive(); !alive.ok()) {
    if (!unknown) return placed.status();
    return WithReason(
        absl::UnavailableError(absl::StrCat(
            "the new order's outcome is unknown (", placed.status().message(),
            ") and the call ended before the order could be looked up by its "
            "CustomOrderID ",
            body.custom_order_id,
            "; sending the same Enroll again is safe: it looks the order up "
            "first")),
        sslstore::connector::v1::ORDER_OUTCOME_UNKNOWN);
  }
  absl::StatusOr<std::optional<OrderResponse>> found =
      LookUpByCustomOrderId(scope, client, body.custom_order_id);
  if (!found.ok()) {
    return WithReason(
        absl::UnavailableError(absl::StrCat(
            unknown ? "the new order's outcome is unknown ("
                    : "SSL Store refused the new order (",
            placed.status().message(), ") and the lookup by CustomOrderID ",
            body.custom_order_id, " failed (", found.status().message(),
            "); sending the same Enroll again is safe: it looks the order up "
            "first")),
        sslstore::connector::v1::ORDER_OUTCOME_UNKNOWN);
  }
  if (found->has_value()) {
    return PlacedOrder{**std::move(found), /*existing=*/refused};
  }
  if (refused) return placed.status();
  return WithReason(
      absl::UnavailableError(absl::StrCat(
          "SSL Store did not place the order (", placed.status().message(),
          "; no order has CustomOrderID ", body.custom_order_id,
          "); sending the same Enroll again is safe")),
      sslstore::connector::v1::UPSTREAM_UNAVAILABLE);
}

}  // namespace sslstore::service::enroll
