#include "service/connector_server.h"

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
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

// The names of the connections a reload adds, changes and removes.
struct ConnectionChanges {
  std::string added;
  std::string changed;
  std::string removed;
};

ConnectionChanges CompareConnections(
    const std::map<std::string, ConnectionSettings>& before,
    const std::map<std::string, ConnectionSettings>& after) {
  std::vector<std::string> added, changed, removed;
  for (const auto& [name, settings] : after) {
    auto found = before.find(name);
    if (found == before.end()) {
      added.emplace_back(name);
    } else if (!SameConnection(found->second, settings)) {
      changed.emplace_back(name);
    }
  }
  for (const auto& [name, settings] : before) {
    if (after.count(name) == 0) removed.emplace_back(name);
  }
  return {absl::StrJoin(added, ","), absl::StrJoin(changed, ","),
          absl::StrJoin(removed, ",")};
}

// The keys of `after` that differ from `before` and that only a restart
// applies, comma-separated.
std::string RestartOnlyChanges(const ServerConfig& before,
                               const ServerConfig& after) {
  std::vector<std::string> keys;
  if (before.listen_address != after.listen_address) {
    keys.emplace_back("listen_address");
  }
  if (before.catalog_dir != after.catalog_dir) keys.emplace_back("catalog_dir");
  if (before.worker_threads != after.worker_threads) {
    keys.emplace_back("worker_threads");
  }
  if (!(before.limits == after.limits)) keys.emplace_back("limits");
  if (!(before.keepalive == after.keepalive)) keys.emplace_back("keepalive");
  if (before.shutdown_grace != after.shutdown_grace) {
    keys.emplace_back("shutdown_grace_seconds");
  }
  if (before.upstream.ca_file != after.upstream.ca_file) {
    keys.emplace_back("upstream_ca_file");
  }
  const observability::ObservabilityConfig& was = before.observability;
  const observability::ObservabilityConfig& is = after.observability;
  if (was.logging.level != is.logging.level ||
      was.logging.format != is.logging.format) {
    keys.emplace_back("logging");
  }
  if (was.metrics.listen_address != is.metrics.listen_address ||
      was.metrics.bearer_token != is.metrics.bearer_token) {
    keys.emplace_back("metrics");
  }
  return absl::StrJoin(keys, ",");
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

  absl::StatusOr<std::unique_ptr<ServerCredentials>> credentials =
      ServerCredentials::Create(server->config_.tls);
  if (!credentials.ok()) return credentials.status();
  server->credentials_ = *std::move(credentials);

  // Links grpc.health.v1's descriptors in, so reflection can describe the
  // health service (gRPC's own implementation does not register them).
  grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(server->config_.listen_address,
                           server->credentials_->credentials(), &server->port_);
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
  if (!config.tls.enabled()) return absl::OkStatus();
  return LoadServerTlsMaterial(config.tls).status();
}

absl::Status ConnectorServer::Reload(const ServerConfig& config) {
  absl::MutexLock lock(&reload_mutex_);
  // The one step that can fail comes first: then nothing else changed.
  if (absl::Status tls = credentials_->Reload(config.tls); !tls.ok()) {
    return tls;
  }
  for (const std::string& secret : ConfiguredSecrets(config)) {
    observability_->redactor().AddSecret(secret);
  }
  const ConnectionChanges changes =
      CompareConnections(config_.connections, config.connections);
  connections_->ReplaceNamed(config.connections);
  auth_->Replace(config.caller_auth);
  config_.connections = config.connections;
  config_.caller_auth = config.caller_auth;
  config_.tls = config.tls;
  observability::Logger& logger = observability_->logger();
  logger.Info("configuration reloaded",
              {observability::LogField(
                   "connections", static_cast<int>(config.connections.size())),
               observability::LogField("added", changes.added),
               observability::LogField("changed", changes.changed),
               observability::LogField("removed", changes.removed),
               observability::LogField(
                   "bearer_tokens",
                   static_cast<int>(config.caller_auth.bearer_tokens.size())),
               observability::LogField("tls", config.tls.enabled())});
  const std::string restart_only = RestartOnlyChanges(config_, config);
  if (!restart_only.empty()) {
    logger.Warn("settings that need a restart were not applied",
                {observability::LogField("keys", restart_only)});
  }
  return absl::OkStatus();
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
