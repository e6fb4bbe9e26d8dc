#include "tests/integration/connector_with_sim.h"

#include <utility>

#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"

namespace sslstore::testing {

sslstore_sim::SimulatorOptions RealisticSimOptions() {
  sslstore_sim::SimulatorOptions options;
  options.realism = sslstore_sim::Realism::Realistic();
  return options;
}

ConnectorWithSim::~ConnectorWithSim() {
  if (sim_ == nullptr) return;
  const std::vector<std::string> unknown = sim_->UnknownMemberLines();
  if (!unknown.empty()) {
    ADD_FAILURE() << "the connector sent members the WBAPI does not have: "
                  << absl::StrJoin(unknown, ", ");
  }
}

absl::StatusOr<std::unique_ptr<ConnectorWithSim>> ConnectorWithSim::Start(
    sslstore_sim::SimulatorOptions sim_options,
    std::function<void(service::ServerConfig&)> tweak_config) {
  std::unique_ptr<ConnectorWithSim> env(new ConnectorWithSim());
  const std::string auth_token = sim_options.auth_token;
  absl::StatusOr<std::unique_ptr<sslstore_sim::Simulator>> sim =
      sslstore_sim::Simulator::Start(std::move(sim_options));
  if (!sim.ok()) return sim.status();
  env->sim_ = *std::move(sim);

  service::ServerConfig config;
  config.listen_address = "127.0.0.1:0";
  service::ConnectionSettings settings;
  settings.name = "default";
  settings.sslstore_url = env->sim_->base_url();
  settings.partner_code = env->sim_->partner_code();
  settings.auth_token = service::Secret(auth_token);
  settings.ca_file = env->sim_->ca_file();
  config.connections.emplace("default", settings);
  config.upstream.ca_file = env->sim_->ca_file();
  config.upstream.retry.initial_backoff = absl::Milliseconds(1);
  config.upstream.retry.max_backoff = absl::Milliseconds(20);
  config.upstream.retry.max_retry_after = absl::Milliseconds(50);
  config.upstream.request_timeout = absl::Seconds(5);
  config.upstream.total_timeout = absl::Seconds(30);
  if (tweak_config) tweak_config(config);

  absl::StatusOr<std::unique_ptr<service::ConnectorServer>> server =
      service::ConnectorServer::Start(std::move(config));
  if (!server.ok()) return server.status();
  env->server_ = *std::move(server);
  env->channel_ = grpc::CreateChannel(env->server_->address(),
                                      grpc::InsecureChannelCredentials());
  env->stub_ =
      sslstore::connector::v1::ConnectorService::NewStub(env->channel_);
  return env;
}

grpc::Status ConnectorWithSim::Enroll(
    const sslstore::connector::v1::EnrollRequest& request,
    sslstore::connector::v1::EnrollResponse* response, absl::Duration timeout) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  return stub_->Enroll(&context, request, response);
}

sslstore_sim::FaultConfig FirstCallFault(std::string endpoint,
                                         sslstore_sim::FaultType type,
                                         std::string error_message) {
  sslstore_sim::FaultRule rule;
  rule.endpoint = std::move(endpoint);
  rule.type = type;
  rule.nth = 1;
  if (!error_message.empty()) rule.error_message = std::move(error_message);
  sslstore_sim::FaultConfig faults;
  faults.rules.push_back(rule);
  return faults;
}

sslstore_sim::FaultConfig SlowEndpoint(std::string endpoint,
                                       absl::Duration latency) {
  sslstore_sim::FaultRule rule;
  rule.endpoint = std::move(endpoint);
  rule.type = sslstore_sim::FaultType::kLatency;
  rule.rate = 1.0;
  rule.latency = latency;
  sslstore_sim::FaultConfig faults;
  faults.rules.push_back(rule);
  return faults;
}

void AddOrganization(sslstore::connector::v1::EnrollRequest& request) {
  auto& parameters = *request.mutable_parameters();
  parameters["Organization Name"] = "Example Inc.";
  parameters["Organization Address"] = "1 Main St";
  parameters["Organization City"] = "Springfield";
  parameters["Organization State/Province"] = "IL";
  parameters["Organization Postal Code"] = "62701";
  parameters["Organization Country"] = "US";
  parameters["Organization Phone"] = "+1 555 0100";
}

}  // namespace sslstore::testing
