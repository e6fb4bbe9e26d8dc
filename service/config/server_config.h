#ifndef SERVICE_CONFIG_SERVER_CONFIG_H_
#define SERVICE_CONFIG_SERVER_CONFIG_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "service/config/connection_settings.h"
#include "service/observability/log_config.h"
#include "sslstore_client/client_options.h"

namespace sslstore::service {

// The listen address used when neither the file nor a flag sets one.
inline constexpr char kDefaultListenAddress[] = "127.0.0.1:50051";

// TLS of the gRPC server (the "tls" section). Without a certificate the
// server listens in plaintext (for loopback use only).
struct ServerTlsConfig {
  // PEM certificate chain the server presents; empty = plaintext.
  std::string cert_file;
  // PEM private key of `cert_file`.
  std::string key_file;
  // PEM bundle of CAs whose client certificates are accepted. When set, every
  // client must present a certificate that verifies against it (mutual TLS).
  std::string client_ca_file;

  // True when the server serves TLS.
  bool enabled() const { return !cert_file.empty(); }
  // True when clients must present a certificate.
  bool mutual() const { return !client_ca_file.empty(); }
};

// Bearer-token authentication of callers (the "auth" section).
struct CallerAuthConfig {
  // Accepted tokens (several allow rotation); empty = no token required.
  // Read from "bearer_tokens_file" (one token per line, blank lines and
  // lines starting with '#' ignored) or "bearer_token_env".
  // grpc.health.v1.Health and server reflection (which describes the API
  // and holds no data) answer without a token.
  std::vector<Secret> bearer_tokens;
};

// Limits on what callers may send and on upstream concurrency (the "limits"
// section).
struct LimitsConfig {
  // Largest gRPC message accepted from a caller.
  int max_receive_message_bytes = 4 << 20;
  // Largest gRPC message sent to a caller.
  int max_send_message_bytes = 16 << 20;
  // Longest string field in a request (the CSR has its own limit).
  int max_field_bytes = 8 << 10;
  // Longest CSR in a request.
  int max_csr_bytes = 64 << 10;
  // Most entries in one repeated or map field of a request.
  int max_repeated_entries = 1000;
  // SSL Store calls in flight per connection; more wait their turn.
  int max_upstream_calls_per_connection = 16;
  // CA-facing calls waiting for a worker thread; more are refused with
  // RESOURCE_EXHAUSTED (CONNECTOR_BUSY).
  int max_queued_calls = 1024;

  bool operator==(const LimitsConfig&) const = default;
};

// gRPC keepalive (the "keepalive" section), for long sync streams behind
// load balancers that close idle connections.
struct KeepaliveConfig {
  // The server pings a caller's connection after this long without
  // activity, calls or not, and without limit on pings between data.
  int time_seconds = 30;
  // A ping not answered within this closes the connection.
  int timeout_seconds = 10;
  // Callers may ping this often without data (more often is answered with
  // GOAWAY "too_many_pings", as gRPC does).
  int min_client_ping_interval_seconds = 10;

  bool operator==(const KeepaliveConfig&) const = default;
};

// Everything the server needs to start, read from a JSON file.
struct ServerConfig {
  // host:port to serve gRPC on; port 0 picks a free port.
  std::string listen_address = kDefaultListenAddress;
  // Directory of the product catalog's data files; empty = built-in default.
  std::string catalog_dir;
  // Named CA connections, keyed by name.
  std::map<std::string, ConnectionSettings> connections;
  // Threads running CA-facing unary calls (which wait on SSL Store).
  int worker_threads = 32;
  // Transport settings of every SSL Store client (timeouts, retries, pool
  // size); base URL and credentials come from each connection. From the
  // file only `upstream_ca_file` (-> ca_file: the CA bundle trusted for
  // inline connections); the other defaults suit production.
  client::ClientOptions upstream;
  // gRPC server TLS; plaintext when not configured.
  ServerTlsConfig tls;
  // Bearer tokens callers must present; none when not configured.
  CallerAuthConfig caller_auth;
  // Request and concurrency limits.
  LimitsConfig limits;
  // gRPC keepalive.
  KeepaliveConfig keepalive;
  // How long a shutdown lets calls in flight finish before cancelling them.
  absl::Duration shutdown_grace = absl::Seconds(3);
  // Logging and metrics (the "logging" and "metrics" sections).
  observability::ObservabilityConfig observability;
};

// Parses a configuration document. Unknown keys and bad values are rejected
// with an error naming the key's path (e.g. "connections.default.page_size").
// `source_name` names the document in errors. Auth tokens may be inline
// ("auth_token"), in an environment variable ("auth_token_env") or in a file
// ("auth_token_file", trailing newline trimmed); their values never appear in
// an error. Files named by "tls" must exist and be readable.
absl::StatusOr<ServerConfig> ParseServerConfig(absl::string_view json_text,
                                               absl::string_view source_name);

// Reads and parses the configuration file at `path`.
absl::StatusOr<ServerConfig> LoadServerConfig(const std::string& path);

}  // namespace sslstore::service

#endif  // SERVICE_CONFIG_SERVER_CONFIG_H_
