#ifndef SERVICE_SERVICE_DEPS_H_
#define SERVICE_SERVICE_DEPS_H_

#include "catalog/catalog.h"
#include "service/connection_registry.h"
#include "service/worker_pool.h"

namespace sslstore::service {

// What the RPC handlers share: the catalog, the CA connections (with their
// SSL Store clients) and the worker threads for step-by-step logic. Owned by
// ConnectorServer; outlives every call.
struct ServiceDeps {
  const catalog::Catalog& catalog;
  ConnectionRegistry& connections;
  WorkerPool& workers;
};

}  // namespace sslstore::service

#endif  // SERVICE_SERVICE_DEPS_H_
