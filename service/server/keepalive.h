#ifndef SERVICE_SERVER_KEEPALIVE_H_
#define SERVICE_SERVER_KEEPALIVE_H_

#include <string>
#include <utility>
#include <vector>

#include "service/config/server_config.h"

namespace sslstore::service {

// The gRPC core channel arguments (name, value) that make the server
// behave as `config` says: ping idle connections every time_seconds, with
// or without calls and with no cap on pings between data frames; close a
// connection whose ping is not answered within timeout_seconds; accept
// callers' pings min_client_ping_interval_seconds apart.
std::vector<std::pair<std::string, int>> KeepaliveArguments(
    const KeepaliveConfig& config);

}  // namespace sslstore::service

#endif  // SERVICE_SERVER_KEEPALIVE_H_
