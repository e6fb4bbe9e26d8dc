#include "service/upstream/upstream_connection.h"

#include <utility>

namespace sslstore::service {

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
