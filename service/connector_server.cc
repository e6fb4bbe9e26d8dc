#include "service/connector_server.h"

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.pb.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "service/server/keepalive.h"
#include "service/server/server_credentials.h"

namespace sslstore::service {
namespace {

constexpr char kServiceName[] = "sslstore.connector.v1.ConnectorService";

// Every secret the configuration holds, for the log redactor.
std::vector<std::string> ConfiguredSecrets(const ServerConfig& config) {
  std::vector<std::string> secrets;
  for (const auto& [name, settings] : config.connections) {
    secrets.push_back(settings.auth_token.Reveal());
  }
  for (const Secret& token : config.caller_auth.bearer_tokens) {
    secrets.push_back(token.Reveal());
  }
  return secrets;
}

std::string CatalogDirOrDefault(const std::string& configured) {
  return configured.empty() ? catalog::BuiltInCatalogDir() : configured;
}

}  // namespace

ConnectorServer::ConnectorServer(ServerConfig config,
                                 std::unique_ptr<catalog::Catalog> catalog)
    : config_(std::move(config)), catalog_(std::move(catalog)) {}

ConnectorServer::~ConnectorServer() {
  Shutdown(absl::ZeroDuration());
  // Pending timers fire as cancelled; their waits queue their last step.
  timers_.reset();
  // Jobs still queued see their calls cancelled and finish promptly.
  workers_.reset();
  if (observability_ != nullptr && server_ != nullptr) {
    observability_->logger().Info("server stopped",
                                  {observability::LogField("port", port_)});
  }
}

absl::StatusOr<std::unique_ptr<ConnectorServer>> ConnectorServer::Start(
    ServerConfig config, WbapiFactory client_factory) {
  absl::StatusOr<std::unique_ptr<catalog::Catalog>> catalog =
      catalog::Catalog::LoadFromDirectory(
          CatalogDirOrDefault(config.catalog_dir));
  if (!catalog.ok()) return catalog.status();

  std::unique_ptr<ConnectorServer> server(
      new ConnectorServer(std::move(config), *std::move(catalog)));
  // Observability: before the clients, which report to it.
  absl::StatusOr<std::unique_ptr<observability::Observability>> obs =
      observability::Observability::Start(server->config_.observability,
                                          ConfiguredSecrets(server->config_));
  if (!obs.ok()) return obs.status();
  server->observability_ = *std::move(obs);
  server->observability_->ApplyTo(&server->config_.upstream);
  server->connections_ = std::make_unique<ConnectionRegistry>(
      server->config_.connections, server->config_.upstream,
      std::move(client_factory));
  server->workers_ = std::make_unique<WorkerPool>(
      server->config_.worker_threads, server->config_.limits.max_queued_calls);
  server->timers_ = std::make_unique<TimerService>();
  server->auth_ =
      std::make_unique<CallerAuthenticator>(server->config_.caller_auth);
  server->service_ = std::make_unique<ConnectorServiceImpl>(
      ServiceDeps{*server->catalog_, *server->connections_, *server->workers_,
                  &server->streams_, server->observability_->sync_progress(),
                  server->timers_.get()},
      *server->auth_, server->config_.limits);

  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      MakeServerCredentials(server->config_.tls);
  if (!credentials.ok()) return credentials.status();

  // Links grpc.health.v1's descriptors in, so reflection can describe the
  // health service (gRPC's own implementation does not register them).
  grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(server->config_.listen_address, *credentials,
                           &server->port_);
  builder.SetMaxReceiveMessageSize(
      server->config_.limits.max_receive_message_bytes);
  builder.SetMaxSendMessageSize(server->config_.limits.max_send_message_bytes);
  for (const auto& [name, value] :
       KeepaliveArguments(server->config_.keepalive)) {
    builder.AddChannelArgument(name, value);
  }
  builder.RegisterService(server->service_.get());
  server->observability_->InstallOn(builder);  // the RPC observer
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", server->config_.listen_address));
  }
  server->observability_->logger().Info(
      "server started",
      {observability::LogField("address", server->address()),
       observability::LogField("tls", server->config_.tls.enabled()),
       observability::LogField("mutual_tls", server->config_.tls.mutual()),
       observability::LogField(
           "connections", static_cast<int>(server->config_.connections.size())),
       observability::LogField("metrics_port",
                               server->observability_->metrics_port())});
  grpc::HealthCheckServiceInterface* health =
      server->server_->GetHealthCheckService();
  if (health != nullptr) {
    health->SetServingStatus(kServiceName, true);
  }
  return server;
}

absl::Status ConnectorServer::CheckConfig(const ServerConfig& config) {
  absl::StatusOr<std::unique_ptr<catalog::Catalog>> catalog =
      catalog::Catalog::LoadFromDirectory(
          CatalogDirOrDefault(config.catalog_dir));
  if (!catalog.ok()) return catalog.status();
  return MakeServerCredentials(config.tls).status();
}

std::string ConnectorServer::address() const {
  const std::string& listen = config_.listen_address;
  return absl::StrCat(listen.substr(0, listen.rfind(':')), ":", port_);
}

void ConnectorServer::Wait() {
  if (server_ != nullptr) server_->Wait();
}

void ConnectorServer::Shutdown(absl::Duration grace) {
  if (server_ == nullptr) return;
  const auto deadline =
      std::chrono::system_clock::now() + absl::ToChronoNanoseconds(grace);
  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  if (health != nullptr) health->Shutdown();
  streams_.StopAll();
  server_->Shutdown(deadline);
}

}  // namespace sslstore::service
