// The metadata that lets a load balancer route Enroll by its idempotency
// key: every call of one enrollment reaches the same connector replica.
#ifndef TOOLS_GATEWAY_CLI_ENROLL_ROUTING_H_
#define TOOLS_GATEWAY_CLI_ENROLL_ROUTING_H_

#include <optional>
#include <string>
#include <utility>

#include "sslstore/connector/v1/connector_service.pb.h"

namespace sslstore::gateway::cli {

// The metadata key carrying EnrollRequest.request_id.
inline constexpr char kRequestIdMetadataKey[] = "x-sslstore-request-id";

// (kRequestIdMetadataKey, request_id) for `request`, or nothing when its
// request_id is empty or not printable ASCII (not a valid metadata value;
// the balancer then spreads the call like any other).
std::optional<std::pair<std::string, std::string>> EnrollRoutingMetadata(
    const sslstore::connector::v1::EnrollRequest& request);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_ENROLL_ROUTING_H_
