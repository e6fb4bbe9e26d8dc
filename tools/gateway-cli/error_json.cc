#include "tools/gateway-cli/error_json.h"

#include <map>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "tools/gateway-cli/connector_errors.h"
#include "tools/gateway-cli/exit_codes.h"
#include "tools/gateway-cli/json_fields.h"

namespace sslstore::gateway::cli {

std::string ErrorJson(const absl::Status& status) {
  const std::optional<google::rpc::ErrorInfo> info = ErrorInfoOf(status);
  const std::vector<Violation> violations = ViolationsOf(status);
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  Field(json, "type", std::string("error"));
  json.Key("error");
  json.StartObject();
  Field(json, "code", absl::StatusCodeToString(status.code()));
  Field(json, "message", std::string(status.message()));
  Field(json, "reason", info.has_value() ? info->reason() : CliReason(status));
  Field(json, "exit_code", int64_t{ExitCodeFor(status)});
  if (info.has_value() && !info->metadata().empty()) {
    // By key, so that the output does not depend on the proto map's order.
    const std::map<std::string, std::string> metadata(info->metadata().begin(),
                                                      info->metadata().end());
    json.Key("metadata");
    json.StartObject();
    for (const auto& [key, value] : metadata) Field(json, key.c_str(), value);
    json.EndObject();
  }
  if (!violations.empty()) {
    json.Key("violations");
    json.StartArray();
    for (const Violation& violation : violations) {
      json.StartObject();
      Field(json, "field", violation.field);
      Field(json, "description", violation.description);
      json.EndObject();
    }
    json.EndArray();
  }
  json.EndObject();
  json.EndObject();
  return buffer.GetString();
}

}  // namespace sslstore::gateway::cli
