#include "service/server/keepalive.h"

#include "grpc/grpc.h"

namespace sslstore::service {

std::vector<std::pair<std::string, int>> KeepaliveArguments(
    const KeepaliveConfig& config) {
  const int ping_interval_ms = config.min_client_ping_interval_seconds * 1000;
  return {
      {GRPC_ARG_KEEPALIVE_TIME_MS, config.time_seconds * 1000},
      {GRPC_ARG_KEEPALIVE_TIMEOUT_MS, config.timeout_seconds * 1000},
      {GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1},
      {GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0},
      {GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, ping_interval_ms},
  };
}

}  // namespace sslstore::service
