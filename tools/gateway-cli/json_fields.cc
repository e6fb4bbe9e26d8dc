#include "tools/gateway-cli/json_fields.h"

namespace sslstore::gateway::cli {

void Field(JsonWriter& json, const char* name, const std::string& value) {
  json.Key(name);
  json.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void Field(JsonWriter& json, const char* name, int64_t value) {
  json.Key(name);
  json.Int64(value);
}

}  // namespace sslstore::gateway::cli
