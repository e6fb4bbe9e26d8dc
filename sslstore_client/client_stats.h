#ifndef SSLSTORE_CLIENT_CLIENT_STATS_H_
#define SSLSTORE_CLIENT_CLIENT_STATS_H_

#include <cstdint>

namespace sslstore::client {

// Counters of a client's transport, for tests, metrics and benchmarks.
struct ClientStats {
  // Calls started and not yet completed.
  int active_calls = 0;
  // Connections open (busy or idle), and the idle ones among them.
  int open_connections = 0;
  int idle_connections = 0;
  // Calls queued for a connection.
  int waiting_calls = 0;
  // Totals since creation.
  int64_t connections_opened = 0;
  int64_t attempts = 0;
  int64_t retries = 0;
};

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_CLIENT_STATS_H_
