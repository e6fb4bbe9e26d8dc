#ifndef SSLSTORE_CLIENT_HTTPS_SESSION_H_
#define SSLSTORE_CLIENT_HTTPS_SESSION_H_

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "sslstore_client/base_url.h"
#include "sslstore_client/https_connection.h"
#include "sslstore_client/proxy.h"

namespace sslstore::client::internal {

// What every attempt of a transport shares.
struct SessionConfig {
  BaseUrl url;
  // "host:port" as error messages name the server.
  std::string host_port;
  // Resolve + TCP connect, and the TLS handshake, each.
  absl::Duration connect_timeout;
  // Writing the request and reading its whole response: for idempotent
  // calls, and for calls that place or change an order.
  absl::Duration request_timeout;
  absl::Duration order_request_timeout;
  size_t max_response_bytes = 0;
  // The proxy to tunnel through, or none for a direct connection.
  std::optional<ProxyServer> proxy;
  // The CONNECT request for `proxy` (with its credentials: never log it).
  std::string connect_request;
};

// A complete HTTP response.
struct HttpReply {
  int status = 0;
  std::string reason;
  // The Retry-After header ("" when absent).
  std::string retry_after;
  std::string body;
};

// How one attempt ended.
struct AttemptEnd {
  enum class Kind {
    // A whole response arrived: `reply`.
    kReply,
    // A network step failed: `error` is a transient transport error, unless
    // the call was cancelled or is out of time (the caller knows which).
    kStepFailed,
    // The attempt failed for good (TLS verification, oversized response):
    // `error`; retried only if it is transient.
    kAttemptFailed,
    // The call cannot go on (TLS set-up): `error`, never retried.
    kCallFailed,
  };
  Kind kind = Kind::kReply;
  HttpReply reply;
  absl::Status error;
  // A step ran out of its time.
  bool timed_out = false;
  // The connection, for the pool; `reusable` when it can carry another
  // request.
  std::shared_ptr<HttpsConnection> connection;
  bool reusable = false;
};

// One HTTP attempt over one pooled connection, written as the Beast
// examples write a client session: resolve, connect and TLS handshake when
// the connection is new, then write the request and read the response; one
// on_* handler per step, each starting with its error check, and a timeout
// armed before each operation (the step's limit or what is left of the
// call's deadline, whichever is shorter). Every handler runs on the call's
// strand; Run and Cancel must too. `done` is called exactly once.
class HttpsSession : public std::enable_shared_from_this<HttpsSession> {
 public:
  using Done = absl::AnyInvocable<void(AttemptEnd) &&>;

  // `wire` (the serialized request) must stay valid until `done` runs;
  // `request_timeout` bounds writing it and reading the response.
  HttpsSession(const CallStrand& strand, const SessionConfig& config,
               std::shared_ptr<HttpsConnection> connection,
               absl::string_view wire, absl::Duration request_timeout,
               absl::Time deadline, Done done);

  // Starts the attempt.
  void Run();

  // Stops the attempt: closes the connection (it is not reused), and the
  // pending step ends the attempt as kStepFailed.
  void Cancel();

 private:
  using Clock = std::chrono::steady_clock;
  using Timer =
      net::basic_waitable_timer<Clock, net::wait_traits<Clock>, CallStrand>;
  using Resolver = net::ip::basic_resolver<net::ip::tcp, IoExecutor>;
  using Parser =
      boost::beast::http::response_parser<boost::beast::http::string_body>;
  using TunnelParser =
      boost::beast::http::response_parser<boost::beast::http::empty_body>;
  using ErrorCode = boost::system::error_code;

  template <typename... Args>
  auto Bind(void (HttpsSession::*step)(Args...));

  void Resolve();
  void OnResolve(ErrorCode ec, const Resolver::results_type& results);
  void OnConnect(ErrorCode ec, const net::ip::tcp::endpoint& endpoint);
  void OnTunnelRequestWritten(ErrorCode ec, size_t bytes);
  void OnTunnelReply(ErrorCode ec, size_t bytes);
  void Handshake();
  void OnHandshake(ErrorCode ec);
  void Send();
  void OnWrite(ErrorCode ec, size_t bytes);
  void OnReadHeader(ErrorCode ec, size_t bytes);
  void OnRead(ErrorCode ec, size_t bytes);

  bool ArmTimeout(absl::Duration step);
  void WaitForStepDeadline();
  void OnTimer(uint64_t generation, ErrorCode ec);
  // Parses what the header's read left in the buffer; true when that held
  // the rest of the response, or on a parse error (in `ec`).
  bool ParseBuffered(ErrorCode& ec);
  bool TooLarge(const ErrorCode& ec) const;
  void RefuseOversized();

  // `step` as a connection step's error names it: "connecting through
  // proxy P to" when there is a proxy.
  std::string Via(absl::string_view step) const;
  void StepFailed(absl::string_view step, ErrorCode ec);
  void Failed(AttemptEnd::Kind kind, absl::Status error);
  void End(AttemptEnd end, bool reusable);

  const CallStrand strand_;
  const SessionConfig& config_;
  std::shared_ptr<HttpsConnection> conn_;
  const absl::string_view wire_;
  const absl::Duration request_timeout_;
  const absl::Time deadline_;
  Done done_;
  std::optional<Resolver> resolver_;
  std::optional<Parser> parser_;
  std::optional<TunnelParser> tunnel_parser_;
  Timer timer_;
  Clock::time_point step_deadline_;
  uint64_t timer_generation_ = 0;
  bool timer_waiting_ = false;
  bool timed_out_ = false;
  bool cancelled_ = false;
};

}  // namespace sslstore::client::internal

#endif  // SSLSTORE_CLIENT_HTTPS_SESSION_H_
