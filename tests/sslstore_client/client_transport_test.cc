// The transport against a hostile raw TLS server (no simulator): huge
// declared lengths, oversized chunked bodies, broken HTTP, unexpected
// statuses and silence. No input may crash the client.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sslstore_client/sslstore_client.h"

namespace sslstore::client {
namespace {

using ::testing::HasSubstr;

// A TLS server on 127.0.0.1:0 that answers every request with `reply`
// (raw bytes) and then closes the connection, or stays silent when `reply`
// is empty.
class CannedTlsServer {
 public:
  explicit CannedTlsServer(std::string reply) : reply_(std::move(reply)) {
    key_ = EVP_EC_gen("P-256");
    cert_ = X509_new();
    X509_set_version(cert_, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert_), 7);
    X509_gmtime_adj(X509_getm_notBefore(cert_), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert_), 86400);
    X509_NAME* name = X509_get_subject_name(cert_);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("canned"),
                               -1, -1, 0);
    X509_set_issuer_name(cert_, name);
    X509_set_pubkey(cert_, key_);
    X509V3_CTX v3;
    X509V3_set_ctx(&v3, cert_, cert_, nullptr, nullptr, 0);
    X509_EXTENSION* san =
        X509V3_EXT_conf_nid(nullptr, &v3, NID_subject_alt_name, "IP:127.0.0.1");
    X509_add_ext(cert_, san, -1);
    X509_EXTENSION_free(san);
    X509_sign(cert_, key_, EVP_sha256());
    ca_file_ = absl::StrCat(::testing::TempDir(), "/canned-", getpid(), "-",
                            reinterpret_cast<uintptr_t>(this), ".pem");
    FILE* f = std::fopen(ca_file_.c_str(), "w");
    PEM_write_X509(f, cert_);
    std::fclose(f);

    ctx_ = SSL_CTX_new(TLS_server_method());
    SSL_CTX_use_certificate(ctx_, cert_);
    SSL_CTX_use_PrivateKey(ctx_, key_);

    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    listen(listen_fd_, 64);
    socklen_t len = sizeof(addr);
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }

  ~CannedTlsServer() {
    stopping_ = true;
    shutdown(listen_fd_, SHUT_RDWR);
    close(listen_fd_);
    thread_.join();
    SSL_CTX_free(ctx_);
    X509_free(cert_);
    EVP_PKEY_free(key_);
    std::remove(ca_file_.c_str());
  }

  ClientOptions Options() const {
    ClientOptions o;
    o.base_url = absl::StrCat("https://127.0.0.1:", port_);
    o.ca_file = ca_file_;
    o.partner_code = "p";
    o.auth_token = "t0ken";
    o.retry.initial_backoff = absl::Milliseconds(1);
    o.retry.max_backoff = absl::Milliseconds(2);
    return o;
  }

  // Requests fully received.
  int requests() const { return requests_.load(); }

 private:
  void Serve() {
    while (!stopping_) {
      int fd = accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) return;
      SSL* ssl = SSL_new(ctx_);
      SSL_set_fd(ssl, fd);
      if (SSL_accept(ssl) == 1 && ReadRequest(ssl)) {
        ++requests_;
        if (reply_.empty()) {
          // Silence until the client gives up and closes.
          char byte;
          while (SSL_read(ssl, &byte, 1) > 0) {
          }
        } else {
          SSL_write(ssl, reply_.data(), static_cast<int>(reply_.size()));
        }
      }
      SSL_free(ssl);
      close(fd);
    }
  }

  static bool ReadRequest(SSL* ssl) {
    std::string data;
    char buffer[4096];
    size_t header_end = std::string::npos;
    while (header_end == std::string::npos) {
      int n = SSL_read(ssl, buffer, sizeof(buffer));
      if (n <= 0) return false;
      data.append(buffer, n);
      header_end = data.find("\r\n\r\n");
    }
    size_t length = 0;
    size_t at = data.find("Content-Length: ");
    if (at != std::string::npos && at < header_end) {
      absl::SimpleAtoi(data.substr(at + 16, data.find("\r\n", at) - at - 16),
                       &length);
    }
    while (data.size() < header_end + 4 + length) {
      int n = SSL_read(ssl, buffer, sizeof(buffer));
      if (n <= 0) return false;
      data.append(buffer, n);
    }
    return true;
  }

  std::string reply_;
  EVP_PKEY* key_ = nullptr;
  X509* cert_ = nullptr;
  SSL_CTX* ctx_ = nullptr;
  std::string ca_file_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

absl::Status StatusOf(const ClientOptions& options) {
  absl::StatusOr<std::unique_ptr<SslStoreClient>> client =
      SslStoreClient::Create(options);
  EXPECT_TRUE(client.ok()) << client.status();
  OrderRef ref;
  ref.the_sslstore_order_id = "1";
  return (*client)->StatusSync(ref).status();
}

TEST(ClientTransportTest, HugeContentLengthIsRefusedNotReserved) {
  CannedTlsServer server(
      "HTTP/1.1 200 OK\r\nContent-Length: 1000000000000000\r\n\r\n{\"a\":1");
  absl::Status s = StatusOf(server.Options());
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal) << s;
  EXPECT_THAT(s.message(), HasSubstr("exceeds the limit"));
  EXPECT_EQ(server.requests(), 1);  // permanent: not retried
}

TEST(ClientTransportTest, OversizedChunkedBodyIsRefused) {
  std::string chunk(4096, 'x');
  std::string reply = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 4; ++i)
    absl::StrAppend(&reply, "1000\r\n", chunk, "\r\n");
  reply += "0\r\n\r\n";
  CannedTlsServer server(reply);
  ClientOptions options = server.Options();
  options.max_response_bytes = 10000;
  absl::Status s = StatusOf(options);
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal) << s;
  EXPECT_THAT(s.message(), HasSubstr("exceeds the limit of 10000"));
}

TEST(ClientTransportTest, OversizedBodyWithoutLengthIsRefused) {
  std::string reply = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n";
  reply += std::string(50000, 'x');
  CannedTlsServer server(reply);
  ClientOptions options = server.Options();
  options.max_response_bytes = 10000;
  absl::Status s = StatusOf(options);
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal) << s;
  EXPECT_THAT(s.message(), HasSubstr("exceeds the limit"));
}

TEST(ClientTransportTest, UnexpectedStatusIsABadResponse) {
  CannedTlsServer server(
      "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nNot Found");
  absl::Status s = StatusOf(server.Options());
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal) << s;
  EXPECT_THAT(s.message(), HasSubstr("unexpected HTTP 404 Not Found"));
  EXPECT_THAT(s.message(), HasSubstr("attempts: 1, HTTP 404"));
  EXPECT_EQ(server.requests(), 1);
}

TEST(ClientTransportTest, BrokenHttpIsTransientAndRetried) {
  CannedTlsServer server("SMTP ready\r\n\r\n");
  absl::Status s = StatusOf(server.Options());
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << s;
  EXPECT_THAT(s.message(), HasSubstr("reading the response"));
  EXPECT_EQ(server.requests(), 6);
}

TEST(ClientTransportTest, HugeHeaderIsRefused) {
  std::string reply = "HTTP/1.1 200 OK\r\nX-Big: ";
  reply += std::string(100000, 'h');
  reply += "\r\nContent-Length: 2\r\n\r\n{}";
  CannedTlsServer server(reply);
  absl::Status s = StatusOf(server.Options());
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal) << s;
  EXPECT_EQ(server.requests(), 1);
}

TEST(ClientTransportTest, SilentServerHitsTheRequestTimeout) {
  CannedTlsServer server("");
  ClientOptions options = server.Options();
  options.request_timeout = absl::Milliseconds(200);
  options.retry.max_retries = 1;
  absl::Status s = StatusOf(options);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << s;
  EXPECT_THAT(s.message(), HasSubstr("timed out"));
  EXPECT_EQ(server.requests(), 2);
}

TEST(ClientTransportTest, TokenNeverAppearsInErrors) {
  // A hostile server echoing the token in an error message.
  std::string body =
      R"({"AuthResponse":{"isError":true,"Message":["ErrorCode:-1|Message:bad token t0ken here"]}})";
  CannedTlsServer server(absl::StrCat(
      "HTTP/1.1 200 OK\r\nContent-Length: ", body.size(), "\r\n\r\n", body));
  absl::Status s = StatusOf(server.Options());
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << s;
  EXPECT_FALSE(absl::StrContains(s.ToString(), "t0ken")) << s;
  EXPECT_THAT(s.message(), HasSubstr("[REDACTED]"));
}

}  // namespace
}  // namespace sslstore::client
