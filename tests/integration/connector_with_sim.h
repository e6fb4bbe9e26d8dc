#ifndef TESTS_INTEGRATION_CONNECTOR_WITH_SIM_H_
#define TESTS_INTEGRATION_CONNECTOR_WITH_SIM_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "service/connector_server.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"
#include "tools/sslstore-sim/simulator.h"

namespace sslstore::testing {

// Simulator options with the realistic profile (exact member names, another
// not-found wording, pending refunds, lagging, capped and newest-first query
// pages, strict reissue names): the default of the integration suites, so
// they run against the variants of the real WBAPI the connector must survive.
sslstore_sim::SimulatorOptions RealisticSimOptions();

// The simulator and the connector, both running in this process on
// 127.0.0.1 port 0 and talking real TLS: the connector's "default"
// connection points at the simulator and trusts its CA. Upstream retries use
// millisecond back-off so fault tests stay fast.
class ConnectorWithSim {
 public:
  // Starts both (the simulator under the realistic profile unless
  // `sim_options` says otherwise). `tweak_config` may change the connector's
  // configuration (add connections, change the default one) before it starts.
  static absl::StatusOr<std::unique_ptr<ConnectorWithSim>> Start(
      sslstore_sim::SimulatorOptions sim_options = RealisticSimOptions(),
      std::function<void(service::ServerConfig&)> tweak_config = {});

  // Fails the running test when the simulator, under exact member names,
  // recorded a member the connector sent that the WBAPI does not have.
  ~ConnectorWithSim();

  // The simulator (ground truth, faults, call counts).
  sslstore_sim::Simulator& sim() { return *sim_; }
  // The connector server.
  service::ConnectorServer& server() { return *server_; }
  // A stub on an insecure channel to the connector.
  sslstore::connector::v1::ConnectorService::Stub& stub() { return *stub_; }
  // The channel the stub uses.
  std::shared_ptr<grpc::Channel> channel() { return channel_; }
  // Calls Enroll through the stub with a deadline `timeout` from now.
  grpc::Status Enroll(const sslstore::connector::v1::EnrollRequest& request,
                      sslstore::connector::v1::EnrollResponse* response,
                      absl::Duration timeout = absl::Seconds(60));

 private:
  ConnectorWithSim() = default;

  std::unique_ptr<sslstore_sim::Simulator> sim_;
  std::unique_ptr<service::ConnectorServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<sslstore::connector::v1::ConnectorService::Stub> stub_;
};

// Faults that hit only the first call to `endpoint` with `type`; an API
// error carries `error_message` (the simulator's default when empty).
sslstore_sim::FaultConfig FirstCallFault(std::string endpoint,
                                         sslstore_sim::FaultType type,
                                         std::string error_message = "");

// Faults that delay every call to `endpoint` by `latency`.
sslstore_sim::FaultConfig SlowEndpoint(std::string endpoint,
                                       absl::Duration latency);

// Sets the Organization parameters (name, address, phone) of an OV or EV
// enrollment to those of one fixed example company.
void AddOrganization(sslstore::connector::v1::EnrollRequest& request);

}  // namespace sslstore::testing

#endif  // TESTS_INTEGRATION_CONNECTOR_WITH_SIM_H_
