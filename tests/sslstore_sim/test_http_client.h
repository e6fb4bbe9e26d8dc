// A small blocking HTTP/1.1 client for the simulator tests (Boost.Beast,
// plain or TLS verified against a CA file with host name "localhost"),
// keeping one keep-alive connection and reconnecting after a close.
#ifndef TESTS_SSLSTORE_SIM_TEST_HTTP_CLIENT_H_
#define TESTS_SSLSTORE_SIM_TEST_HTTP_CLIENT_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace sslstore_sim_test {

// One response.
struct TestResponse {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

class TestHttpClient {
 public:
  // TLS to 127.0.0.1:`port` trusting `ca_file`; plain HTTP when empty.
  TestHttpClient(uint16_t port, std::string ca_file);
  ~TestHttpClient();

  // Sends one request; Unavailable for connection/TLS/read errors
  // (including a connection closed without a reply or a truncated body).
  absl::StatusOr<TestResponse> Request(
      const std::string& method, const std::string& target,
      const std::string& body, absl::Duration timeout = absl::Seconds(20));

  // POST with a JSON body.
  absl::StatusOr<TestResponse> Post(const std::string& target,
                                    const std::string& body) {
    return Request("POST", target, body);
  }

  // GET.
  absl::StatusOr<TestResponse> Get(const std::string& target) {
    return Request("GET", target, "");
  }

  // TCP connections opened so far.
  int connections_opened() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sslstore_sim_test

#endif  // TESTS_SSLSTORE_SIM_TEST_HTTP_CLIENT_H_
