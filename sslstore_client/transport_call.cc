#include "sslstore_client/transport_call.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "sslstore_client/errors.h"
#include "sslstore_client/redact.h"
#include "sslstore_client/request_wire.h"
#include "sslstore_client/retry_rules.h"

namespace sslstore::client::internal {
namespace {

// Trace lines carry at most this much of a body.
constexpr size_t kMaxTracedBody = 64 << 10;

// A Sleeper on a timer of the call's strand: wakes run on that strand.
class StrandSleeper : public Sleeper {
 public:
  explicit StrandSleeper(const CallStrand& strand) : timer_(strand) {}

  void Sleep(absl::Duration delay, Wake wake) override {
    timer_.expires_after(std::chrono::duration_cast<Clock::duration>(
        absl::ToChronoNanoseconds(std::max(delay, absl::ZeroDuration()))));
    timer_.async_wait(
        [wake = std::move(wake)](boost::system::error_code ec) mutable {
          std::move(wake)(ec ? absl::CancelledError("sleep cancelled")
                             : absl::OkStatus());
        });
  }

  void Cancel() override { timer_.cancel(); }

 private:
  using Clock = std::chrono::steady_clock;
  net::basic_waitable_timer<Clock, net::wait_traits<Clock>, CallStrand> timer_;
};

}  // namespace

absl::StatusOr<SessionConfig> MakeSessionConfig(
    const ClientOptions& options, const ProxyEnvironment& environment) {
  absl::StatusOr<BaseUrl> url = ParseBaseUrl(options.base_url);
  if (!url.ok()) return url.status();
  const HostPort target{url->host, url->port, url->host_is_ip};
  absl::StatusOr<std::optional<ProxyServer>> proxy =
      ChooseProxy(options.proxy, environment, target);
  if (!proxy.ok()) return proxy.status();
  SessionConfig config;
  config.host_port =
      absl::StrCat(url->HostHeader(), url->port == 443 ? ":443" : "");
  config.url = *std::move(url);
  config.connect_timeout = options.connect_timeout;
  config.request_timeout = options.request_timeout;
  config.order_request_timeout = options.order_request_timeout;
  config.max_response_bytes = options.max_response_bytes;
  if (proxy->has_value()) {
    config.connect_request = ConnectRequest(**proxy, target);
    config.proxy = *std::move(*proxy);
  }
  return config;
}

TransportShared::TransportShared(const ClientOptions& client_options,
                                 SessionConfig config, net::io_context& io,
                                 net::ssl::context& tls)
    : options(client_options),
      session(std::move(config)),
      ioc(io),
      pool(io, tls, client_options.max_connections_per_host,
           client_options.idle_timeout),
      backoff(BackoffOptions(client_options.retry)) {}

TransportCall::TransportCall(TransportShared& shared, HttpRequest request,
                             BodyHandler on_body, DoneCallback done)
    : shared_(shared),
      request_(std::move(request)),
      on_body_(std::move(on_body)),
      done_(std::move(done)),
      strand_(net::make_strand(shared.ioc)),
      deadline_(absl::Now() + shared.options.total_timeout),
      wire_(RequestWire(request_.get, shared.session.url.Target(request_.path),
                        shared.session.url, shared.options.user_agent,
                        request_.body)),
      backoff_(shared.backoff.Clone()) {}

void TransportCall::Start() {
  if (shared_.options.trace) {
    Trace(absl::StrCat("request: ", request_.get ? "GET " : "POST ",
                       shared_.session.url.Target(request_.path), " "),
          request_.get ? "" : request_.body);
  }
  request_.body = std::string();
  auto first_attempt = [self = shared_from_this()] {
    self->starting_ = true;
    self->NextAttempt();
    self->starting_ = false;
  };
  if (HttpsTransport::OnTransportThread()) {
    return net::dispatch(strand_, std::move(first_attempt));
  }
  net::post(strand_, std::move(first_attempt));
}

void TransportCall::Cancel() {
  net::post(strand_, [self = shared_from_this()] { self->OnCancel(); });
}

void TransportCall::OnCancel() {
  if (finished_ || cancelled_) return;
  cancelled_ = true;
  if (queued_ && shared_.pool.CancelWait(this)) {
    queued_ = false;
    Waiter().Cancel();
    return Finish(MakeError(ErrorKind::kCancelled, "cancelled"));
  }
  if (session_ != nullptr) session_->Cancel();
  if (waiter_ != nullptr) waiter_->Cancel();
}

void TransportCall::NextAttempt() {
  if (cancelled_) return Finish(MakeError(ErrorKind::kCancelled, "cancelled"));
  if (Remaining() <= absl::ZeroDuration()) return Finish(DeadlineError());
  ++attempts_;
  attempt_started_ = absl::Now();
  attempt_http_status_ = 0;
  attempt_timed_out_ = false;
  shared_.attempts.fetch_add(1, std::memory_order_relaxed);
  if (attempts_ > 1) shared_.retries.fetch_add(1, std::memory_order_relaxed);
  std::shared_ptr<HttpsConnection> connection = shared_.pool.Acquire(
      this, [self = shared_from_this()](
                std::shared_ptr<HttpsConnection> granted) mutable {
        CallStrand strand = self->strand_;
        net::post(strand, [self = std::move(self),
                           granted = std::move(granted)]() mutable {
          self->OnConnection(std::move(granted));
        });
      });
  if (connection != nullptr) return OnConnection(std::move(connection));
  queued_ = true;
  Waiter().Sleep(Remaining(),
                 [self = shared_from_this()](const absl::Status& wake) {
                   self->OnQueueTimeout(wake);
                 });
}

void TransportCall::OnQueueTimeout(const absl::Status& wake) {
  if (!wake.ok() || !queued_ || !shared_.pool.CancelWait(this)) return;
  queued_ = false;
  Finish(DeadlineError());
}

void TransportCall::OnConnection(std::shared_ptr<HttpsConnection> connection) {
  if (queued_) {
    queued_ = false;
    Waiter().Cancel();
  }
  if (cancelled_) {
    const bool reusable = connection->connected;
    shared_.pool.Release(std::move(connection), reusable);
    return Finish(MakeError(ErrorKind::kCancelled, "cancelled"));
  }
  session_ = std::make_shared<HttpsSession>(
      strand_, shared_.session, std::move(connection), wire_,
      request_.idempotent ? shared_.session.request_timeout
                          : shared_.session.order_request_timeout,
      deadline_, [self = shared_from_this()](AttemptEnd end) {
        self->OnAttemptEnd(std::move(end));
      });
  session_->Run();
}

void TransportCall::OnAttemptEnd(AttemptEnd end) {
  session_.reset();
  if (end.connection != nullptr) {
    shared_.pool.Release(std::move(end.connection), end.reusable);
  }
  attempt_timed_out_ = end.timed_out;
  switch (end.kind) {
    case AttemptEnd::Kind::kReply:
      return OnReply(end.reply);
    case AttemptEnd::Kind::kStepFailed:
      if (cancelled_) {
        return Finish(MakeError(ErrorKind::kCancelled, "cancelled"));
      }
      if (Remaining() <= absl::ZeroDuration()) return Finish(DeadlineError());
      return AttemptFailed(std::move(end.error), std::nullopt);
    case AttemptEnd::Kind::kAttemptFailed:
      return AttemptFailed(std::move(end.error), std::nullopt);
    case AttemptEnd::Kind::kCallFailed:
      return Finish(std::move(end.error));
  }
}

void TransportCall::OnReply(HttpReply& reply) {
  last_http_status_ = reply.status;
  attempt_http_status_ = reply.status;
  if (shared_.options.trace) {
    Trace(absl::StrCat("response: ", shared_.session.url.Target(request_.path),
                       " HTTP ", reply.status, " (", reply.body.size(),
                       " bytes, attempt ", attempts_, ") "),
          reply.body);
  }
  if (reply.status == 200) {
    absl::Status outcome = on_body_(reply.body);
    if (outcome.ok()) return Finish(std::move(outcome));
    return AttemptFailed(std::move(outcome), std::nullopt);
  }
  std::optional<absl::Duration> retry_after;
  if (reply.status == 429) {
    retry_after = ParseRetryAfter(reply.retry_after, absl::Now());
  }
  AttemptFailed(HttpStatusError(reply.status, reply.reason), retry_after);
}

void TransportCall::AttemptFailed(absl::Status error,
                                  std::optional<absl::Duration> retry_after) {
  ReportAttempt(error);
  if (cancelled_) return Finish(MakeError(ErrorKind::kCancelled, "cancelled"));
  const RetryPolicy& policy = shared_.options.retry;
  if (!MayRetry(error, request_.idempotent, attempts_, policy.max_retries)) {
    return Finish(std::move(error));
  }
  const absl::Duration delay =
      RetryWait(backoff_.NextDelay(), retry_after, policy.max_retry_after);
  if (delay >= Remaining()) return Finish(std::move(error));
  Waiter().Sleep(delay, [self = shared_from_this()](const absl::Status& wake) {
    self->OnBackoffDone(wake);
  });
}

void TransportCall::OnBackoffDone(const absl::Status& /*wake*/) {
  if (cancelled_) return Finish(MakeError(ErrorKind::kCancelled, "cancelled"));
  NextAttempt();
}

void TransportCall::Finish(absl::Status status) {
  if (starting_) {
    return net::post(
        strand_, [self = shared_from_this(), status] { self->Finish(status); });
  }
  if (finished_) return;
  finished_ = true;
  ReportAttempt(status);
  if (!status.ok()) {
    status = RedactStatus(
        AddCallContext(status, request_.path, attempts_, last_http_status_),
        shared_.options.auth_token);
  }
  DoneCallback done = std::move(done_);
  done_ = nullptr;
  on_body_ = nullptr;
  shared_.calls.Remove(this);
  done(std::move(status));
}

void TransportCall::ReportAttempt(const absl::Status& status) {
  if (reported_attempts_ >= attempts_) return;
  reported_attempts_ = attempts_;
  if (!shared_.options.on_call) return;
  UpstreamCallEvent event;
  event.endpoint = request_.path;
  event.outcome =
      ClassifyAttempt(status, attempt_http_status_, attempt_timed_out_);
  event.attempt = attempts_;
  event.http_status = attempt_http_status_;
  event.duration = absl::Now() - attempt_started_;
  shared_.options.on_call(event);
}

void TransportCall::Trace(absl::string_view what, absl::string_view body) {
  shared_.options.trace(
      Redact(absl::StrCat("WBAPI ", what, body.substr(0, kMaxTracedBody)),
             shared_.options.auth_token));
}

absl::Duration TransportCall::Remaining() const {
  return deadline_ - absl::Now();
}

absl::Status TransportCall::DeadlineError() const {
  return MakeError(
      ErrorKind::kDeadline,
      absl::StrCat("total timeout of ",
                   absl::FormatDuration(shared_.options.total_timeout),
                   " exceeded"));
}

Sleeper& TransportCall::Waiter() {
  if (waiter_ == nullptr) waiter_ = std::make_unique<StrandSleeper>(strand_);
  return *waiter_;
}

}  // namespace sslstore::client::internal
