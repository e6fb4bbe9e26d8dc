#ifndef SERVICE_UPSTREAM_UPSTREAM_CONNECTION_H_
#define SERVICE_UPSTREAM_UPSTREAM_CONNECTION_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "service/config/connection_settings.h"
#include "service/upstream/service_deps.h"
#include "sslstore/connector/v1/connection.pb.h"
#include "sslstore_client/wbapi.h"

namespace sslstore::service {

// A resolved, enabled connection and its SSL Store client.
struct UpstreamConnection {
  ConnectionSettings settings;
  std::shared_ptr<client::Wbapi> client;
};

// The name errors give the connection `ref` names: "inline" for an inline
// ConnectionConfig, else its name ("default" when empty).
std::string ConnectionLabel(const sslstore::connector::v1::ConnectionRef& ref);

// Resolves `ref`, refuses a disabled connection (FAILED_PRECONDITION naming
// it) and returns the connection's client. Every CA operation starts here.
absl::StatusOr<UpstreamConnection> OpenUpstream(
    ServiceDeps& deps, const sslstore::connector::v1::ConnectionRef& ref);

}  // namespace sslstore::service

#endif  // SERVICE_UPSTREAM_UPSTREAM_CONNECTION_H_
