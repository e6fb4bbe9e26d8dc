#ifndef SERVICE_GRPC_STATUS_H_
#define SERVICE_GRPC_STATUS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "catalog/parameter_validation.h"
#include "grpcpp/support/status.h"

namespace sslstore::service {

// Converts an internal status to the gRPC status returned to callers, keeping
// the code and the message. This is the only place the two meet.
grpc::Status ToGrpcStatus(const absl::Status& status);

// INVALID_ARGUMENT carrying a `google.rpc.BadRequest` detail with one field
// violation per entry of `violations`. The message summarises them all.
grpc::Status InvalidArgumentWithViolations(
    absl::string_view summary,
    const std::vector<catalog::FieldViolation>& violations);

// Joins violations into "field: description; field: description".
std::string DescribeViolations(
    const std::vector<catalog::FieldViolation>& violations);

}  // namespace sslstore::service

#endif  // SERVICE_GRPC_STATUS_H_
