// A connector response as JSON, for --json.
#ifndef TOOLS_GATEWAY_CLI_PROTO_JSON_H_
#define TOOLS_GATEWAY_CLI_PROTO_JSON_H_

#include <string>

#include "google/protobuf/message.h"

namespace sslstore::gateway::cli {

// `message` as one JSON object (no trailing newline) in the proto3 JSON
// mapping, with the proto field names (snake_case, as the CLI's other JSON)
// and every scalar field, set or not.
std::string ProtoJson(const google::protobuf::Message& message);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_PROTO_JSON_H_
