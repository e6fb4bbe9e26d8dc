#include "service/mapping/ca_request_id.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "service/server/grpc_status.h"

namespace sslstore::service {
namespace {

constexpr size_t kMaxIdLength = 200;

bool AllDigits(absl::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsPrintableId(absl::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isgraph(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

client::OrderRef CaRequestId::ToOrderRef() const {
  client::OrderRef ref;
  ref.the_sslstore_order_id = order_id;
  ref.custom_order_id = custom_order_id;
  return ref;
}

std::string FormatCaRequestId(absl::string_view order_id,
                              absl::string_view partner_order_id) {
  if (partner_order_id.empty()) return std::string(order_id);
  return absl::StrCat(order_id, "-", partner_order_id);
}

absl::StatusOr<CaRequestId> ParseCaRequestId(absl::string_view text,
                                             absl::string_view field) {
  if (text.empty()) {
    return InvalidArgumentStatus("invalid request",
                                 {{std::string(field), "is required"}});
  }
  if (text.size() > kMaxIdLength || !IsPrintableId(text)) {
    return InvalidArgumentStatus(
        "invalid request",
        {{std::string(field),
          absl::StrCat("not a ca_request_id (at most ", kMaxIdLength,
                       " printable characters without spaces)")}});
  }
  CaRequestId id;
  const size_t dash = text.find('-');
  const absl::string_view prefix = text.substr(0, dash);
  if (AllDigits(prefix)) {
    id.order_id = std::string(prefix);
    if (dash != absl::string_view::npos) {
      id.partner_order_id = std::string(text.substr(dash + 1));
    }
  } else {
    id.custom_order_id = std::string(text);
  }
  return id;
}

}  // namespace sslstore::service
