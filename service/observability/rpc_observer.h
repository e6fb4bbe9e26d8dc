#ifndef SERVICE_OBSERVABILITY_RPC_OBSERVER_H_
#define SERVICE_OBSERVABILITY_RPC_OBSERVER_H_

#include <string>

#include "absl/strings/string_view.h"
#include "grpcpp/support/server_interceptor.h"
#include "grpcpp/support/status.h"
#include "service/observability/logger.h"
#include "service/observability/metrics.h"
#include "service/observability/redactor.h"

namespace sslstore::service::observability {

// The metadata key carrying a caller's request id (echoed in the reply's
// initial metadata; generated when absent or unusable).
inline constexpr char kRequestIdKey[] = "x-request-id";

// The canonical name of a gRPC code ("OK", "INVALID_ARGUMENT", ...).
absl::string_view StatusCodeName(grpc::StatusCode code);

// A gRPC server interceptor factory that observes every call:
// - one log line per finished call ("rpc" message; fields rpc, status,
//   duration_ms, request_id, peer, and for a failed call its redacted
//   error; streams add messages_sent), at info (OK), warn (caller-side
//   errors) or error (INTERNAL, UNKNOWN, DATA_LOSS, UNIMPLEMENTED) level;
//   calls of other services (health, reflection) log at debug;
// - sslstore_rpc_requests_total / sslstore_rpc_duration_seconds;
// - the auth tokens inside a ConnectorService request (inline connections)
//   become secrets of the call and recent secrets of the redactor;
// - the status a call finishes with is scrubbed (message and google.rpc
//   details) before it leaves the server;
// - at trace level, each ConnectorService request is logged with its secret
//   fields blanked.
// The request id is the caller's `x-request-id` metadata when it is 1-128
// printable characters without spaces, else a generated 16-hex-digit id.
// The referenced objects must outlive the gRPC server.
class RpcObserverFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  RpcObserverFactory(Logger& logger, Metrics& metrics, Redactor& redactor)
      : logger_(logger), metrics_(metrics), redactor_(redactor) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  Logger& logger_;
  Metrics& metrics_;
  Redactor& redactor_;
};

}  // namespace sslstore::service::observability

#endif  // SERVICE_OBSERVABILITY_RPC_OBSERVER_H_
