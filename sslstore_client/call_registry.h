#ifndef SSLSTORE_CLIENT_CALL_REGISTRY_H_
#define SSLSTORE_CLIENT_CALL_REGISTRY_H_

#include <condition_variable>
#include <memory>
#include <mutex>

#include "absl/container/flat_hash_map.h"
#include "sslstore_client/call_handle.h"

namespace sslstore::client::internal {

// The calls of a transport still running, so that shutting down can cancel
// them and wait for their callbacks. Thread-safe.
class CallRegistry {
 public:
  // Registers a call under its address.
  void Add(const std::shared_ptr<Cancellable>& call);
  // Unregisters a call once its callback has been taken (before it runs).
  void Remove(const Cancellable* call);
  // Calls registered now.
  int size() const;
  // Cancels every registered call and blocks until none is left.
  void CancelAllAndWait();

 private:
  // std::mutex: see ConnectionPool (absl::Mutex runs deadlock detection on
  // every lock in this system's Abseil build).
  mutable std::mutex mu_;
  std::condition_variable empty_;
  // Guarded by mu_.
  absl::flat_hash_map<const Cancellable*, std::weak_ptr<Cancellable>> calls_;
};

}  // namespace sslstore::client::internal

#endif  // SSLSTORE_CLIENT_CALL_REGISTRY_H_
