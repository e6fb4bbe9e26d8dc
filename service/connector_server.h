#ifndef SERVICE_CONNECTOR_SERVER_H_
#define SERVICE_CONNECTOR_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "catalog/catalog.h"
#include "grpcpp/server.h"
#include "service/config/server_config.h"
#include "service/observability/observability.h"
#include "service/rpc/connector_service.h"
#include "service/server/caller_auth.h"
#include "service/server/server_credentials.h"
#include "service/server/stream_registry.h"
#include "service/server/timer_service.h"
#include "service/server/worker_pool.h"
#include "service/upstream/connection_registry.h"

namespace sslstore::service {

// A running gRPC server: ConnectorService, the standard health service
// (grpc.health.v1.Health, "" and the service name report SERVING) and server
// reflection, so grpcurl works without proto files. Serves plaintext, TLS or
// mutual TLS (config.tls), requires bearer tokens when configured
// (config.caller_auth; health and reflection stay open) and enforces
// config.limits.
class ConnectorServer {
 public:
  // Loads the catalog (config.catalog_dir, or the build's default) and starts
  // serving on config.listen_address. Port 0 picks a free port; `port()`
  // tells which. `client_factory` makes the WBAPI client of each connection
  // (null: the real SslStoreClient); tests pass one that makes a fake.
  static absl::StatusOr<std::unique_ptr<ConnectorServer>> Start(
      ServerConfig config, WbapiFactory client_factory = nullptr);

  // Everything Start checks before listening, without listening: the
  // catalog loads and the TLS files are usable. For `--check-config`.
  static absl::Status CheckConfig(const ServerConfig& config);

  ConnectorServer(const ConnectorServer&) = delete;
  ConnectorServer& operator=(const ConnectorServer&) = delete;
  // Shuts down (if not done yet) and releases the server.
  ~ConnectorServer();

  // The port the server listens on.
  int port() const { return port_; }
  // "host:port" with the real port.
  std::string address() const;
  // The configuration in force: the one the server started with, with the
  // connections, tokens and TLS files of the last successful Reload.
  const ServerConfig& config() const { return config_; }
  // Applies a new configuration while serving, without dropping calls or
  // streams: the connections (added, changed, removed; calls and streams
  // in flight keep the connection they started with), the callers' bearer
  // tokens, and the TLS certificate, key and client CA bundle (for new
  // connections). Everything is checked first: on any problem nothing
  // changes and the error says why. Settings only a restart applies
  // (listen address, catalog, worker threads, limits, keepalive, logging,
  // metrics) keep their values, and a warning names those that differ.
  absl::Status Reload(const ServerConfig& config);
  // Blocks until Shutdown() is called from another thread.
  void Wait();
  // Graceful shutdown: health reports NOT_SERVING, new calls are refused,
  // open SyncCertificates streams end with UNAVAILABLE and a resume token
  // once their orders in flight are delivered, and unary calls in flight may
  // finish; whatever still runs after `grace` is cancelled. Returns when the
  // server has stopped. Safe to call more than once.
  void Shutdown(absl::Duration grace);
  // Shutdown with the configured grace period (config().shutdown_grace).
  void Shutdown() { Shutdown(config_.shutdown_grace); }
  // Open SyncCertificates streams.
  int open_streams() const { return streams_.size(); }
  // Logs, metrics and redaction; metrics_port() tells where
  // /metrics is served.
  observability::Observability& observability() { return *observability_; }

 private:
  ConnectorServer(ServerConfig config,
                  std::unique_ptr<catalog::Catalog> catalog);

  ServerConfig config_;
  std::unique_ptr<catalog::Catalog> catalog_;
  // Made first and destroyed last: clients and calls report to it.
  std::unique_ptr<observability::Observability> observability_;
  // Outlives the clients: a sync whose upstream calls complete while the
  // clients are destroyed unregisters itself here.
  StreamRegistry streams_;
  std::unique_ptr<ConnectionRegistry> connections_;
  std::unique_ptr<WorkerPool> workers_;
  // Timers of the waits for issuance (destroyed before the workers it may
  // queue jobs on).
  std::unique_ptr<TimerService> timers_;
  std::unique_ptr<CallerAuthenticator> auth_;
  std::unique_ptr<ServerCredentials> credentials_;
  absl::Mutex reload_mutex_;  // one Reload at a time
  std::unique_ptr<ConnectorServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace sslstore::service

#endif  // SERVICE_CONNECTOR_SERVER_H_
