#ifndef TESTS_FAKES_FAKE_CONNECTOR_H_
#define TESTS_FAKES_FAKE_CONNECTOR_H_

#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"
#include "service/connector_server.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"
#include "tests/fakes/fake_wbapi.h"

namespace sslstore::testing {

// A Wbapi that forwards every call to a shared FakeWbapi, so the server's
// registry can own "its" client while the test keeps the fake.
std::unique_ptr<client::Wbapi> ForwardTo(std::shared_ptr<FakeWbapi> fake);

// The real ConnectorServer on 127.0.0.1:0 (plaintext) whose every
// connection's client is one shared FakeWbapi, and a stub on a channel to
// it. The "default" connection is configured (enabled).
class FakeConnector {
 public:
  // Starts the server; `tweak_config` may change its configuration first.
  static absl::StatusOr<std::unique_ptr<FakeConnector>> Start(
      std::function<void(service::ServerConfig&)> tweak_config = {});
  ~FakeConnector();

  // The fake behind every connection.
  FakeWbapi& fake() { return *fake_; }
  // The server.
  service::ConnectorServer& server() { return *server_; }
  // A stub on an insecure channel to the server.
  sslstore::connector::v1::ConnectorService::Stub& stub() { return *stub_; }
  // Calls Enroll through the stub with a deadline `timeout` from now.
  grpc::Status Enroll(const sslstore::connector::v1::EnrollRequest& request,
                      sslstore::connector::v1::EnrollResponse* response,
                      absl::Duration timeout = absl::Seconds(30));

 private:
  FakeConnector() = default;

  std::shared_ptr<FakeWbapi> fake_;
  std::unique_ptr<service::ConnectorServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<sslstore::connector::v1::ConnectorService::Stub> stub_;
};

}  // namespace sslstore::testing

#endif  // TESTS_FAKES_FAKE_CONNECTOR_H_
