#include "tools/sslstore-sim/sim_json.h"

#include <limits>

#include "absl/strings/ascii.h"
#include "sslstore_client/json_fields.h"

namespace sslstore_sim {
namespace {

namespace wbapi_json = sslstore::client::internal;

absl::string_view StringOf(const rapidjson::Value& value) {
  return absl::string_view(value.GetString(), value.GetStringLength());
}

}  // namespace

const rapidjson::Value* FindMember(const rapidjson::Value& object,
                                   absl::string_view name) {
  if (!object.IsObject()) return nullptr;
  const rapidjson::Value* value = wbapi_json::FindMember(object, name);
  if (value == nullptr || value->IsNull()) return nullptr;
  return value;
}

std::optional<std::string> GetString(const rapidjson::Value& object,
                                     absl::string_view name) {
  const rapidjson::Value* v = FindMember(object, name);
  if (v == nullptr) return std::nullopt;
  // Looser than the client: booleans as text; fractions are not strings.
  if (v->IsBool()) return std::string(v->GetBool() ? "true" : "false");
  if (v->IsDouble()) return std::nullopt;
  return wbapi_json::LooseString(*v);
}

std::optional<int64_t> GetInt(const rapidjson::Value& object,
                              absl::string_view name) {
  const rapidjson::Value* v = FindMember(object, name);
  if (v == nullptr) return std::nullopt;
  // Stricter than the client: an empty string is no number.
  if (v->IsString() && absl::StripAsciiWhitespace(StringOf(*v)).empty()) {
    return std::nullopt;
  }
  return wbapi_json::LooseInteger(*v, std::numeric_limits<int64_t>::min(),
                                  std::numeric_limits<int64_t>::max());
}

std::optional<bool> GetBool(const rapidjson::Value& object,
                            absl::string_view name) {
  const rapidjson::Value* v = FindMember(object, name);
  if (v == nullptr) return std::nullopt;
  if (v->IsString()) {
    // Looser than the client: padded text and "1"/"0"; an empty string is
    // no answer.
    const absl::string_view s = absl::StripAsciiWhitespace(StringOf(*v));
    if (s == "1") return true;
    if (s == "0") return false;
    if (s.empty()) return std::nullopt;
    return wbapi_json::LooseBool(rapidjson::Value(rapidjson::StringRef(
        s.data(), static_cast<rapidjson::SizeType>(s.size()))));
  }
  return wbapi_json::LooseBool(*v);
}

std::vector<std::string> GetStringList(const rapidjson::Value& object,
                                       absl::string_view name) {
  const rapidjson::Value* v = FindMember(object, name);
  if (v == nullptr) return {};
  if (v->IsString()) return wbapi_json::SplitCommaList(StringOf(*v));
  std::vector<std::string> out;
  if (!v->IsArray()) return out;
  // Looser than the client: entries that are not strings are passed over.
  for (const auto& e : v->GetArray()) {
    if (!e.IsString()) continue;
    const absl::string_view entry = absl::StripAsciiWhitespace(StringOf(e));
    if (!entry.empty()) out.emplace_back(entry);
  }
  return out;
}

void WriteKey(JsonWriter& w, absl::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

void WriteString(JsonWriter& w, absl::string_view key,
                 absl::string_view value) {
  WriteKey(w, key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void WriteNull(JsonWriter& w, absl::string_view key) {
  WriteKey(w, key);
  w.Null();
}

void WriteInt(JsonWriter& w, absl::string_view key, int64_t value) {
  WriteKey(w, key);
  w.Int64(value);
}

void WriteBool(JsonWriter& w, absl::string_view key, bool value) {
  WriteKey(w, key);
  w.Bool(value);
}

}  // namespace sslstore_sim
