#ifndef SSLSTORE_CLIENT_UPSTREAM_CALL_EVENT_H_
#define SSLSTORE_CLIENT_UPSTREAM_CALL_EVENT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sslstore::client {

// How one HTTP attempt of a WBAPI call ended.
enum class UpstreamOutcome {
  kOk,             // HTTP 200 and a body the call accepted
  kSslStoreError,  // HTTP 200 with isError (a business error)
  kAuthError,      // SSL Store rejected the credentials (-9008 and the like)
  kHttp5xx,        // HTTP 5xx
  kHttp429,        // HTTP 429 (rate limited)
  kTimeout,        // a connect/send/receive step timed out
  kTransport,      // other connection failure (refused, reset, closed)
  kTls,            // the server's certificate was rejected
  kBadResponse,    // unexpected HTTP status, malformed or oversized body
  kDeadline,       // the call's total timeout ran out
  kCancelled,      // the caller cancelled the call
};

// The metric/log spelling: "ok", "ssl_store_error", "auth_error",
// "http_5xx", "http_429", "timeout", "transport", "tls", "bad_response",
// "deadline", "cancelled".
inline absl::string_view UpstreamOutcomeName(UpstreamOutcome outcome) {
  switch (outcome) {
    case UpstreamOutcome::kOk:
      return "ok";
    case UpstreamOutcome::kSslStoreError:
      return "ssl_store_error";
    case UpstreamOutcome::kAuthError:
      return "auth_error";
    case UpstreamOutcome::kHttp5xx:
      return "http_5xx";
    case UpstreamOutcome::kHttp429:
      return "http_429";
    case UpstreamOutcome::kTimeout:
      return "timeout";
    case UpstreamOutcome::kTransport:
      return "transport";
    case UpstreamOutcome::kTls:
      return "tls";
    case UpstreamOutcome::kBadResponse:
      return "bad_response";
    case UpstreamOutcome::kDeadline:
      return "deadline";
    case UpstreamOutcome::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

// One HTTP attempt of a WBAPI call, reported to `ClientOptions::on_call`
// when the attempt ends (a retried call reports each attempt).
struct UpstreamCallEvent {
  // The WBAPI path, e.g. "/rest/order/status".
  std::string endpoint;
  UpstreamOutcome outcome = UpstreamOutcome::kOk;
  // 1 for the first attempt; greater than 1 for a retry.
  int attempt = 1;
  // HTTP status of this attempt's response; 0 when none arrived.
  int http_status = 0;
  // From the attempt's start (waiting for a pooled connection included) to
  // its end.
  absl::Duration duration;
};

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_UPSTREAM_CALL_EVENT_H_
