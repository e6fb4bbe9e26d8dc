#ifndef SERVICE_OBSERVABILITY_METRICS_AUTH_H_
#define SERVICE_OBSERVABILITY_METRICS_AUTH_H_

#include <string>

struct CivetCallbacks;

namespace sslstore::service::observability {

// Bearer-token protection of metrics endpoints. The HTTP server behind
// prometheus::Exposer (civetweb) calls one plain function before each
// request, so the expected token of each protected endpoint is kept here,
// by the port it listens on. Only protected endpoints are built with
// Callbacks(); a request to one must carry "Authorization: Bearer <token>"
// or gets 401, and so does every request before its token is registered.
// Tokens are compared in constant time and never logged.
class MetricsAuth {
 public:
  // The callbacks to construct a protected Exposer with.
  static const CivetCallbacks* Callbacks();

  // Requires `token` (not empty) on `port`.
  static void Require(int port, const std::string& token);

  // Stops tracking `port` (its Exposer is gone).
  static void Forget(int port);
};

}  // namespace sslstore::service::observability

#endif  // SERVICE_OBSERVABILITY_METRICS_AUTH_H_
