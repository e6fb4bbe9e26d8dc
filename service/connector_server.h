#ifndef SERVICE_CONNECTOR_SERVER_H_
#define SERVICE_CONNECTOR_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "catalog/catalog.h"
#include "grpcpp/server.h"
#include "service/connection_registry.h"
#include "service/connector_service.h"
#include "service/server_config.h"
#include "service/worker_pool.h"

namespace sslstore::service {

// A running gRPC server: ConnectorService, the standard health service
// (grpc.health.v1.Health, "" and the service name report SERVING) and server
// reflection, so grpcurl works without proto files.
class ConnectorServer {
 public:
  // Loads the catalog (config.catalog_dir, or the build's default) and starts
  // serving on config.listen_address. Port 0 picks a free port; `port()`
  // tells which.
  static absl::StatusOr<std::unique_ptr<ConnectorServer>> Start(
      ServerConfig config);

  ConnectorServer(const ConnectorServer&) = delete;
  ConnectorServer& operator=(const ConnectorServer&) = delete;
  // Shuts down (if not done yet) and releases the server.
  ~ConnectorServer();

  // The port the server listens on.
  int port() const { return port_; }
  // "host:port" with the real port.
  std::string address() const;
  // The loaded configuration.
  const ServerConfig& config() const { return config_; }
  // Blocks until Shutdown() is called from another thread.
  void Wait();
  // Stops accepting calls and ends the running ones by `deadline`.
  void Shutdown(absl::Duration grace = absl::Seconds(5));

 private:
  ConnectorServer(ServerConfig config,
                  std::unique_ptr<catalog::Catalog> catalog);

  ServerConfig config_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<ConnectionRegistry> connections_;
  std::unique_ptr<WorkerPool> workers_;
  std::unique_ptr<ConnectorServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace sslstore::service

#endif  // SERVICE_CONNECTOR_SERVER_H_
