#ifndef SERVICE_SERVER_CONFIG_H_
#define SERVICE_SERVER_CONFIG_H_

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/connection_settings.h"
#include "sslstore_client/client_options.h"

namespace sslstore::service {

// The listen address used when neither the file nor a flag sets one.
inline constexpr char kDefaultListenAddress[] = "127.0.0.1:50051";

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
};

// Parses a configuration document. Unknown keys and bad values are rejected
// with an error naming the key's path (e.g. "connections.default.page_size").
// `source_name` names the document in errors. Auth tokens may be inline
// ("auth_token"), in an environment variable ("auth_token_env") or in a file
// ("auth_token_file", trailing newline trimmed); their values never appear in
// an error.
absl::StatusOr<ServerConfig> ParseServerConfig(absl::string_view json_text,
                                               absl::string_view source_name);

// Reads and parses the configuration file at `path`.
absl::StatusOr<ServerConfig> LoadServerConfig(const std::string& path);

}  // namespace sslstore::service

#endif  // SERVICE_SERVER_CONFIG_H_
