#include "service/upstream/order_lookup.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "service/server/error_reason.h"
#include "sslstore_client/errors.h"

namespace sslstore::service {

bool IsBusinessError(const absl::Status& status) {
  std::optional<client::ErrorInfo> info = client::GetErrorInfo(status);
  return info.has_value() && info->kind == client::ErrorKind::kBusiness;
}

absl::StatusOr<std::optional<client::OrderResponse>> FoundByCustomOrderId(
    absl::StatusOr<client::OrderResponse> lookup) {
  if (!lookup.ok()) {
    if (IsBusinessError(lookup.status())) return std::nullopt;
    return lookup.status();
  }
  if (lookup->the_sslstore_order_id.empty()) return std::nullopt;
  return std::optional<client::OrderResponse>(*std::move(lookup));
}

absl::StatusOr<client::OrderResponse> RequireOrder(
    absl::StatusOr<client::OrderResponse> lookup, absl::string_view field,
    absl::string_view id_text) {
  if (!lookup.ok()) {
    if (!IsBusinessError(lookup.status())) return lookup.status();
    return WithReason(absl::NotFoundError(absl::StrCat(
                          field, ": SSL Store has no order \"", id_text,
                          "\" (it answered: ", lookup.status().message(), ")")),
                      sslstore::connector::v1::ORDER_NOT_FOUND);
  }
  if (lookup->the_sslstore_order_id.empty()) {
    return WithReason(
        absl::NotFoundError(absl::StrCat(
            field, ": SSL Store has no order \"", id_text,
            "\" (it answered with an order without TheSSLStoreOrderID)")),
        sslstore::connector::v1::ORDER_NOT_FOUND);
  }
  return *std::move(lookup);
}

absl::StatusOr<client::OrderResponse> FetchOrder(CallScope& scope,
                                                 client::Wbapi& client,
                                                 const client::OrderRef& ref,
                                                 absl::string_view field,
                                                 absl::string_view id_text) {
  return RequireOrder(
      scope.Await<client::OrderResponse>(
          "order/status",
          [&](auto done) { return client.Status(ref, std::move(done)); }),
      field, id_text);
}

}  // namespace sslstore::service
