#include "service/sync/sync_setup.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "proto/time/proto_time.h"
#include "service/server/grpc_status.h"
#include "service/upstream/connection_registry.h"

namespace sslstore::service::sync {

absl::StatusOr<SyncSetup> PrepareSync(
    ServiceDeps& deps,
    const sslstore::connector::v1::SyncCertificatesRequest& request) {
  absl::StatusOr<ConnectionSettings> settings =
      deps.connections.Resolve(request.connection());
  if (!settings.ok()) return settings.status();
  if (absl::Status enabled = RequireEnabled(*settings); !enabled.ok()) {
    return enabled;
  }
  if (request.max_in_flight() < 0) {
    return InvalidArgumentStatus(
        "invalid SyncCertificates request",
        {{"max_in_flight", "must be 0 (default 16) or positive"}});
  }
  if (request.has_last_sync() && (request.last_sync().nanos() < 0 ||
                                  request.last_sync().nanos() > 999999999)) {
    return InvalidArgumentStatus("invalid SyncCertificates request",
                                 {{"last_sync", "is not a valid timestamp"}});
  }
  const uint32_t fingerprint = ConnectionFingerprint(
      settings->name, settings->sslstore_url, settings->partner_code);
  SyncSetup setup;
  setup.connection_name = settings->name;
  setup.emit_progress = request.emit_progress();
  setup.max_in_flight =
      request.max_in_flight() == 0
          ? kDefaultMaxInFlight
          : std::min<int>(request.max_in_flight(), kMaxInFlight);
  if (!request.resume_token().empty()) {
    absl::StatusOr<SyncPosition> position =
        DecodeResumeToken(request.resume_token());
    if (!position.ok()) return position.status();
    if (position->connection_fingerprint != fingerprint) {
      return InvalidArgumentStatus(
          "invalid resume token",
          {{"resume_token", "was issued for another connection"}});
    }
    setup.start = *std::move(position);
  } else {
    setup.start.page = 1;
    setup.start.page_size = std::clamp(settings->page_size, 1, kMaxPageSize);
    setup.start.full_sync = request.full_sync() || !request.has_last_sync();
    if (!setup.start.full_sync) {
      setup.start.last_sync =
          proto_time::FromProtoTimestamp(request.last_sync());
    }
    setup.start.connection_fingerprint = fingerprint;
  }
  setup.mode.full_sync = setup.start.full_sync;
  if (setup.start.last_sync.has_value()) {
    setup.mode.last_sync = *setup.start.last_sync;
  }
  setup.window_limit = std::min(
      kMaxWindow, std::max(2 * setup.start.page_size, 8 * setup.max_in_flight));
  absl::StatusOr<std::shared_ptr<client::Wbapi>> client =
      deps.connections.ClientFor(*settings);
  if (!client.ok()) return client.status();
  setup.client = *std::move(client);
  return setup;
}

}  // namespace sslstore::service::sync
