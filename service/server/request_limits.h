#ifndef SERVICE_SERVER_REQUEST_LIMITS_H_
#define SERVICE_SERVER_REQUEST_LIMITS_H_

#include "absl/status/status.h"
#include "google/protobuf/message.h"
#include "service/config/server_config.h"

namespace sslstore::service {

// Checks every field of a request, at any depth, against `limits`: strings
// and bytes no longer than max_field_bytes (a field named "csr":
// max_csr_bytes), repeated and map fields with at most max_repeated_entries
// entries. Returns OK, or INVALID_ARGUMENT with one BadRequest violation per
// field over its limit, naming the field's path ("parameters[\"Name\"]",
// "sans[3]") and the limit; field values never appear in the error.
absl::Status CheckRequestLimits(const google::protobuf::Message& request,
                                const LimitsConfig& limits);

}  // namespace sslstore::service

#endif  // SERVICE_SERVER_REQUEST_LIMITS_H_
