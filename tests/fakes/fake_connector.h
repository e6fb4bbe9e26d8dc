#ifndef TESTS_FAKES_FAKE_CONNECTOR_H_
#define TESTS_FAKES_FAKE_CONNECTOR_H_

#include <functional>
#include <memory>
#include <type_traits>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "service/connector_server.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"
#include "tests/fakes/fake_wbapi.h"

namespace sslstore::testing {

// A Wbapi that forwards every call to a shared FakeWbapi, so the server's
// registry can own "its" client while the test keeps the fake.
std::unique_ptr<client::Wbapi> ForwardTo(std::shared_ptr<FakeWbapi> fake);

// The settings of the "default" connection a fake answers for: a fake URL,
// partner code and token (no real SSL Store is ever reached).
service::ConnectionSettings FakeConnectionSettings();

// The real ConnectorServer on 127.0.0.1:0 (plaintext) whose every
// connection's client is one shared FakeWbapi, and a stub on a channel to
// it. The "default" connection is configured (enabled).
class FakeConnector {
 public:
  // The generated client of the connector's service.
  using Stub = sslstore::connector::v1::ConnectorService::Stub;

  // Starts the server; `tweak_config` may change its configuration first.
  static absl::StatusOr<std::unique_ptr<FakeConnector>> Start(
      std::function<void(service::ServerConfig&)> tweak_config = {});
  ~FakeConnector();

  // The fake behind every connection.
  FakeWbapi& fake() { return *fake_; }
  // The server.
  service::ConnectorServer& server() { return *server_; }
  // A stub on an insecure channel to the server.
  Stub& stub() { return *stub_; }
  // Calls the unary RPC `method` through the stub with a deadline `timeout`
  // from now, e.g. Call(&Stub::GetCertificate, request, &response).
  template <typename Request, typename Response>
  grpc::Status Call(grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                 const Request&, Response*),
                    const std::type_identity_t<Request>& request,
                    Response* response,
                    absl::Duration timeout = absl::Seconds(30)) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
    return (stub_.get()->*method)(&context, request, response);
  }
  // Calls Enroll through the stub with a deadline `timeout` from now.
  grpc::Status Enroll(const sslstore::connector::v1::EnrollRequest& request,
                      sslstore::connector::v1::EnrollResponse* response,
                      absl::Duration timeout = absl::Seconds(30)) {
    return Call(&Stub::Enroll, request, response, timeout);
  }

 private:
  FakeConnector() = default;

  std::shared_ptr<FakeWbapi> fake_;
  std::unique_ptr<service::ConnectorServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<Stub> stub_;
};

}  // namespace sslstore::testing

#endif  // TESTS_FAKES_FAKE_CONNECTOR_H_
