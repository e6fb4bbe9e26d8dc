#ifndef SERVICE_RPC_CONNECTION_HANDLERS_H_
#define SERVICE_RPC_CONNECTION_HANDLERS_H_

#include "absl/status/status.h"
#include "service/server/call_scope.h"
#include "service/upstream/service_deps.h"
#include "sslstore/connector/v1/connector_service.pb.h"

namespace sslstore::service {

// Ping: an authenticated call to SSL Store (/rest/health/validate) with the
// connection's credentials; reports reachability and latency. A disabled
// connection is not contacted, and the response says so. Upstream failures
// are errors (UNAVAILABLE, FAILED_PRECONDITION for rejected credentials).
absl::Status HandlePing(ServiceDeps& deps, CallScope& scope,
                        const sslstore::connector::v1::PingRequest& request,
                        sslstore::connector::v1::PingResponse* response);

// ValidateConnection: every problem of an inline configuration at once,
// including whether SSL Store accepts its credentials (skipped, and said,
// for a disabled configuration or one whose fields are already wrong).
absl::Status HandleValidateConnection(
    ServiceDeps& deps, CallScope& scope,
    const sslstore::connector::v1::ValidateConnectionRequest& request,
    sslstore::connector::v1::ValidateConnectionResponse* response);

}  // namespace sslstore::service

#endif  // SERVICE_RPC_CONNECTION_HANDLERS_H_
