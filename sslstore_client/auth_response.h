#ifndef SSLSTORE_CLIENT_AUTH_RESPONSE_H_
#define SSLSTORE_CLIENT_AUTH_RESPONSE_H_

#include <optional>
#include <string>
#include <vector>

namespace sslstore::client {

// `AuthResponse`: the outcome block every WBAPI reply carries, nested as
// "AuthResponse" or flat at the top level (health/validate, revoke).
struct AuthResponse {
  // `isError`: true when SSL Store refused the request.
  bool is_error = false;
  // `Message`: the non-empty messages, in order.
  std::vector<std::string> messages;
  // `Timestamp`, as sent.
  std::string timestamp;
  // `ReplayToken`: echo of the request's replay token.
  std::string replay_token;
  // `InvokingPartnerCode`.
  std::string invoking_partner_code;
};

// SSL Store's error code and text, read from messages shaped
// "ErrorCode:<n>|Message:<text>"; other messages give no code and the
// joined text.
struct BusinessError {
  // The numeric code, e.g. -9008; unset when the message carries none.
  std::optional<int> code;
  // The human-readable text (all messages joined with "; ").
  std::string message;
};

// Extracts the error code and text from `response.messages`.
BusinessError ReadBusinessError(const AuthResponse& response);

// SSL Store's authentication failure code.
inline constexpr int kAuthenticationFailureCode = -9008;

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_AUTH_RESPONSE_H_
