#ifndef SSLSTORE_CLIENT_ERRORS_H_
#define SSLSTORE_CLIENT_ERRORS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace sslstore::client {

// What went wrong with a WBAPI call. Each kind has its own status code:
//   kTransport      UNAVAILABLE        connect/TLS/timeout/5xx/429/dropped
//   kTls            UNAVAILABLE        the server's certificate was rejected
//   kBusiness       FAILED_PRECONDITION SSL Store said isError (with its code)
//   kAuthentication UNAUTHENTICATED    SSL Store rejected the credentials
//   kBadResponse    INTERNAL           unexpected HTTP status, malformed or
//                                      oversized body, field of wrong type
//   kDeadline       DEADLINE_EXCEEDED  the call's total timeout ran out
//   kCancelled      CANCELLED          the caller cancelled the call
enum class ErrorKind {
  kTransport,
  kTls,
  kBusiness,
  kAuthentication,
  kBadResponse,
  kDeadline,
  kCancelled,
};

// The machine-readable facts every client error carries (as a status
// payload); its message says the same in words, e.g.
// "/rest/order/status: SSL Store error -1006: Order not found (attempts: 1,
// HTTP 200)".
struct ErrorInfo {
  ErrorKind kind = ErrorKind::kTransport;
  // The WBAPI path, e.g. "/rest/order/status".
  std::string endpoint;
  // Attempts made (1 = no retry).
  int attempts = 0;
  // HTTP status of the last response; 0 when none arrived.
  int http_status = 0;
  // SSL Store's `ErrorCode`, for kBusiness and kAuthentication.
  std::optional<int> business_code;
  // True when the failure was transient (worth retrying later).
  bool transient = false;
};

// The facts of a status made by this client; nullopt for other statuses.
std::optional<ErrorInfo> GetErrorInfo(const absl::Status& status);

// The name of `kind` ("transport", "business", ...).
absl::string_view ErrorKindName(ErrorKind kind);

namespace internal {

// Builds a client error without endpoint/attempt context (added later by
// `AddCallContext`).
absl::Status MakeError(ErrorKind kind, absl::string_view message,
                       bool transient = false,
                       std::optional<int> business_code = std::nullopt);

// Rewrites `error` as "<endpoint>: <message> (attempts: N, HTTP S)" and
// records endpoint, attempts and HTTP status in its payload. Statuses not
// made by `MakeError` are treated as transport errors.
absl::Status AddCallContext(const absl::Status& error,
                            absl::string_view endpoint, int attempts,
                            int http_status);

}  // namespace internal
}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_ERRORS_H_
