// The metadata a load balancer routes Enroll by: the enrollment's
// idempotency key, so that every call of one enrollment reaches the same
// replica (README, "Running several replicas").
#ifndef SERVICE_SERVER_ROUTING_KEY_H_
#define SERVICE_SERVER_ROUTING_KEY_H_

#include "absl/strings/string_view.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"

namespace sslstore::service {

// The metadata key carrying Enroll's routing key.
inline constexpr absl::string_view kRequestIdMetadataKey =
    "x-sslstore-request-id";

// The metadata is optional and, when the request has no request_id, free
// (a client may send any stable key of the enrollment). OK, or
// INVALID_ARGUMENT with a BadRequest violation on `request_id` when the
// call carries the metadata more than once, or once with a value other than
// a non-empty `request_id`: routing by one key and ordering by another
// would defeat the routing.
grpc::Status CheckRoutingKey(const grpc::ServerContextBase& context,
                             absl::string_view request_id);

}  // namespace sslstore::service

#endif  // SERVICE_SERVER_ROUTING_KEY_H_
