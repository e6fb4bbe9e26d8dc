// Writing the fields of sslstore-gateway's JSON output.
#ifndef TOOLS_GATEWAY_CLI_JSON_FIELDS_H_
#define TOOLS_GATEWAY_CLI_JSON_FIELDS_H_

#include <cstdint>
#include <string>

#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace sslstore::gateway::cli {

// One-line JSON into a string buffer.
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// "name": "value".
void Field(JsonWriter& json, const char* name, const std::string& value);
// "name": value.
void Field(JsonWriter& json, const char* name, int64_t value);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_JSON_FIELDS_H_
