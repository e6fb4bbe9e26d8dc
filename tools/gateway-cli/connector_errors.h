// Turns the connector's gRPC errors into absl::Status values with clear
// messages: the BadRequest field violations listed one per line (connection
// fields under the names of the connector's annotations), transport failures
// naming the connector's address, and any secret scrubbed. The connector's
// google.rpc.ErrorInfo and BadRequest details ride along as payloads.
#ifndef TOOLS_GATEWAY_CLI_CONNECTOR_ERRORS_H_
#define TOOLS_GATEWAY_CLI_CONNECTOR_ERRORS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/rpc/error_details.pb.h"
#include "grpcpp/support/status.h"
#include "sslstore/connector/v1/sync.pb.h"

namespace sslstore::gateway::cli {

// The flag of the bearer token file, as messages name it.
inline constexpr char kTokenFileFlag[] = "--token_file";

// One "field: problem" of a google.rpc.BadRequest detail.
struct Violation {
  std::string field;
  std::string description;
};

// The name under which the connector's annotations show a connection field
// ("sslstore_url", "connection.inline.page_size" -> "SSLStoreURL",
// "PageSize"); `field` unchanged when it is no connection field.
std::string AnnotationNameForField(const std::string& field);

// The BadRequest field violations in `status`'s details (empty when none),
// connection fields named by AnnotationNameForField.
std::vector<Violation> ViolationsOf(const grpc::Status& status);

// The BadRequest field violations carried by a status made by
// FromGrpcStatus (empty when none), named as by AnnotationNameForField.
std::vector<Violation> ViolationsOf(const absl::Status& status);

// `status` carrying `violations` as ViolationsOf reads them (for a problem
// found in a response rather than in a failed call's details).
absl::Status WithViolations(absl::Status status,
                            const std::vector<Violation>& violations);

// The connector's google.rpc.ErrorInfo (reason, domain, metadata) carried by
// a status made by FromGrpcStatus, if it sent one.
std::optional<google::rpc::ErrorInfo> ErrorInfoOf(const absl::Status& status);

// The SyncResumeInfo detail of an interrupted sync, if present.
std::optional<sslstore::connector::v1::SyncResumeInfo> ResumeInfoOf(
    const grpc::Status& status);

// The absl::Status for a failed call `call` (e.g. "Enroll") to the connector
// at `address`: same code; the message starts with `call`, then either the
// violations ("\n  field: problem" lines) or the connector's message, with a
// hint for transport and authentication failures. `secrets` are scrubbed
// (sslstore::client::Redact). The BadRequest and ErrorInfo details are kept
// as payloads (see ViolationsOf and ErrorInfoOf).
absl::Status FromGrpcStatus(const grpc::Status& status, absl::string_view call,
                            absl::string_view address,
                            const std::vector<std::string>& secrets);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_CONNECTOR_ERRORS_H_
