#include "service/order_lookup.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "sslstore_client/errors.h"

namespace sslstore::service {

bool IsOrderNotFound(const absl::Status& status) {
  std::optional<client::ErrorInfo> info = client::GetErrorInfo(status);
  return info.has_value() && info->kind == client::ErrorKind::kBusiness &&
         absl::StrContains(absl::AsciiStrToLower(status.message()),
                           "not found");
}

absl::StatusOr<std::optional<client::OrderResponse>> FoundOrder(
    absl::StatusOr<client::OrderResponse> lookup) {
  if (!lookup.ok()) {
    if (IsOrderNotFound(lookup.status())) return std::nullopt;
    return lookup.status();
  }
  if (lookup->the_ssl_store_order_id.empty()) return std::nullopt;
  return std::optional<client::OrderResponse>(*std::move(lookup));
}

absl::StatusOr<client::OrderResponse> FetchOrder(CallScope& scope,
                                                 client::SslStoreClient& client,
                                                 const client::OrderRef& ref,
                                                 absl::string_view field,
                                                 absl::string_view id_text) {
  absl::StatusOr<std::optional<client::OrderResponse>> found = FoundOrder(
      scope.Await<client::OrderResponse>("order/status", [&](auto done) {
        return client.Status(ref, std::move(done));
      }));
  if (!found.ok()) return found.status();
  if (!found->has_value()) {
    return absl::NotFoundError(
        absl::StrCat(field, ": SSL Store has no order \"", id_text, "\""));
  }
  return **std::move(found);
}

}  // namespace sslstore::service
