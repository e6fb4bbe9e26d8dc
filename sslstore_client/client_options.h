#ifndef SSLSTORE_CLIENT_CLIENT_OPTIONS_H_
#define SSLSTORE_CLIENT_CLIENT_OPTIONS_H_

#include <cstddef>
#include <functional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "sslstore_client/proxy.h"
#include "sslstore_client/upstream_call_event.h"
#include "version/version.h"

namespace sslstore::client {

// The User-Agent sent by default: "sslstore-connector/<build version>".
inline std::string DefaultUserAgent() {
  return absl::StrCat("sslstore-connector/", version::VersionString());
}

// How idempotent calls retry transient failures (connect errors, timeouts,
// HTTP 5xx, 429, truncated or malformed bodies). Non-idempotent calls (new
// order, reissue, refund request, revoke request) are never retried.
struct RetryPolicy {
  // Retries after the first attempt; 0 disables retrying.
  int max_retries = 5;
  // Delay before the first retry; doubles (x `multiplier`) per retry.
  absl::Duration initial_backoff = absl::Milliseconds(200);
  // Upper bound of the exponential delay.
  absl::Duration max_backoff = absl::Seconds(10);
  double multiplier = 2.0;
  // Fraction of each delay that is random: delay * (1 - jitter * U[0,1)).
  double jitter = 0.5;
  // Upper bound honoured for a 429's Retry-After.
  absl::Duration max_retry_after = absl::Seconds(60);
};

// Everything an `SslStoreClient` needs. Only `base_url`, `partner_code` and
// `auth_token` are required.
struct ClientOptions {
  // "https://host[:port][/prefix]"; a trailing "/rest" is accepted.
  std::string base_url;
  std::string partner_code;
  // A secret: never logged, traced or put in an error message.
  std::string auth_token;
  // PEM bundle of trusted CAs; empty = the system trust store. Peer and
  // host-name verification cannot be turned off.
  std::string ca_file;
  // Sent as the HTTP User-Agent and the AuthRequest's UserAgent.
  std::string user_agent = DefaultUserAgent();
  // Keep-alive connections to the host, busy plus idle; more calls wait.
  int max_connections_per_host = 16;
  // Idle connections older than this are closed instead of reused.
  absl::Duration idle_timeout = absl::Seconds(30);
  // Resolve + TCP connect + TLS handshake of one connection.
  absl::Duration connect_timeout = absl::Seconds(10);
  // Writing one request and reading its whole response.
  absl::Duration request_timeout = absl::Seconds(60);
  // The same for calls that place or change an order (new order, reissue,
  // refund and revoke requests), which SSL Store may take longer to answer
  // and which are never retried.
  absl::Duration order_request_timeout = absl::Seconds(120);
  // One call, all attempts, waits and back-off included.
  absl::Duration total_timeout = absl::Minutes(3);
  // Larger response bodies fail the call (permanent bad-response error).
  size_t max_response_bytes = 16 << 20;
  // The outbound HTTP proxy (CONNECT tunnel); by default the environment's
  // https_proxy and no_proxy.
  ProxyOptions proxy;
  RetryPolicy retry;
  // Threads running the client's io_context. One is the default: the
  // client never blocks on them, and a single thread needs no hand-offs
  // between threads (measurably less CPU per call than two).
  int io_threads = 1;
  // Optional trace sink: one line per request and per response, with the
  // auth token replaced by "[REDACTED]". Called on client threads.
  std::function<void(absl::string_view line)> trace;
  // Optional observer: called once per HTTP attempt when it ends (outcome,
  // attempt number, duration), on client threads; must not block.
  std::function<void(const UpstreamCallEvent& event)> on_call;
};

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_CLIENT_OPTIONS_H_
