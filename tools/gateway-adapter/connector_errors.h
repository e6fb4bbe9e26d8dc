// Turns the connector's gRPC errors into absl::Status values with clear
// messages: the BadRequest field violations listed one per line under the
// gateway's key names, transport failures naming the connector's address,
// and any secret scrubbed.
#ifndef TOOLS_GATEWAY_ADAPTER_CONNECTOR_ERRORS_H_
#define TOOLS_GATEWAY_ADAPTER_CONNECTOR_ERRORS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"
#include "sslstore/connector/v1/sync.pb.h"

namespace sslstore::gateway {

// One "field: problem" of a google.rpc.BadRequest detail.
struct Violation {
  std::string field;
  std::string description;
};

// The BadRequest field violations in `status`'s details (empty when none),
// with connection fields renamed to the gateway's keys.
std::vector<Violation> ViolationsOf(const grpc::Status& status);

// The SyncResumeInfo detail of an interrupted sync, if present.
std::optional<sslstore::connector::v1::SyncResumeInfo> ResumeInfoOf(
    const grpc::Status& status);

// `text` with every non-empty `secrets` entry replaced by "[redacted]".
std::string Redact(absl::string_view text,
                   const std::vector<std::string>& secrets);

// The absl::Status for a failed call `call` (e.g. "Enroll") to the connector
// at `address`: same code; the message starts with `call`, then either the
// violations ("\n  field: problem" lines) or the connector's message, with a
// hint for transport and authentication failures. `secrets` are scrubbed.
absl::Status FromGrpcStatus(const grpc::Status& status, absl::string_view call,
                            absl::string_view address,
                            const std::vector<std::string>& secrets);

}  // namespace sslstore::gateway

#endif  // TOOLS_GATEWAY_ADAPTER_CONNECTOR_ERRORS_H_
