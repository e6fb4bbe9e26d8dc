#include "sslstore_client/auth_response.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"

namespace sslstore::client {

BusinessError ReadBusinessError(const AuthResponse& response) {
  BusinessError error;
  std::vector<std::string> texts;
  for (const std::string& message : response.messages) {
    absl::string_view text = message;
    if (absl::ConsumePrefix(&text, "ErrorCode:")) {
      size_t bar = text.find('|');
      int code = 0;
      if (bar != absl::string_view::npos &&
          absl::SimpleAtoi(text.substr(0, bar), &code)) {
        if (!error.code.has_value()) error.code = code;
        text = text.substr(bar + 1);
        absl::ConsumePrefix(&text, "Message:");
      } else {
        text = message;
      }
    }
    if (!text.empty()) texts.emplace_back(text);
  }
  error.message = absl::StrJoin(texts, "; ");
  return error;
}

}  // namespace sslstore::client
