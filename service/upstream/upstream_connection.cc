#include "service/upstream/upstream_connection.h"

#include <string>
#include <utility>

#include "service/upstream/connection_registry.h"

namespace sslstore::service {

std::string ConnectionLabel(const sslstore::connector::v1::ConnectionRef& ref) {
  if (ref.has_inline_()) return "inline";
  return ref.name().empty() ? std::string(kDefaultConnectionName) : ref.name();
}

absl::StatusOr<UpstreamConnection> OpenUpstream(
    ServiceDeps& deps, const sslstore::connector::v1::ConnectionRef& ref) {
  absl::StatusOr<ConnectionSettings> settings = deps.connections.Resolve(ref);
  if (!settings.ok()) return settings.status();
  if (absl::Status enabled = RequireEnabled(*settings); !enabled.ok()) {
    return enabled;
  }
  absl::StatusOr<std::shared_ptr<client::Wbapi>> client =
      deps.connections.ClientFor(*settings);
  if (!client.ok()) return client.status();
  return UpstreamConnection{*std::move(settings), *std::move(client)};
}

}  // namespace sslstore::service
