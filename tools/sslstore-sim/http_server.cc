#include "tools/sslstore-sim/http_server.h"

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace sslstore_sim {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

constexpr auto kIdleTimeout = std::chrono::seconds(60);
constexpr auto kIoTimeout = std::chrono::seconds(30);

std::chrono::steady_clock::duration ToChrono(absl::Duration d) {
  return std::chrono::microseconds(absl::ToInt64Microseconds(d));
}

std::string ResponseHead(const HttpResponse& r, size_t content_length,
                         bool keep_alive) {
  std::string reason(http::obsolete_reason(http::int_to_status(r.status)));
  if (reason.empty() || reason == "<unknown-status>") reason = "Status";
  std::string head = absl::StrCat("HTTP/1.1 ", r.status, " ", reason,
                                  "\r\nServer: sslstore-sim\r\n");
  if (!r.content_type.empty()) {
    absl::StrAppend(&head, "Content-Type: ", r.content_type, "\r\n");
  }
  absl::StrAppend(&head, "Content-Length: ", content_length, "\r\n");
  absl::StrAppend(&head, "Connection: ", keep_alive ? "keep-alive" : "close",
                  "\r\n");
  for (const auto& [name, value] : r.headers) {
    absl::StrAppend(&head, name, ": ", value, "\r\n");
  }
  head += "\r\n";
  return head;
}

// One connection. Stream is beast::tcp_stream or
// beast::ssl_stream<beast::tcp_stream>.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <class... Args>
  Session(std::shared_ptr<const HttpHandler> handler, size_t body_limit,
          tcp::socket&& socket, Args&&... args)
      : stream_(std::move(socket), std::forward<Args>(args)...),
        timer_(stream_.get_executor()),
        handler_(std::move(handler)),
        body_limit_(body_limit) {}

  void Run() {
    if constexpr (kTls) {
      beast::get_lowest_layer(stream_).expires_after(kIoTimeout);
      stream_.async_handshake(
          ssl::stream_base::server,
          [self = this->shared_from_this()](beast::error_code ec) {
            if (ec) return self->Abort();
            self->DoRead();
          });
    } else {
      net::dispatch(stream_.get_executor(),
                    [self = this->shared_from_this()] { self->DoRead(); });
    }
  }

 private:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  void DoRead() {
    parser_.emplace();
    parser_->body_limit(body_limit_);
    beast::get_lowest_layer(stream_).expires_after(kIdleTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](
                         beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == http::error::end_of_stream) return GracefulClose();
    if (ec) {
      if (ec.category() ==
          http::make_error_code(http::error::end_of_stream).category()) {
        Dispatched bad;
        bad.response.status = 400;
        bad.response.content_type = "text/plain";
        bad.response.body = "Bad Request";
        bad.delivery.close_after = true;
        keep_alive_ = false;
        dispatched_ = std::move(bad);
        return Send();
      }
      return Abort();
    }
    const auto& msg = parser_->get();
    HttpRequest req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    req.body = msg.body();
    keep_alive_ = msg.keep_alive();
    dispatched_ = (*handler_)(req);
    if (dispatched_.delivery.drop) return Abort();
    if (dispatched_.delivery.delay > absl::ZeroDuration()) {
      timer_.expires_after(ToChrono(dispatched_.delivery.delay));
      timer_.async_wait(
          [self = this->shared_from_this()](beast::error_code wait_ec) {
            if (wait_ec) return self->Abort();
            self->Send();
          });
      return;
    }
    Send();
  }

  void Send() {
    const Delivery& d = dispatched_.delivery;
    const std::string& body = dispatched_.response.body;
    if (d.close_after || d.truncate) keep_alive_ = false;
    out_ = ResponseHead(dispatched_.response, body.size(), keep_alive_);
    if (d.truncate) {
      out_.append(body, 0, body.size() / 2);
      return Write([self = this->shared_from_this()] { self->Abort(); });
    }
    if (d.slow_chunk_bytes > 0 && !body.empty()) {
      slow_offset_ = 0;
      return Write([self = this->shared_from_this()] { self->WriteSlow(); });
    }
    out_ += body;
    Write([self = this->shared_from_this()] { self->AfterReply(); });
  }

  void WriteSlow() {
    const std::string& body = dispatched_.response.body;
    if (slow_offset_ >= body.size()) return AfterReply();
    const size_t n = std::min(dispatched_.delivery.slow_chunk_bytes,
                              body.size() - slow_offset_);
    out_ = body.substr(slow_offset_, n);
    slow_offset_ += n;
    Write([self = this->shared_from_this()] {
      self->timer_.expires_after(
          ToChrono(self->dispatched_.delivery.slow_chunk_interval));
      self->timer_.async_wait([self](beast::error_code ec) {
        if (ec) return self->Abort();
        self->WriteSlow();
      });
    });
  }

  template <class Next>
  void Write(Next next) {
    beast::get_lowest_layer(stream_).expires_after(kIoTimeout);
    net::async_write(stream_, net::buffer(out_),
                     [self = this->shared_from_this(), next = std::move(next)](
                         beast::error_code ec, size_t) {
                       if (ec) return self->Abort();
                       next();
                     });
  }

  void AfterReply() {
    if (keep_alive_) return DoRead();
    GracefulClose();
  }

  void GracefulClose() {
    if constexpr (kTls) {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
      stream_.async_shutdown([self = this->shared_from_this()](
                                 beast::error_code) { self->Abort(); });
    } else {
      beast::error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
      Abort();
    }
  }

  // Closes the TCP connection at once (no TLS close_notify).
  void Abort() {
    beast::error_code ec;
    auto& socket = beast::get_lowest_layer(stream_).socket();
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
  }

  Stream stream_;
  net::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<const HttpHandler> handler_;
  size_t body_limit_;
  bool keep_alive_ = true;
  Dispatched dispatched_;
  std::string out_;
  size_t slow_offset_ = 0;
};

class ServerImpl : public HttpServer {
 public:
  ServerImpl(HttpServerOptions options, HttpHandler handler)
      : options_(std::move(options)),
        handler_(std::make_shared<const HttpHandler>(std::move(handler))),
        ioc_(std::max(1, options_.threads)),
        work_(net::make_work_guard(ioc_)),
        acceptor_(net::make_strand(ioc_)) {}

  ~ServerImpl() override { Stop(); }

  absl::Status Init() {
    beast::error_code ec;
    if (options_.tls) {
      ssl_ctx_.emplace(ssl::context::tls_server);
      ssl_ctx_->set_options(ssl::context::default_workarounds |
                            ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                            ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                            ssl::context::single_dh_use);
      ssl_ctx_->use_certificate_chain(net::buffer(options_.tls->chain_pem), ec);
      if (ec) return absl::InternalError("TLS certificate: " + ec.message());
      ssl_ctx_->use_private_key(net::buffer(options_.tls->key_pem),
                                ssl::context::pem, ec);
      if (ec) return absl::InternalError("TLS key: " + ec.message());
    }
    auto address = net::ip::make_address(options_.address, ec);
    if (ec) {
      return absl::InvalidArgumentError("bad listen address " +
                                        options_.address);
    }
    tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      return absl::UnavailableError(
          absl::StrCat("cannot listen on ", options_.address, ":",
                       options_.port, ": ", ec.message()));
    }
    port_ = acceptor_.local_endpoint(ec).port();
    DoAccept();
    for (int i = 0; i < std::max(1, options_.threads); ++i) {
      threads_.emplace_back([this] {
        for (;;) {
          try {
            ioc_.run();
            return;
          } catch (...) {
            // A handler threw; keep serving.
          }
        }
      });
    }
    return absl::OkStatus();
  }

  uint16_t port() const override { return port_; }

  void Stop() override {
    if (stopped_.exchange(true)) return;
    net::post(acceptor_.get_executor(), [this] {
      beast::error_code ec;
      acceptor_.close(ec);
    });
    work_.reset();
    ioc_.stop();
    for (std::thread& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

 private:
  void DoAccept() {
    acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec,
                                                          tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor_.is_open()) {
        return;
      }
      if (!ec) {
        beast::error_code opt_ec;
        socket.set_option(tcp::no_delay(true), opt_ec);
        if (ssl_ctx_) {
          std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
              handler_, options_.body_limit, std::move(socket), *ssl_ctx_)
              ->Run();
        } else {
          std::make_shared<Session<beast::tcp_stream>>(
              handler_, options_.body_limit, std::move(socket))
              ->Run();
        }
      }
      DoAccept();
    });
  }

  HttpServerOptions options_;
  std::shared_ptr<const HttpHandler> handler_;
  std::optional<ssl::context> ssl_ctx_;  // outlives the io_context's handlers
  net::io_context ioc_;
  net::executor_work_guard<net::io_context::executor_type> work_;
  tcp::acceptor acceptor_;
  std::vector<std::thread> threads_;
  uint16_t port_ = 0;
  std::atomic<bool> stopped_{false};
};

}  // namespace

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Start(
    HttpServerOptions options, HttpHandler handler) {
  auto server =
      std::make_unique<ServerImpl>(std::move(options), std::move(handler));
  absl::Status st = server->Init();
  if (!st.ok()) return st;
  return server;
}

}  // namespace sslstore_sim
