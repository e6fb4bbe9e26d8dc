// A failed command as JSON, for --json: what scripts need to tell failures
// apart without parsing messages.
#ifndef TOOLS_GATEWAY_CLI_ERROR_JSON_H_
#define TOOLS_GATEWAY_CLI_ERROR_JSON_H_

#include <string>

#include "absl/status/status.h"

namespace sslstore::gateway::cli {

// One JSON object (no trailing newline): {"type":"error","error":{"code":
// "NOT_FOUND","message":"...","reason":"PRODUCT_NOT_FOUND","exit_code":4}},
// the reason being the connector's ErrorInfo reason, the CLI's own (USAGE,
// INTERRUPTED, ORDERS_FAILED) or empty; the ErrorInfo's "metadata" object
// and the BadRequest "violations" ([{"field":...,"description":...}]) are
// added when the connector sent them.
std::string ErrorJson(const absl::Status& status);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_ERROR_JSON_H_
