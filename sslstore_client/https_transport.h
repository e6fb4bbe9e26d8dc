#ifndef SSLSTORE_CLIENT_HTTPS_TRANSPORT_H_
#define SSLSTORE_CLIENT_HTTPS_TRANSPORT_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sslstore_client/call_handle.h"
#include "sslstore_client/client_options.h"
#include "sslstore_client/client_stats.h"

namespace sslstore::client::internal {

// One WBAPI exchange.
struct HttpRequest {
  // GET without a body (health/status) instead of POST with `body`.
  bool get = false;
  // API path, e.g. "/rest/order/status" (the base URL's prefix is added).
  std::string path;
  // JSON body of a POST.
  std::string body;
  // Only idempotent requests are retried.
  bool idempotent = false;
};

// Decides what an HTTP 200 body means: OK (the caller kept the result), or
// an error (made by MakeError; a transient one is retried when the request
// is idempotent). Runs on a transport thread; must not block.
using BodyHandler = std::function<absl::Status(std::string& body)>;

// Receives a call's final status, with endpoint, attempts and HTTP status
// in the message and the ErrorInfo payload; the auth token is redacted.
using DoneCallback = std::function<void(absl::Status)>;

// HTTPS/1.1 to one WBAPI host: TLS 1.2+ with SNI, peer and host-name
// verification; a bounded keep-alive connection pool; connect, request and
// total timeouts; a response size limit; retries with exponential back-off
// and jitter for idempotent requests; cancellation. Runs on its own
// io_context threads. Thread-safe. Its parts: ConnectionPool (the
// connections), HttpsSession (one attempt), TransportCall (the retry loop of
// one call, on its own strand) and retry_rules.h (what is retried, how long
// to wait, how an attempt is reported).
class HttpsTransport {
 public:
  // Validates `options` (base URL, CA file, limits) and starts the threads.
  static absl::StatusOr<std::unique_ptr<HttpsTransport>> Create(
      const ClientOptions& options);

  // Cancels every call still running (their callbacks get CANCELLED), waits
  // for them and stops the threads. On one of the transport's own threads
  // (a callback dropped the last owner) it returns at once and a thread of
  // its own does that after the callback.
  ~HttpsTransport();

  HttpsTransport(const HttpsTransport&) = delete;
  HttpsTransport& operator=(const HttpsTransport&) = delete;

  // Starts `request`; `on_body` interprets each HTTP 200 body, `done` gets
  // the final status exactly once, on a transport thread. Never blocks.
  CallHandle Execute(HttpRequest request, BodyHandler on_body,
                     DoneCallback done);

  // A snapshot of the counters.
  ClientStats Stats() const;

  // True on one of this process's transport threads (blocking there would
  // deadlock).
  static bool OnTransportThread();

  class Impl;

 private:
  explicit HttpsTransport(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sslstore::client::internal

#endif  // SSLSTORE_CLIENT_HTTPS_TRANSPORT_H_
