#ifndef SERVICE_SYNC_SYNC_SETUP_H_
#define SERVICE_SYNC_SYNC_SETUP_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "service/sync/order_work.h"
#include "service/sync/resume_token.h"
#include "service/upstream/service_deps.h"
#include "sslstore/connector/v1/connector_service.pb.h"
#include "sslstore_client/wbapi.h"

namespace sslstore::service::sync {

// Orders in flight when the request says 0.
inline constexpr int kDefaultMaxInFlight = 16;
// Largest accepted max_in_flight (larger values are capped).
inline constexpr int kMaxInFlight = 64;
// Most rows dispatched beyond the first undelivered one (bounds memory and
// the resume token).
inline constexpr int kMaxWindow = 1024;

// Everything a sync stream needs, checked before it starts.
struct SyncSetup {
  // The connection's client (also after a reload retires it).
  std::shared_ptr<client::Wbapi> client;
  // Where to start (page 1 or a resume token's position) and the page size.
  SyncPosition start;
  // Full or incremental.
  SyncMode mode;
  // Orders with calls in flight, plus the records waiting to be written
  // beyond the ones held for a batch of writes.
  int max_in_flight = kDefaultMaxInFlight;
  // Rows dispatched beyond the first undelivered one.
  int window_limit = kMaxWindow;
  // Stream SyncProgress after each page.
  bool emit_progress = false;
  // The connection's name ("inline" for an inline connection), for errors.
  std::string connection_name;
};

// Resolves the connection (which must be enabled), validates max_in_flight
// and resume_token (INVALID_ARGUMENT naming the field; a token of another
// connection is rejected too) and picks the mode: a token's own mode and
// page size win over the request's.
absl::StatusOr<SyncSetup> PrepareSync(
    ServiceDeps& deps,
    const sslstore::connector::v1::SyncCertificatesRequest& request);

}  // namespace sslstore::service::sync

#endif  // SERVICE_SYNC_SYNC_SETUP_H_
