// A small asynchronous HTTP/1.1 server (Boost.Beast, optionally over TLS)
// running on its own io_context thread pool. Each request goes to an
// HttpHandler; the handler's Delivery tells the server to delay, drop,
// truncate or trickle the reply (fault injection). The only translation unit
// of the simulator that includes Beast.
#ifndef TOOLS_SSLSTORE_SIM_HTTP_SERVER_H_
#define TOOLS_SSLSTORE_SIM_HTTP_SERVER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "tools/sslstore-sim/http_types.h"

namespace sslstore_sim {

// Server certificate chain and key for TLS.
struct ServerTls {
  std::string chain_pem;
  std::string key_pem;
};

// Listener settings.
struct HttpServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 0;  // 0 picks a free port
  int threads = 1;
  std::optional<ServerTls> tls;  // unset: plain HTTP
  size_t body_limit = size_t{4} << 20;
};

// A running server; destruction stops it and joins its threads.
class HttpServer {
 public:
  // Binds, listens and starts the threads.
  static absl::StatusOr<std::unique_ptr<HttpServer>> Start(
      HttpServerOptions options, HttpHandler handler);

  virtual ~HttpServer() = default;

  // The bound port.
  virtual uint16_t port() const = 0;

  // Stops accepting, closes connections and joins the threads. Idempotent.
  virtual void Stop() = 0;
};

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_HTTP_SERVER_H_
