#ifndef SSLSTORE_CLIENT_CONNECTION_POOL_H_
#define SSLSTORE_CLIENT_CONNECTION_POOL_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/time/time.h"
#include "sslstore_client/https_connection.h"
#include "sslstore_client/https_transport.h"

namespace sslstore::client::internal {

// The keep-alive connections to the WBAPI host: at most `max_connections`
// open (busy plus idle); callers beyond that wait in arrival order. An idle
// connection is reused only while younger than `idle_timeout` and quiet
// (the peer neither closed it nor sent anything unasked). Thread-safe.
class ConnectionPool {
 public:
  // Receives a granted connection on the thread that released one; must
  // not block.
  using Grant = absl::AnyInvocable<void(std::shared_ptr<HttpsConnection>) &&>;

  ConnectionPool(net::io_context& ioc, net::ssl::context& tls,
                 int max_connections, absl::Duration idle_timeout);

  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // A connection for the caller `key`: a usable idle one, or a new one (not
  // yet connected) while under the limit. Otherwise null: the caller waits
  // and `grant` later receives one, unless CancelWait(key) comes first.
  std::shared_ptr<HttpsConnection> Acquire(const void* key, Grant grant);

  // Takes a connection back after use; `reusable` when it may carry another
  // request, else it is closed. The longest waiting caller gets it, or a
  // new one in place of a closed one.
  void Release(std::shared_ptr<HttpsConnection> conn, bool reusable);

  // Stops `key` waiting; false when it was not waiting (already granted).
  bool CancelWait(const void* key);

  // Sets the pool's counters in `stats`: open, idle and opened connections,
  // and waiting calls.
  void FillStats(ClientStats* stats) const;

  // Drops the idle connections and the waiters (at shutdown, once no call
  // runs).
  void Clear();

 private:
  struct Waiter {
    const void* key;
    Grant grant;
  };

  // Pops the longest waiter (mu_ held); none when nobody waits, or when
  // `needs_new_slot` and the pool is full. A new slot is counted as open.
  std::optional<Waiter> PopWaiterLocked(bool needs_new_slot);
  // Counts a new connection as open (mu_ held).
  void CountNewLocked();
  std::shared_ptr<HttpsConnection> NewConnection();

  net::io_context& ioc_;
  net::ssl::context& tls_;
  const int max_connections_;
  const absl::Duration idle_timeout_;

  // std::mutex, not absl::Mutex: this system's Abseil build runs deadlock
  // detection on every absl::Mutex::Lock, which costs measurable CPU here.
  mutable std::mutex mu_;
  // Guarded by mu_.
  std::vector<std::shared_ptr<HttpsConnection>> idle_;
  std::deque<Waiter> waiters_;
  int open_ = 0;
  int64_t opened_ = 0;
};

}  // namespace sslstore::client::internal

#endif  // SSLSTORE_CLIENT_CONNECTION_POOL_H_
