#ifndef SSLSTORE_CLIENT_TRANSPORT_CALL_H_
#define SSLSTORE_CLIENT_TRANSPORT_CALL_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "sslstore_client/backoff_policy.h"
#include "sslstore_client/call_handle.h"
#include "sslstore_client/call_registry.h"
#include "sslstore_client/client_options.h"
#include "sslstore_client/connection_pool.h"
#include "sslstore_client/https_session.h"
#include "sslstore_client/https_transport.h"

namespace sslstore::client::internal {

// The session configuration `options` describe: the parsed base URL, the
// timeouts, and the proxy ChooseProxy picks with `environment`.
// INVALID_ARGUMENT for a bad base URL or proxy URL.
absl::StatusOr<SessionConfig> MakeSessionConfig(
    const ClientOptions& options, const ProxyEnvironment& environment);

// What the calls of one transport share. Owned by the transport; outlives
// every call.
struct TransportShared {
  TransportShared(const ClientOptions& client_options, SessionConfig config,
                  net::io_context& io, net::ssl::context& tls);

  const ClientOptions options;
  const SessionConfig session;
  net::io_context& ioc;
  ConnectionPool pool;
  CallRegistry calls;
  // Cloned by each call: the retry policy's back-off.
  const BackoffPolicy backoff;
  std::atomic<int64_t> attempts{0};
  std::atomic<int64_t> retries{0};
};

// One WBAPI call: the retry loop around its attempts. Each attempt takes a
// pooled connection (waiting for one if need be) and runs an HttpsSession on
// it; a failed attempt of an idempotent request is retried after the
// back-off (or the server's Retry-After) while retries and time are left.
// Reports each attempt to on_call, traces requests and responses, and calls
// `done` once. All its state lives on its own strand; Start and Cancel may be
// called from any thread.
class TransportCall : public Cancellable,
                      public std::enable_shared_from_this<TransportCall> {
 public:
  TransportCall(TransportShared& shared, HttpRequest request,
                BodyHandler on_body, DoneCallback done);

  // Begins the first attempt: at once when called on a transport thread
  // (a call started from another call's callback saves a hand-off), else
  // on the call's strand. Never completes the call before returning.
  void Start();

  // Asks the call to stop; it then completes with CANCELLED unless it had
  // already completed.
  void Cancel() override;

 private:
  void OnCancel();
  void NextAttempt();
  void OnConnection(std::shared_ptr<HttpsConnection> connection);
  void OnQueueTimeout(const absl::Status& wake);
  void OnAttemptEnd(AttemptEnd end);
  void OnReply(HttpReply& reply);
  void AttemptFailed(absl::Status error,
                     std::optional<absl::Duration> retry_after);
  void OnBackoffDone(const absl::Status& wake);
  void Finish(absl::Status status);
  void ReportAttempt(const absl::Status& status);
  void Trace(absl::string_view what, absl::string_view body);

  absl::Duration Remaining() const;
  absl::Status DeadlineError() const;
  Sleeper& Waiter();

  TransportShared& shared_;
  // Its body is dropped once traced (the wire carries it).
  HttpRequest request_;
  BodyHandler on_body_;
  DoneCallback done_;
  const CallStrand strand_;
  const absl::Time deadline_;
  // The request's bytes, written by every attempt.
  const std::string wire_;
  BackoffPolicy backoff_;
  // Waits for a pooled connection and between attempts (made on first use).
  std::unique_ptr<Sleeper> waiter_;
  std::shared_ptr<HttpsSession> session_;
  int attempts_ = 0;
  int last_http_status_ = 0;
  // The current attempt: start, HTTP status (0 = none), timed out; and the
  // attempts already reported to on_call.
  absl::Time attempt_started_;
  int attempt_http_status_ = 0;
  bool attempt_timed_out_ = false;
  int reported_attempts_ = 0;
  // Set while the first attempt runs inside Start: Finish then defers.
  bool starting_ = false;
  bool queued_ = false;
  bool cancelled_ = false;
  bool finished_ = false;
};

}  // namespace sslstore::client::internal

#endif  // SSLSTORE_CLIENT_TRANSPORT_CALL_H_
