#include "tests/sslstore_sim/test_http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace sslstore_sim_test {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

// A completion handler storing the error code in `out`.
auto Capture(beast::error_code& out) {
  return [&out](beast::error_code ec, auto&&...) { out = ec; };
}

class TestHttpClient::Impl {
 public:
  Impl(uint16_t port, std::string ca_file)
      : port_(port),
        ca_file_(std::move(ca_file)),
        ssl_ctx_(ssl::context::tls_client) {
    if (!ca_file_.empty()) {
      beast::error_code ec;
      ssl_ctx_.load_verify_file(ca_file_, ec);
      ssl_ctx_.set_verify_mode(ssl::verify_peer);
    }
  }

  absl::StatusOr<TestResponse> Request(const std::string& method,
                                       const std::string& target,
                                       const std::string& body,
                                       absl::Duration timeout) {
    const auto deadline =
        std::chrono::milliseconds(absl::ToInt64Milliseconds(timeout));
    if (!connected_) {
      absl::Status st = Connect(deadline);
      if (!st.ok()) return st;
    }
    http::request<http::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(http::field::host, "localhost");
    req.set(http::field::content_type, "application/json; charset=utf-8");
    req.keep_alive(true);
    req.body() = body;
    req.prepare_payload();
    beast::error_code ec;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    parser.eager(true);
    Lowest().expires_after(deadline);
    if (tls_) {
      http::async_write(*tls_, req, Capture(ec));
    } else {
      http::async_write(*plain_, req, Capture(ec));
    }
    Run();
    if (!ec) {
      Lowest().expires_after(deadline);
      if (tls_) {
        http::async_read(*tls_, buffer_, parser, Capture(ec));
      } else {
        http::async_read(*plain_, buffer_, parser, Capture(ec));
      }
      Run();
    }
    if (ec) {
      Disconnect();
      return absl::UnavailableError(
          absl::StrCat("request failed: ", ec.message()));
    }
    const auto& msg = parser.get();
    TestResponse out;
    out.status = static_cast<int>(msg.result_int());
    out.body = msg.body();
    for (const auto& field : msg) {
      out.headers[absl::AsciiStrToLower(std::string(field.name_string()))] =
          std::string(field.value());
    }
    if (!msg.keep_alive()) Disconnect();
    return out;
  }

  int connections_opened() const { return connections_; }

 private:
  void Run() {
    ioc_.restart();
    ioc_.run();
  }

  beast::tcp_stream& Lowest() {
    return tls_ ? beast::get_lowest_layer(*tls_) : *plain_;
  }

  absl::Status Connect(std::chrono::milliseconds deadline) {
    beast::error_code ec;
    tcp::endpoint ep(net::ip::make_address("127.0.0.1"), port_);
    buffer_.clear();
    if (ca_file_.empty()) {
      plain_.emplace(ioc_);
      plain_->expires_after(deadline);
      plain_->async_connect(ep, Capture(ec));
      Run();
    } else {
      tls_.emplace(ioc_, ssl_ctx_);
      SSL_set_tlsext_host_name(tls_->native_handle(), "localhost");
      tls_->set_verify_callback(ssl::host_name_verification("localhost"));
      beast::get_lowest_layer(*tls_).expires_after(deadline);
      beast::get_lowest_layer(*tls_).async_connect(ep, Capture(ec));
      Run();
      if (!ec) {
        beast::get_lowest_layer(*tls_).expires_after(deadline);
        tls_->async_handshake(ssl::stream_base::client, Capture(ec));
        Run();
      }
    }
    if (ec) {
      Disconnect();
      return absl::UnavailableError(
          absl::StrCat("connect failed: ", ec.message()));
    }
    ++connections_;
    connected_ = true;
    return absl::OkStatus();
  }

  void Disconnect() {
    beast::error_code ec;
    if (tls_) beast::get_lowest_layer(*tls_).socket().close(ec);
    if (plain_) plain_->socket().close(ec);
    tls_.reset();
    plain_.reset();
    connected_ = false;
  }

  uint16_t port_;
  std::string ca_file_;
  net::io_context ioc_;
  ssl::context ssl_ctx_;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls_;
  std::optional<beast::tcp_stream> plain_;
  beast::flat_buffer buffer_;
  bool connected_ = false;
  int connections_ = 0;
};

TestHttpClient::TestHttpClient(uint16_t port, std::string ca_file)
    : impl_(std::make_unique<Impl>(port, std::move(ca_file))) {}

TestHttpClient::~TestHttpClient() = default;

absl::StatusOr<TestResponse> TestHttpClient::Request(const std::string& method,
                                                     const std::string& target,
                                                     const std::string& body,
                                                     absl::Duration timeout) {
  return impl_->Request(method, target, body, timeout);
}

int TestHttpClient::connections_opened() const {
  return impl_->connections_opened();
}

}  // namespace sslstore_sim_test
