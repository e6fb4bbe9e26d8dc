#ifndef SERVICE_OBSERVABILITY_MESSAGE_SCRUB_H_
#define SERVICE_OBSERVABILITY_MESSAGE_SCRUB_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace sslstore::service::observability {

// Rewrites a string (returns it scrubbed).
using StringScrubber = std::function<std::string(absl::string_view)>;

// True for the names of secret fields in requests ("auth_token", and any
// name containing "password" or "secret"), case-insensitive.
bool IsSecretFieldName(absl::string_view name);

// Appends the non-empty values of every secret string field of `message`,
// nested messages included (inline connections carry an auth token).
void CollectSecretFields(const google::protobuf::Message& message,
                         std::vector<std::string>* out);

// Sets every non-empty secret string field of `message` to "[REDACTED]",
// nested messages included.
void BlankSecretFields(google::protobuf::Message* message);

// Rewrites every string field of `message` (nested ones too) with `scrub`.
// Returns true when something changed.
bool ScrubStringFields(google::protobuf::Message* message,
                       const StringScrubber& scrub);

// `details` (a serialized google.rpc.Status, as in grpc::Status) with its
// message and every string inside its packed details rewritten by `scrub`.
// Details whose type is unknown to this process are kept as they are.
// Unparsable input is returned unchanged.
std::string ScrubStatusDetails(const std::string& details,
                               const StringScrubber& scrub);

}  // namespace sslstore::service::observability

#endif  // SERVICE_OBSERVABILITY_MESSAGE_SCRUB_H_
