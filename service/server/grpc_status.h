#ifndef SERVICE_SERVER_GRPC_STATUS_H_
#define SERVICE_SERVER_GRPC_STATUS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "catalog/parameter_validation.h"
#include "grpcpp/support/status.h"

namespace sslstore::service {

// INVALID_ARGUMENT whose message lists every violation and which carries
// them as a `google.rpc.BadRequest` payload; ToGrpcStatus turns the payload
// into a status detail.
absl::Status InvalidArgumentStatus(
    absl::string_view summary,
    const std::vector<catalog::FieldViolation>& violations);

// Converts an internal status to the gRPC status returned to callers: the
// caller-facing code (CallerFacingCode), the same message, and a
// `google.rpc.Status` whose details are a `google.rpc.ErrorInfo` (the
// tagged or derived sslstore.connector.v1.ErrorReason, the connector's
// domain, the tagged connection and the SSL Store client's endpoint, error
// code and HTTP status as metadata), every detail attached on the way
// (BadRequest, SyncResumeInfo) and a `google.rpc.RetryInfo` for the reasons
// where waiting helps. Every non-OK status of the service is made here.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The code a caller sees for `status`. Errors of the SSL Store client keep
// theirs, except that SSL Store rejecting the connection's credentials is
// FAILED_PRECONDITION (UNAUTHENTICATED is about the caller's own
// credentials) and a TLS failure or a malformed upstream response is
// UNAVAILABLE.
absl::StatusCode CallerFacingCode(const absl::Status& status);

// Shorthand for ToGrpcStatus(InvalidArgumentStatus(summary, violations)).
grpc::Status InvalidArgumentWithViolations(
    absl::string_view summary,
    const std::vector<catalog::FieldViolation>& violations);

// Joins violations into "field: description; field: description".
std::string DescribeViolations(
    const std::vector<catalog::FieldViolation>& violations);

}  // namespace sslstore::service

#endif  // SERVICE_SERVER_GRPC_STATUS_H_
