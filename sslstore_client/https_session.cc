#include "sslstore_client/https_session.h"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/read.hpp>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "sslstore_client/errors.h"
#include "sslstore_client/tls_setup.h"

namespace sslstore::client::internal {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;

constexpr uint32_t kMaxHeaderBytes = 64 << 10;

absl::string_view Sv(beast::string_view s) { return {s.data(), s.size()}; }

std::chrono::steady_clock::duration ToChrono(absl::Duration d) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      absl::ToChronoNanoseconds(std::max(d, absl::ZeroDuration())));
}

bool ClosedByPeer(const boost::system::error_code& ec) {
  return ec == http::error::end_of_stream ||
         ec == http::error::partial_message ||
         ec == net::ssl::error::stream_truncated || ec == net::error::eof;
}

}  // namespace

HttpsSession::HttpsSession(const CallStrand& strand,
                           const SessionConfig& config,
                           std::shared_ptr<HttpsConnection> connection,
                           absl::string_view wire,
                           absl::Duration request_timeout, absl::Time deadline,
                           Done done)
    : strand_(strand),
      config_(config),
      conn_(std::move(connection)),
      wire_(wire),
      request_timeout_(request_timeout),
      deadline_(deadline),
      done_(std::move(done)),
      timer_(strand) {}

template <typename... Args>
auto HttpsSession::Bind(void (HttpsSession::*step)(Args...)) {
  return net::bind_executor(
      strand_, beast::bind_front_handler(step, shared_from_this()));
}

void HttpsSession::Run() {
  if (conn_->connected) return Send();
  Resolve();
}

void HttpsSession::Cancel() {
  cancelled_ = true;
  ErrorCode ignored;
  if (resolver_.has_value()) resolver_->cancel();
  // Close, not cancel: a composed operation (a TLS read that has just
  // received a record carrying no data, such as a session ticket) may
  // start its next socket operation after a cancel, and would then wait
  // until the step's timeout. On a closed socket that operation fails at
  // once.
  if (conn_ != nullptr) conn_->stream.next_layer().close(ignored);
}

void HttpsSession::Resolve() {
  if (absl::Status s =
          PrepareTlsSession(conn_->stream.native_handle(), config_.url);
      !s.ok()) {
    return Failed(AttemptEnd::Kind::kCallFailed,
                  MakeError(ErrorKind::kTransport, s.message()));
  }
  resolver_.emplace(strand_.get_inner_executor());
  const bool proxied = config_.proxy.has_value();
  resolver_->async_resolve(
      proxied ? config_.proxy->address.host : config_.url.host,
      absl::StrCat(proxied ? config_.proxy->address.port : config_.url.port),
      Bind(&HttpsSession::OnResolve));
}

void HttpsSession::OnResolve(ErrorCode ec,
                             const Resolver::results_type& results) {
  if (ec || cancelled_) return StepFailed(Via("resolving"), ec);
  if (!ArmTimeout(config_.connect_timeout)) {
    return StepFailed(Via("connecting"), beast::error::timeout);
  }
  net::async_connect(conn_->stream.next_layer(), results,
                     Bind(&HttpsSession::OnConnect));
}

void HttpsSession::OnConnect(ErrorCode ec, const net::ip::tcp::endpoint&) {
  if (ec || cancelled_) return StepFailed(Via("connecting"), ec);
  if (!config_.proxy.has_value()) return Handshake();
  if (!ArmTimeout(config_.connect_timeout)) {
    return StepFailed(Via("opening a tunnel"), beast::error::timeout);
  }
  net::async_write(conn_->stream.next_layer(),
                   net::buffer(config_.connect_request),
                   Bind(&HttpsSession::OnTunnelRequestWritten));
}

void HttpsSession::OnTunnelRequestWritten(ErrorCode ec, size_t) {
  if (ec || cancelled_) return StepFailed(Via("opening a tunnel"), ec);
  tunnel_parser_.emplace();
  // A CONNECT reply has no body, whatever its headers say.
  tunnel_parser_->skip(true);
  tunnel_parser_->header_limit(kMaxHeaderBytes);
  http::async_read(conn_->stream.next_layer(), conn_->buffer, *tunnel_parser_,
                   Bind(&HttpsSession::OnTunnelReply));
}

void HttpsSession::OnTunnelReply(ErrorCode ec, size_t) {
  if (ec || cancelled_) return StepFailed(Via("opening a tunnel"), ec);
  const auto& reply = tunnel_parser_->get();
  const int status = static_cast<int>(reply.result_int());
  if (status / 100 != 2) {
    std::string reason(Sv(reply.reason()).substr(0, 100));
    const bool transient = status >= 500 || status == 429;
    std::string hint;
    // 407 is the standard answer; tinyproxy answers 401.
    if (status == 407 || status == 401) {
      hint = " (check the proxy user and password)";
    }
    if (status == 403) hint = " (the proxy does not allow this host or port)";
    return Failed(
        AttemptEnd::Kind::kAttemptFailed,
        MakeError(ErrorKind::kTransport,
                  absl::StrCat("proxy ", config_.proxy->Name(),
                               " refused the tunnel to ", config_.host_port,
                               ": HTTP ", status, " ", reason, hint),
                  transient));
  }
  if (conn_->buffer.size() != 0) {
    return Failed(AttemptEnd::Kind::kAttemptFailed,
                  MakeError(ErrorKind::kTransport,
                            absl::StrCat("proxy ", config_.proxy->Name(),
                                         " sent data after accepting the "
                                         "tunnel to ",
                                         config_.host_port),
                            /*transient=*/true));
  }
  tunnel_parser_.reset();
  Handshake();
}

void HttpsSession::Handshake() {
  if (!ArmTimeout(config_.connect_timeout)) {
    return StepFailed("TLS handshake", beast::error::timeout);
  }
  conn_->stream.async_handshake(net::ssl::stream_base::client,
                                Bind(&HttpsSession::OnHandshake));
}

void HttpsSession::OnHandshake(ErrorCode ec) {
  if (ec) {
    std::string why =
        DescribeVerifyFailure(conn_->stream.native_handle(), config_.url);
    if (!why.empty()) {
      return Failed(
          AttemptEnd::Kind::kAttemptFailed,
          MakeError(ErrorKind::kTls,
                    absl::StrCat("TLS handshake with ", config_.host_port,
                                 " failed: ", why)));
    }
  }
  if (ec || cancelled_) return StepFailed("TLS handshake", ec);
  conn_->connected = true;
  Send();
}

void HttpsSession::Send() {
  if (!ArmTimeout(request_timeout_)) {
    return StepFailed("sending the request", beast::error::timeout);
  }
  net::async_write(conn_->stream, net::buffer(wire_.data(), wire_.size()),
                   Bind(&HttpsSession::OnWrite));
}

void HttpsSession::OnWrite(ErrorCode ec, size_t) {
  if (ec || cancelled_) return StepFailed("sending the request", ec);
  parser_.emplace();
  parser_->body_limit(config_.max_response_bytes);
  parser_->header_limit(kMaxHeaderBytes);
  // The header first, so that its Content-Length is checked before any body
  // byte is stored.
  http::async_read_header(conn_->stream, conn_->buffer, *parser_,
                          Bind(&HttpsSession::OnReadHeader));
}

void HttpsSession::OnReadHeader(ErrorCode ec, size_t) {
  if (TooLarge(ec)) return RefuseOversized();
  if (ec || cancelled_) return StepFailed("reading the response", ec);
  if (ParseBuffered(ec)) return OnRead(ec, 0);
  http::async_read(conn_->stream, conn_->buffer, *parser_,
                   Bind(&HttpsSession::OnRead));
}

void HttpsSession::OnRead(ErrorCode ec, size_t) {
  if (TooLarge(ec)) return RefuseOversized();
  if (ec || cancelled_) return StepFailed("reading the response", ec);
  http::response<http::string_body> response = parser_->release();
  AttemptEnd end;
  end.reply.status = static_cast<int>(response.result_int());
  end.reply.reason = std::string(Sv(response.reason()));
  if (end.reply.status == 429) {
    end.reply.retry_after = std::string(Sv(response[http::field::retry_after]));
  }
  end.reply.body = std::move(response.body());
  End(std::move(end), response.keep_alive() && conn_->buffer.size() == 0);
}

bool HttpsSession::ParseBuffered(ErrorCode& ec) {
  if (parser_->is_done()) return true;
  if (conn_->buffer.size() == 0) return false;
  parser_->eager(true);
  conn_->buffer.consume(parser_->put(conn_->buffer.data(), ec));
  if (ec == http::error::need_more) ec = {};
  return ec || parser_->is_done();
}

bool HttpsSession::TooLarge(const ErrorCode& ec) const {
  return ec == http::error::body_limit || ec == http::error::header_limit ||
         (!ec && parser_->is_header_done() &&
          parser_->content_length().has_value() &&
          *parser_->content_length() > config_.max_response_bytes);
}

bool HttpsSession::ArmTimeout(absl::Duration step) {
  const absl::Duration left = deadline_ - absl::Now();
  if (left <= absl::ZeroDuration()) return false;
  step_deadline_ = Clock::now() + ToChrono(std::min(step, left));
  // A pending wait that ends first re-arms itself for the rest.
  if (timer_waiting_ && timer_.expiry() <= step_deadline_) return true;
  WaitForStepDeadline();
  return true;
}

void HttpsSession::WaitForStepDeadline() {
  timer_.expires_at(step_deadline_);
  timer_.async_wait(net::bind_executor(
      strand_,
      beast::bind_front_handler(&HttpsSession::OnTimer, shared_from_this(),
                                ++timer_generation_)));
  timer_waiting_ = true;
}

void HttpsSession::OnTimer(uint64_t generation, ErrorCode ec) {
  if (generation != timer_generation_) return;
  timer_waiting_ = false;
  if (ec || done_ == nullptr) return;
  if (Clock::now() < step_deadline_) return WaitForStepDeadline();
  timed_out_ = true;
  ErrorCode ignored;
  conn_->stream.next_layer().close(ignored);
}

void HttpsSession::RefuseOversized() {
  Failed(AttemptEnd::Kind::kAttemptFailed,
         MakeError(ErrorKind::kBadResponse,
                   absl::StrCat("response exceeds the limit of ",
                                config_.max_response_bytes, " body bytes")));
}

std::string HttpsSession::Via(absl::string_view step) const {
  if (!config_.proxy.has_value()) return std::string(step);
  return absl::StrCat(step, " through proxy ", config_.proxy->Name(), " to");
}

void HttpsSession::StepFailed(absl::string_view step, ErrorCode ec) {
  if (ec == beast::error::timeout) timed_out_ = true;
  std::string why = timed_out_ ? std::string("timed out") : ec.message();
  if (!timed_out_ && ClosedByPeer(ec)) {
    why = absl::StrCat("connection closed by the server (", ec.message(), ")");
  }
  Failed(AttemptEnd::Kind::kStepFailed,
         MakeError(ErrorKind::kTransport,
                   absl::StrCat(step, " ", config_.host_port, ": ", why),
                   /*transient=*/true));
}

void HttpsSession::Failed(AttemptEnd::Kind kind, absl::Status error) {
  AttemptEnd end;
  end.kind = kind;
  end.error = std::move(error);
  End(std::move(end), /*reusable=*/false);
}

void HttpsSession::End(AttemptEnd end, bool reusable) {
  if (timer_waiting_) timer_.cancel();
  parser_.reset();
  tunnel_parser_.reset();
  resolver_.reset();
  end.timed_out = timed_out_;
  end.connection = std::move(conn_);
  end.reusable = reusable;
  Done done = std::move(done_);
  done_ = nullptr;
  std::move(done)(std::move(end));
}

}  // namespace sslstore::client::internal
