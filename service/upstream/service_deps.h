#ifndef SERVICE_UPSTREAM_SERVICE_DEPS_H_
#define SERVICE_UPSTREAM_SERVICE_DEPS_H_

#include "catalog/catalog.h"
#include "service/observability/sync_progress.h"
#include "service/server/stream_registry.h"
#include "service/server/timer_service.h"
#include "service/server/worker_pool.h"
#include "service/upstream/connection_registry.h"

namespace sslstore::service {

// What the RPC handlers share: the catalog, the CA connections (with their
// SSL Store clients), the worker threads for step-by-step logic and the
// registry of open streams. Owned by
// ConnectorServer; outlives every call.
struct ServiceDeps {
  const catalog::Catalog& catalog;
  ConnectionRegistry& connections;
  WorkerPool& workers;
  // Open streams, so a shutdown can end them with a status; may be null.
  StreamRegistry* streams = nullptr;
  // Sync progress metrics; may be null.
  observability::SyncProgress* sync_progress = nullptr;
  // Timers for waits that must not block a worker (Enroll's wait for
  // issuance); may be null only where no such wait runs.
  TimerService* timers = nullptr;
};

}  // namespace sslstore::service

#endif  // SERVICE_UPSTREAM_SERVICE_DEPS_H_
