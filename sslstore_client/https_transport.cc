#include "sslstore_client/https_transport.h"

#include <sys/socket.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cerrno>
#include <deque>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "sslstore_client/base_url.h"
#include "sslstore_client/errors.h"
#include "sslstore_client/redact.h"
#include "sslstore_client/retry_backoff.h"
#include "sslstore_client/tls_setup.h"

namespace sslstore::client::internal {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using Strand = net::strand<net::io_context::executor_type>;
using Stream = beast::ssl_stream<beast::tcp_stream>;
using ErrorCode = beast::error_code;

thread_local bool tl_on_transport_thread = false;

// Trace lines carry at most this much of a body.
constexpr size_t kMaxTracedBody = 64 << 10;
constexpr uint32_t kMaxHeaderBytes = 64 << 10;

absl::string_view Sv(beast::string_view s) { return {s.data(), s.size()}; }

std::chrono::steady_clock::duration ToChrono(absl::Duration d) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      absl::ToChronoNanoseconds(std::max(d, absl::ZeroDuration())));
}

// One keep-alive TLS connection. Its stream, resolver and buffer are only
// touched on `strand`; `owner` names the call using it (also strand-only).
struct Connection {
  Connection(Strand s, ssl::context& ctx)
      : strand(s), stream(s, ctx), resolver(s) {}

  Strand strand;
  Stream stream;
  tcp::resolver resolver;
  beast::flat_buffer buffer;
  bool connected = false;
  absl::Time idle_since;
  const void* owner = nullptr;
};

// True when an idle connection can carry another request: not idle too
// long, and the peer has neither closed it nor sent anything unasked.
bool StillUsable(Connection& c, absl::Time now, absl::Duration idle_timeout) {
  if (now - c.idle_since > idle_timeout) return false;
  auto& socket = beast::get_lowest_layer(c.stream).socket();
  if (!socket.is_open()) return false;
  char byte;
  ssize_t n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

// The same status with the secret removed from its message.
absl::Status RedactStatus(const absl::Status& status,
                          absl::string_view secret) {
  std::string message = Redact(status.message(), secret);
  if (message == status.message()) return status;
  absl::Status out(status.code(), message);
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) {
    out.SetPayload(url, payload);
  });
  return out;
}

// How an attempt that ended with `status` is reported to on_call.
UpstreamOutcome ClassifyAttempt(const absl::Status& status, int http_status,
                                bool timed_out) {
  if (status.ok()) return UpstreamOutcome::kOk;
  const std::optional<ErrorInfo> info = GetErrorInfo(status);
  const ErrorKind kind = info.has_value() ? info->kind : ErrorKind::kTransport;
  switch (kind) {
    case ErrorKind::kBusiness:
      return UpstreamOutcome::kSslStoreError;
    case ErrorKind::kAuthentication:
      return UpstreamOutcome::kAuthError;
    case ErrorKind::kBadResponse:
      return UpstreamOutcome::kBadResponse;
    case ErrorKind::kTls:
      return UpstreamOutcome::kTls;
    case ErrorKind::kDeadline:
      return UpstreamOutcome::kDeadline;
    case ErrorKind::kCancelled:
      return UpstreamOutcome::kCancelled;
    case ErrorKind::kTransport:
      break;
  }
  if (http_status >= 500) return UpstreamOutcome::kHttp5xx;
  if (http_status == 429) return UpstreamOutcome::kHttp429;
  if (timed_out) return UpstreamOutcome::kTimeout;
  return UpstreamOutcome::kTransport;
}

}  // namespace

class Call;

class HttpsTransport::Impl {
 public:
  Impl(const ClientOptions& options, BaseUrl url)
      : options_(options),
        url_(std::move(url)),
        ioc_(std::max(1, options.io_threads)) {}

  absl::Status Init() {
    if (absl::Status s =
            ConfigureTlsContext(ssl_ctx_.native_handle(), options_.ca_file);
        !s.ok()) {
      return s;
    }
    work_.emplace(net::make_work_guard(ioc_));
    int threads = std::max(1, options_.io_threads);
    for (int i = 0; i < threads; ++i) {
      threads_.emplace_back([this] {
        tl_on_transport_thread = true;
        ioc_.run();
      });
    }
    return absl::OkStatus();
  }

  void Shutdown();

  CallHandle Execute(HttpRequest request, BodyHandler on_body,
                     DoneCallback done);

  TransportStats Stats() {
    absl::MutexLock lock(&mu_);
    TransportStats s;
    s.active_calls = static_cast<int>(active_.size());
    s.open_connections = open_;
    s.idle_connections = static_cast<int>(idle_.size());
    s.waiting_calls = static_cast<int>(waiters_.size());
    s.connections_opened = connections_opened_;
    s.attempts = attempts_;
    s.retries = retries_;
    return s;
  }

  // Pool: a connection for `call`, or null when it was queued (it is then
  // started later through Call::StartOnConnection).
  std::shared_ptr<Connection> Acquire(const std::shared_ptr<Call>& call);
  // Pool: returns a connection after use; `reusable` when it may carry
  // another request. Hands it (or a fresh one) to the next waiting call.
  void Release(std::shared_ptr<Connection> conn, bool reusable);
  // Pool: removes `call` from the queue; false when it was not queued.
  bool RemoveWaiter(const Call* call) {
    absl::MutexLock lock(&mu_);
    for (auto it = waiters_.begin(); it != waiters_.end(); ++it) {
      if (it->get() == call) {
        waiters_.erase(it);
        return true;
      }
    }
    return false;
  }

  void Unregister(const Call* call) {
    absl::MutexLock lock(&mu_);
    active_.erase(call);
  }

  void CountAttempt(bool retry) {
    absl::MutexLock lock(&mu_);
    ++attempts_;
    if (retry) ++retries_;
  }

  void Trace(absl::string_view line) {
    if (options_.trace) options_.trace(Redact(line, options_.auth_token));
  }
  bool tracing() const { return static_cast<bool>(options_.trace); }

  const ClientOptions& options() const { return options_; }
  const BaseUrl& url() const { return url_; }
  net::io_context& ioc() { return ioc_; }

 private:
  // Starts the next waiter on `conn` (mu_ held).
  void GrantLocked(std::shared_ptr<Connection> conn);
  std::shared_ptr<Connection> NewConnectionLocked() {
    ++open_;
    ++connections_opened_;
    return std::make_shared<Connection>(net::make_strand(ioc_), ssl_ctx_);
  }

  const ClientOptions options_;
  const BaseUrl url_;
  ssl::context ssl_ctx_{ssl::context::tls_client};
  net::io_context ioc_;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work_;
  std::vector<std::thread> threads_;

  absl::Mutex mu_;
  absl::flat_hash_map<const Call*, std::weak_ptr<Call>> active_
      ABSL_GUARDED_BY(mu_);
  std::vector<std::shared_ptr<Connection>> idle_ ABSL_GUARDED_BY(mu_);
  std::deque<std::shared_ptr<Call>> waiters_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t connections_opened_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t attempts_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t retries_ ABSL_GUARDED_BY(mu_) = 0;

  friend class Call;
};

// One WBAPI call: attempts, back-off waits and the final callback. Each
// attempt runs on its connection's strand; waits run on the call's strand.
class Call : public Cancellable, public std::enable_shared_from_this<Call> {
 public:
  using Impl = HttpsTransport::Impl;

  Call(Impl* impl, HttpRequest request, BodyHandler on_body, DoneCallback done)
      : impl_(impl),
        request_(std::move(request)),
        on_body_(std::move(on_body)),
        done_(std::move(done)),
        strand_(net::make_strand(impl->ioc())),
        timer_(strand_),
        deadline_(absl::Now() + impl->options().total_timeout) {
    const BaseUrl& url = impl_->url();
    req_.method(request_.get ? http::verb::get : http::verb::post);
    req_.target(url.Target(request_.path));
    req_.version(11);
    req_.set(http::field::host, url.HostHeader());
    req_.set(http::field::user_agent, impl_->options().user_agent);
    req_.set(http::field::accept, "application/json");
    if (!request_.get) {
      req_.set(http::field::content_type, "application/json; charset=utf-8");
      req_.body() = std::move(request_.body);
    }
    req_.keep_alive(true);
    req_.prepare_payload();
  }

  void Start() {
    if (impl_->tracing()) {
      impl_->Trace(absl::StrCat(
          "WBAPI request: ", request_.get ? "GET " : "POST ", Sv(req_.target()),
          " ", req_.body().substr(0, kMaxTracedBody)));
    }
    net::post(strand_, [self = shared_from_this()] { self->NextAttempt(); });
  }

  void Cancel() override {
    if (finished_.load() || cancelled_.exchange(true)) return;
    auto self = shared_from_this();
    if (impl_->RemoveWaiter(this)) {
      net::post(strand_, [self] {
        self->timer_.cancel();
        self->Finish(CancelledError());
      });
      return;
    }
    std::shared_ptr<Connection> conn;
    {
      absl::MutexLock lock(&mu_);
      conn = conn_;
    }
    if (conn != nullptr) {
      net::post(conn->strand, [self, conn] {
        if (conn->owner != self.get()) return;
        conn->resolver.cancel();
        beast::get_lowest_layer(conn->stream).cancel();
      });
    }
    net::post(strand_, [self] { self->timer_.cancel(); });
  }

  // Runs on `conn`'s strand once the pool gives this call a connection.
  void StartOnConnection(std::shared_ptr<Connection> conn) {
    conn->owner = this;
    {
      absl::MutexLock lock(&mu_);
      conn_ = conn;
    }
    if (queued_.exchange(false)) {
      net::post(strand_,
                [self = shared_from_this()] { self->timer_.cancel(); });
    }
    if (cancelled_.load()) {
      ReleaseConnection(conn->connected);
      Finish(CancelledError());
      return;
    }
    if (conn->connected) {
      Send();
    } else {
      Resolve();
    }
  }

 private:
  static absl::Status CancelledError() {
    return MakeError(ErrorKind::kCancelled, "cancelled");
  }

  absl::Duration Remaining() const { return deadline_ - absl::Now(); }

  absl::Status DeadlineError() const {
    return MakeError(
        ErrorKind::kDeadline,
        absl::StrCat("total timeout of ",
                     absl::FormatDuration(impl_->options().total_timeout),
                     " exceeded"));
  }

  std::shared_ptr<Connection> Conn() {
    absl::MutexLock lock(&mu_);
    return conn_;
  }

  // Runs on strand_.
  void NextAttempt() {
    if (cancelled_.load()) return Finish(CancelledError());
    if (Remaining() <= absl::ZeroDuration()) return Finish(DeadlineError());
    ++attempts_;
    attempt_started_ = absl::Now();
    attempt_http_status_ = 0;
    attempt_timed_out_ = false;
    impl_->CountAttempt(attempts_ > 1);
    queued_.store(true);
    std::shared_ptr<Connection> conn = impl_->Acquire(shared_from_this());
    if (conn != nullptr) {
      queued_.store(false);
      net::post(conn->strand, [self = shared_from_this(), conn] {
        self->StartOnConnection(conn);
      });
      return;
    }
    // Queued: give up at the deadline unless a connection comes first.
    timer_.expires_after(ToChrono(Remaining()));
    timer_.async_wait([self = shared_from_this()](ErrorCode ec) {
      if (ec == net::error::operation_aborted) return;
      if (self->impl_->RemoveWaiter(self.get())) {
        self->Finish(self->DeadlineError());
      }
    });
  }

  // Arms the connection's timer for a step: the step's own limit, or what
  // is left of the total, whichever is shorter.
  bool ArmStep(Connection& conn, absl::Duration step) {
    absl::Duration left = Remaining();
    if (left <= absl::ZeroDuration()) return false;
    beast::get_lowest_layer(conn.stream)
        .expires_after(ToChrono(std::min(step, left)));
    return true;
  }

  void Resolve() {
    std::shared_ptr<Connection> conn = Conn();
    const BaseUrl& url = impl_->url();
    if (absl::Status s = PrepareTlsSession(conn->stream.native_handle(), url);
        !s.ok()) {
      ReleaseConnection(false);
      return Finish(MakeError(ErrorKind::kTransport, s.message()));
    }
    conn->resolver.async_resolve(
        url.host, absl::StrCat(url.port),
        beast::bind_front_handler(&Call::OnResolve, shared_from_this()));
  }

  void OnResolve(ErrorCode ec, tcp::resolver::results_type results) {
    if (ec) return StepFailed("resolving", ec);
    std::shared_ptr<Connection> conn = Conn();
    if (cancelled_.load()) return StepFailed("resolving", ec);
    if (!ArmStep(*conn, impl_->options().connect_timeout)) {
      return StepFailed("connecting", beast::error::timeout);
    }
    beast::get_lowest_layer(conn->stream)
        .async_connect(results, beast::bind_front_handler(&Call::OnConnect,
                                                          shared_from_this()));
  }

  void OnConnect(ErrorCode ec, tcp::endpoint) {
    if (ec || cancelled_.load()) return StepFailed("connecting", ec);
    std::shared_ptr<Connection> conn = Conn();
    if (!ArmStep(*conn, impl_->options().connect_timeout)) {
      return StepFailed("TLS handshake", beast::error::timeout);
    }
    conn->stream.async_handshake(
        ssl::stream_base::client,
        beast::bind_front_handler(&Call::OnHandshake, shared_from_this()));
  }

  void OnHandshake(ErrorCode ec) {
    std::shared_ptr<Connection> conn = Conn();
    if (ec) {
      std::string why =
          DescribeVerifyFailure(conn->stream.native_handle(), impl_->url());
      if (!why.empty()) {
        ReleaseConnection(false);
        return AttemptFailed(
            MakeError(ErrorKind::kTls,
                      absl::StrCat("TLS handshake with ", HostPort(),
                                   " failed: ", why)),
            std::nullopt);
      }
      return StepFailed("TLS handshake", ec);
    }
    if (cancelled_.load()) return StepFailed("TLS handshake", ec);
    conn->connected = true;
    Send();
  }

  void Send() {
    std::shared_ptr<Connection> conn = Conn();
    if (!ArmStep(*conn, impl_->options().request_timeout)) {
      return StepFailed("sending the request", beast::error::timeout);
    }
    http::async_write(
        conn->stream, req_,
        beast::bind_front_handler(&Call::OnWrite, shared_from_this()));
  }

  void OnWrite(ErrorCode ec, size_t) {
    if (ec || cancelled_.load()) return StepFailed("sending the request", ec);
    std::shared_ptr<Connection> conn = Conn();
    parser_.emplace();
    parser_->body_limit(impl_->options().max_response_bytes);
    parser_->header_limit(kMaxHeaderBytes);
    // The header first: Beast 1.74 does not stop at the body limit when the
    // body's first bytes arrive with the header (and a huge Content-Length
    // would be reserved up front), so the length is checked here.
    http::async_read_header(
        conn->stream, conn->buffer, *parser_,
        beast::bind_front_handler(&Call::OnReadHeader, shared_from_this()));
  }

  void OnReadHeader(ErrorCode ec, size_t) {
    if (ec == http::error::body_limit || ec == http::error::header_limit ||
        (!ec && parser_->content_length().has_value() &&
         *parser_->content_length() > impl_->options().max_response_bytes)) {
      return ResponseTooLarge();
    }
    if (ec || cancelled_.load()) return StepFailed("reading the response", ec);
    if (parser_->is_done()) return OnRead(ec, 0);
    std::shared_ptr<Connection> conn = Conn();
    http::async_read(
        conn->stream, conn->buffer, *parser_,
        beast::bind_front_handler(&Call::OnRead, shared_from_this()));
  }

  void OnRead(ErrorCode ec, size_t) {
    if (ec == http::error::body_limit || ec == http::error::header_limit) {
      return ResponseTooLarge();
    }
    if (ec || cancelled_.load()) return StepFailed("reading the response", ec);
    std::shared_ptr<Connection> conn = Conn();
    http::response<http::string_body> response = parser_->release();
    parser_.reset();
    ReleaseConnection(response.keep_alive() && conn->buffer.size() == 0);
    HandleResponse(response);
  }

  void ResponseTooLarge() {
    ReleaseConnection(false);
    parser_.reset();
    AttemptFailed(MakeError(ErrorKind::kBadResponse,
                            absl::StrCat("response exceeds the limit of ",
                                         impl_->options().max_response_bytes,
                                         " body bytes")),
                  std::nullopt);
  }

  void HandleResponse(http::response<http::string_body>& response) {
    int status = static_cast<int>(response.result_int());
    last_http_status_ = status;
    attempt_http_status_ = status;
    if (impl_->tracing()) {
      impl_->Trace(absl::StrCat("WBAPI response: ", Sv(req_.target()), " HTTP ",
                                status, " (", response.body().size(),
                                " bytes, attempt ", attempts_, ") ",
                                response.body().substr(0, kMaxTracedBody)));
    }
    if (status == 200) {
      absl::Status outcome = on_body_(response.body());
      if (outcome.ok()) return Finish(outcome);
      return AttemptFailed(outcome, std::nullopt);
    }
    std::string reason(response.reason());
    std::string what =
        absl::StrCat("HTTP ", status, reason.empty() ? "" : " ", reason);
    if (status == 429 || status >= 500) {
      std::optional<absl::Duration> retry_after;
      if (status == 429) {
        retry_after = ParseRetryAfter(Sv(response[http::field::retry_after]),
                                      absl::Now());
      }
      return AttemptFailed(MakeError(ErrorKind::kTransport,
                                     absl::StrCat("server replied ", what),
                                     /*transient=*/true),
                           retry_after);
    }
    AttemptFailed(
        MakeError(ErrorKind::kBadResponse, absl::StrCat("unexpected ", what)),
        std::nullopt);
  }

  std::string HostPort() const {
    return absl::StrCat(impl_->url().HostHeader(),
                        impl_->url().port == 443 ? ":443" : "");
  }

  // A failed network step: the connection is dropped and the error
  // classified (cancelled, total deadline, or a transient transport error).
  void StepFailed(absl::string_view step, ErrorCode ec) {
    if (ec == beast::error::timeout) attempt_timed_out_ = true;
    ReleaseConnection(false);
    parser_.reset();
    if (cancelled_.load()) return Finish(CancelledError());
    if (Remaining() <= absl::ZeroDuration()) return Finish(DeadlineError());
    std::string why =
        ec == beast::error::timeout ? std::string("timed out") : ec.message();
    if (ec == http::error::end_of_stream ||
        ec == http::error::partial_message ||
        ec == ssl::error::stream_truncated || ec == net::error::eof) {
      why =
          absl::StrCat("connection closed by the server (", ec.message(), ")");
    }
    AttemptFailed(MakeError(ErrorKind::kTransport,
                            absl::StrCat(step, " ", HostPort(), ": ", why),
                            /*transient=*/true),
                  std::nullopt);
  }

  // Retries `error` after a back-off when allowed, else finishes with it.
  void AttemptFailed(absl::Status error,
                     std::optional<absl::Duration> retry_after) {
    ReportAttempt(error);
    if (cancelled_.load()) return Finish(CancelledError());
    std::optional<ErrorInfo> info = GetErrorInfo(error);
    const RetryPolicy& policy = impl_->options().retry;
    bool transient = info.has_value() && info->transient;
    if (!request_.idempotent || !transient || attempts_ > policy.max_retries) {
      return Finish(error);
    }
    thread_local absl::InsecureBitGen gen;
    absl::Duration delay =
        BackoffDelay(policy, attempts_, absl::Uniform(gen, 0.0, 1.0));
    if (retry_after.has_value()) {
      delay = std::max(delay, std::min(*retry_after, policy.max_retry_after));
    }
    if (delay >= Remaining()) return Finish(error);
    net::post(strand_, [self = shared_from_this(), delay] {
      if (self->cancelled_.load()) return self->Finish(CancelledError());
      self->timer_.expires_after(ToChrono(delay));
      self->timer_.async_wait([self](ErrorCode) {
        if (self->cancelled_.load()) return self->Finish(CancelledError());
        self->NextAttempt();
      });
    });
  }

  // Gives the current connection back to the pool (on its strand).
  void ReleaseConnection(bool reusable) {
    std::shared_ptr<Connection> conn;
    {
      absl::MutexLock lock(&mu_);
      conn = std::move(conn_);
      conn_ = nullptr;
    }
    if (conn == nullptr) return;
    conn->owner = nullptr;
    impl_->Release(std::move(conn), reusable);
  }

  void Finish(absl::Status status) {
    if (finished_.exchange(true)) return;
    ReportAttempt(status);
    if (!status.ok()) {
      status = RedactStatus(
          AddCallContext(status, request_.path, attempts_, last_http_status_),
          impl_->options().auth_token);
    }
    DoneCallback done = std::move(done_);
    done_ = nullptr;
    on_body_ = nullptr;
    impl_->Unregister(this);
    done(std::move(status));
  }

  // Tells ClientOptions::on_call how the current attempt ended (once per
  // attempt; nothing before the first attempt).
  void ReportAttempt(const absl::Status& status) {
    if (reported_attempts_ >= attempts_) return;
    reported_attempts_ = attempts_;
    const ClientOptions& options = impl_->options();
    if (!options.on_call) return;
    UpstreamCallEvent event;
    event.endpoint = request_.path;
    event.outcome =
        ClassifyAttempt(status, attempt_http_status_, attempt_timed_out_);
    event.attempt = attempts_;
    event.http_status = attempt_http_status_;
    event.duration = absl::Now() - attempt_started_;
    options.on_call(event);
  }

  Impl* const impl_;
  HttpRequest request_;
  BodyHandler on_body_;
  DoneCallback done_;
  Strand strand_;
  net::steady_timer timer_;  // Back-off and queue waits; strand_ only.
  const absl::Time deadline_;
  http::request<http::string_body> req_;
  std::optional<http::response_parser<http::string_body>> parser_;
  // Advanced by the one step running at a time (handed over by post()).
  int attempts_ = 0;
  int last_http_status_ = 0;
  // The current attempt: start, HTTP status (0 = none), timed out; and the
  // attempts already reported to on_call.
  absl::Time attempt_started_;
  int attempt_http_status_ = 0;
  bool attempt_timed_out_ = false;
  int reported_attempts_ = 0;
  std::atomic<bool> cancelled_{false};
  std::atomic<bool> finished_{false};
  std::atomic<bool> queued_{false};
  absl::Mutex mu_;
  std::shared_ptr<Connection> conn_ ABSL_GUARDED_BY(mu_);
};

CallHandle HttpsTransport::Impl::Execute(HttpRequest request,
                                         BodyHandler on_body,
                                         DoneCallback done) {
  auto call = std::make_shared<Call>(this, std::move(request),
                                     std::move(on_body), std::move(done));
  {
    absl::MutexLock lock(&mu_);
    active_[call.get()] = call;
  }
  call->Start();
  return CallHandle(call);
}

std::shared_ptr<Connection> HttpsTransport::Impl::Acquire(
    const std::shared_ptr<Call>& call) {
  absl::Time now = absl::Now();
  std::vector<std::shared_ptr<Connection>> stale;
  std::shared_ptr<Connection> conn;
  {
    absl::MutexLock lock(&mu_);
    while (!idle_.empty() && conn == nullptr) {
      std::shared_ptr<Connection> candidate = std::move(idle_.back());
      idle_.pop_back();
      if (StillUsable(*candidate, now, options_.idle_timeout)) {
        conn = std::move(candidate);
      } else {
        --open_;
        stale.push_back(std::move(candidate));
      }
    }
    if (conn == nullptr) {
      if (open_ < std::max(1, options_.max_connections_per_host)) {
        conn = NewConnectionLocked();
      } else {
        waiters_.push_back(call);
      }
    }
  }
  return conn;  // `stale` ones close here, outside the lock.
}

void HttpsTransport::Impl::Release(std::shared_ptr<Connection> conn,
                                   bool reusable) {
  absl::MutexLock lock(&mu_);
  if (!reusable) {
    --open_;
    conn.reset();
    if (!waiters_.empty() && open_ < options_.max_connections_per_host) {
      GrantLocked(NewConnectionLocked());
    }
    return;
  }
  if (!waiters_.empty()) {
    GrantLocked(std::move(conn));
    return;
  }
  conn->idle_since = absl::Now();
  idle_.push_back(std::move(conn));
}

void HttpsTransport::Impl::GrantLocked(std::shared_ptr<Connection> conn) {
  std::shared_ptr<Call> call = std::move(waiters_.front());
  waiters_.pop_front();
  Strand strand = conn->strand;
  net::post(strand, [call = std::move(call), conn = std::move(conn)] {
    call->StartOnConnection(conn);
  });
}

void HttpsTransport::Impl::Shutdown() {
  std::vector<std::shared_ptr<Call>> calls;
  {
    absl::MutexLock lock(&mu_);
    for (auto& [key, weak] : active_) {
      if (std::shared_ptr<Call> call = weak.lock()) calls.push_back(call);
    }
  }
  for (const std::shared_ptr<Call>& call : calls) call->Cancel();
  calls.clear();
  {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](absl::flat_hash_map<const Call*, std::weak_ptr<Call>>* active) {
          return active->empty();
        },
        &active_));
  }
  work_.reset();
  ioc_.stop();
  for (std::thread& t : threads_) t.join();
  absl::MutexLock lock(&mu_);
  idle_.clear();
  waiters_.clear();
}

HttpsTransport::HttpsTransport(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

HttpsTransport::~HttpsTransport() { impl_->Shutdown(); }

absl::StatusOr<std::unique_ptr<HttpsTransport>> HttpsTransport::Create(
    const ClientOptions& options) {
  absl::StatusOr<BaseUrl> url = ParseBaseUrl(options.base_url);
  if (!url.ok()) return url.status();
  if (options.max_connections_per_host < 1 || options.io_threads < 1 ||
      options.max_response_bytes < 1 ||
      options.connect_timeout <= absl::ZeroDuration() ||
      options.request_timeout <= absl::ZeroDuration() ||
      options.total_timeout <= absl::ZeroDuration() ||
      options.retry.max_retries < 0) {
    return absl::InvalidArgumentError(
        "connections, threads, response limit and timeouts must be positive");
  }
  auto impl = std::make_unique<Impl>(options, *std::move(url));
  if (absl::Status s = impl->Init(); !s.ok()) return s;
  return std::unique_ptr<HttpsTransport>(new HttpsTransport(std::move(impl)));
}

CallHandle HttpsTransport::Execute(HttpRequest request, BodyHandler on_body,
                                   DoneCallback done) {
  return impl_->Execute(std::move(request), std::move(on_body),
                        std::move(done));
}

TransportStats HttpsTransport::Stats() const { return impl_->Stats(); }

bool HttpsTransport::OnTransportThread() { return tl_on_transport_thread; }

}  // namespace sslstore::client::internal
