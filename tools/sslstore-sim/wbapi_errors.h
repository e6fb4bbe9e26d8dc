// WBAPI business error codes and the "ErrorCode:N|Message:text" form the
// simulator puts in AuthResponse.Message. The codes other than -9008/-9009
// are the simulator's own (the real service documents none).
#ifndef TOOLS_SSLSTORE_SIM_WBAPI_ERRORS_H_
#define TOOLS_SSLSTORE_SIM_WBAPI_ERRORS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace sslstore_sim {

inline constexpr int kErrMissingField = -1001;
inline constexpr int kErrInvalidProduct = -1002;
inline constexpr int kErrInvalidValidity = -1003;
inline constexpr int kErrInvalidCsr = -1004;
inline constexpr int kErrApproverEmail = -1005;
inline constexpr int kErrOrderNotFound = -1006;
inline constexpr int kErrInvalidState = -1007;
inline constexpr int kErrCertificateNotAvailable = -1008;
inline constexpr int kErrRefundWindow = -1009;
inline constexpr int kErrDuplicateCustomOrderId = -1010;
inline constexpr int kErrInvalidValue = -1011;
inline constexpr int kErrAuthentication = -9008;
inline constexpr int kErrVendor = -9009;

// "ErrorCode:<code>|Message:<text>".
inline std::string WbapiMessage(int code, absl::string_view text) {
  return absl::StrCat("ErrorCode:", code, "|Message:", text);
}

// A status whose message is the WBAPI message for `code` and `text`.
inline absl::Status WbapiError(absl::StatusCode status_code, int code,
                               absl::string_view text) {
  return absl::Status(status_code, WbapiMessage(code, text));
}

// Marks a status as "the order looked up does not exist" (as opposed to
// other NotFound errors such as an unknown serial number).
inline constexpr char kOrderNotFoundPayload[] = "sslstore-sim/order-not-found";

// The error of an order lookup of an unknown id, with the given wording.
inline absl::Status OrderNotFoundError(int code, absl::string_view text) {
  absl::Status st = WbapiError(absl::StatusCode::kNotFound, code, text);
  st.SetPayload(kOrderNotFoundPayload, absl::Cord("1"));
  return st;
}

// True when `status` came from OrderNotFoundError.
inline bool IsOrderNotFound(const absl::Status& status) {
  return status.GetPayload(kOrderNotFoundPayload).has_value();
}

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_WBAPI_ERRORS_H_
