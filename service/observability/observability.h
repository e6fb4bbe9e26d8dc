#ifndef SERVICE_OBSERVABILITY_OBSERVABILITY_H_
#define SERVICE_OBSERVABILITY_OBSERVABILITY_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/server_builder.h"
#include "service/observability/log_config.h"
#include "service/observability/logger.h"
#include "service/observability/metrics.h"
#include "service/observability/redactor.h"
#include "service/observability/sync_progress.h"
#include "sslstore_client/client_options.h"

namespace sslstore::service::observability {

// Logs, metrics and redaction of one server: the one object the server
// creates (first) and destroys (last, after the gRPC server and every SSL
// Store client).
//
//   auto obs = Observability::Start(config.observability, secrets);
//   (*obs)->ApplyTo(&config.upstream);   // before clients are made
//   (*obs)->InstallOn(builder);          // before BuildAndStart
//   (*obs)->logger().Info("serving", {{"address", address}});
class Observability {
 public:
  // Creates the redactor (knowing `secrets`: every connection's auth token
  // and bearer token), the logger and the metrics, and serves /metrics when
  // `config.metrics.listen_address` is set. Fails when that address cannot
  // be bound.
  static absl::StatusOr<std::unique_ptr<Observability>> Start(
      const ObservabilityConfig& config,
      const std::vector<std::string>& secrets);

  Observability(const Observability&) = delete;
  Observability& operator=(const Observability&) = delete;
  ~Observability();

  // The server's logger (every line redacted).
  Logger& logger() { return *logger_; }
  // The server's metrics.
  Metrics& metrics() { return *metrics_; }
  // The server's redactor (add secrets learnt later here).
  Redactor& redactor() { return *redactor_; }
  // What the sync streams report to (the metrics).
  SyncProgress* sync_progress() { return metrics_.get(); }

  // Installs the RPC observer (see RpcObserverFactory) on `builder`.
  void InstallOn(grpc::ServerBuilder& builder);

  // Sets `options->on_call` (upstream metrics, one debug line per attempt,
  // warn for a failed one) and, at trace level, `options->trace` (each
  // WBAPI request and response, redacted, at trace level). Callbacks
  // already set keep being called.
  void ApplyTo(client::ClientOptions* options);

  // The port /metrics is served on; 0 when metrics are not served.
  int metrics_port() const { return metrics_->port(); }

 private:
  Observability() = default;

  std::unique_ptr<Redactor> redactor_;
  std::unique_ptr<Logger> logger_;
  std::unique_ptr<Metrics> metrics_;
};

}  // namespace sslstore::service::observability

#endif  // SERVICE_OBSERVABILITY_OBSERVABILITY_H_
