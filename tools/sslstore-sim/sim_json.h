// Tolerant JSON input helpers for the WBAPI simulator: case-insensitive member
// lookup and the loose scalar coercions the real service accepts ("12" -> 12,
// "true" -> true), plus a few writer shortcuts. The lookup and coercions are
// the client's (sslstore_client/json_fields.h); these add only the forms a
// server accepts beyond what the client reads.
#ifndef TOOLS_SSLSTORE_SIM_SIM_JSON_H_
#define TOOLS_SSLSTORE_SIM_SIM_JSON_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace sslstore_sim {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// Returns the member `name` of `object` matched case-insensitively, or nullptr
// when `object` is not an object, the member is absent or it is JSON null.
const rapidjson::Value* FindMember(const rapidjson::Value& object,
                                   absl::string_view name);

// Returns the member as a string; numbers are converted to their decimal text.
// Absent, null or non-scalar members give nullopt.
std::optional<std::string> GetString(const rapidjson::Value& object,
                                     absl::string_view name);

// Returns the member as an integer; accepts JSON integers and numeric strings.
// Absent, null, empty strings and anything unparseable give nullopt.
std::optional<int64_t> GetInt(const rapidjson::Value& object,
                              absl::string_view name);

// Returns the member as a bool; accepts true/false, "true"/"false" (any case)
// and 0/1. Anything else gives nullopt.
std::optional<bool> GetBool(const rapidjson::Value& object,
                            absl::string_view name);

// Returns the member as a list of strings: a JSON array of strings, or a
// comma-separated string. Empty entries are dropped; entries are trimmed.
std::vector<std::string> GetStringList(const rapidjson::Value& object,
                                       absl::string_view name);

// Writes `key` followed by the string `value`.
void WriteString(JsonWriter& w, absl::string_view key, absl::string_view value);

// Writes `key` followed by JSON null.
void WriteNull(JsonWriter& w, absl::string_view key);

// Writes `key` followed by an integer.
void WriteInt(JsonWriter& w, absl::string_view key, int64_t value);

// Writes `key` followed by a bool.
void WriteBool(JsonWriter& w, absl::string_view key, bool value);

// Writes `key` (only the key; the caller writes the value).
void WriteKey(JsonWriter& w, absl::string_view key);

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_SIM_JSON_H_
