#ifndef SERVICE_SYNC_IN_FLIGHT_CALLS_H_
#define SERVICE_SYNC_IN_FLIGHT_CALLS_H_

#include <cstdint>
#include <map>
#include <vector>

#include "sslstore_client/call_handle.h"

namespace sslstore::service::sync {

// The upstream calls of one sync stream that have not ended, by id, so that
// they can all be cancelled. A call is added before it starts (its callback
// may run before its handle is known). Not thread-safe.
class InFlightCalls {
 public:
  // Adds a call about to start; returns its id (1, 2, ...).
  int64_t Add();

  // Records the handle of call `id`; false when the call already ended.
  bool SetHandle(int64_t id, client::CallHandle handle);

  // Notes that call `id` ended.
  void Remove(int64_t id);

  // The handles of the calls that have not ended (an empty handle for a call
  // whose handle is not known yet).
  std::vector<client::CallHandle> Handles() const;

 private:
  std::map<int64_t, client::CallHandle> handles_;
  int64_t next_id_ = 1;
};

}  // namespace sslstore::service::sync

#endif  // SERVICE_SYNC_IN_FLIGHT_CALLS_H_
