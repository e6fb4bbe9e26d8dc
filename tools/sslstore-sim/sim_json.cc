#include "tools/sslstore-sim/sim_json.h"

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace sslstore_sim {

const rapidjson::Value* FindMember(const rapidjson::Value& object,
                                   absl::string_view name) {
  if (!object.IsObject()) return nullptr;
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    if (!it->name.IsString()) continue;
    absl::string_view key(it->name.GetString(), it->name.GetStringLength());
    if (absl::EqualsIgnoreCase(key, name)) {
      if (it->value.IsNull()) return nullptr;
      return &it->value;
    }
  }
  return nullptr;
}

std::optional<std::string> GetString(const rapidjson::Value& object,
                                     absl::string_view name) {
  const rapidjson::Value* v = FindMember(object, name);
  if (v == nullptr) return std::nullopt;
  if (v->IsString()) return std::string(v->GetString(), v->GetStringLength());
  if (v->IsInt64()) return std::to_string(v->GetInt64());
  if (v->IsUint64()) return std::to_string(v->GetUint64());
  if (v->IsBool()) return std::string(v->GetBool() ? "true" : "false");
  return std::nullopt;
}

std::optional<int64_t> GetInt(const rapidjson::Value& object,
                              absl::string_view name) {
  const rapidjson::Value* v = FindMember(object, name);
  if (v == nullptr) return std::nullopt;
  if (v->IsInt64()) return v->GetInt64();
  if (v->IsDouble()) {
    double d = v->GetDouble();
    if (d >= -9e15 && d <= 9e15 && static_cast<double>(int64_t(d)) == d) {
      return static_cast<int64_t>(d);
    }
    return std::nullopt;
  }
  if (v->IsString()) {
    int64_t out = 0;
    absl::string_view s(v->GetString(), v->GetStringLength());
    if (absl::SimpleAtoi(absl::StripAsciiWhitespace(s), &out)) return out;
  }
  return std::nullopt;
}

std::optional<bool> GetBool(const rapidjson::Value& object,
                            absl::string_view name) {
  const rapidjson::Value* v = FindMember(object, name);
  if (v == nullptr) return std::nullopt;
  if (v->IsBool()) return v->GetBool();
  if (v->IsInt64()) {
    if (v->GetInt64() == 0) return false;
    if (v->GetInt64() == 1) return true;
    return std::nullopt;
  }
  if (v->IsString()) {
    absl::string_view s(v->GetString(), v->GetStringLength());
    s = absl::StripAsciiWhitespace(s);
    if (absl::EqualsIgnoreCase(s, "true") || s == "1") return true;
    if (absl::EqualsIgnoreCase(s, "false") || s == "0") return false;
  }
  return std::nullopt;
}

std::vector<std::string> GetStringList(const rapidjson::Value& object,
                                       absl::string_view name) {
  std::vector<std::string> out;
  const rapidjson::Value* v = FindMember(object, name);
  if (v == nullptr) return out;
  auto add = [&out](absl::string_view s) {
    s = absl::StripAsciiWhitespace(s);
    if (!s.empty()) out.emplace_back(s);
  };
  if (v->IsArray()) {
    for (const auto& e : v->GetArray()) {
      if (e.IsString())
        add(absl::string_view(e.GetString(), e.GetStringLength()));
    }
  } else if (v->IsString()) {
    for (absl::string_view part : absl::StrSplit(
             absl::string_view(v->GetString(), v->GetStringLength()), ',')) {
      add(part);
    }
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
