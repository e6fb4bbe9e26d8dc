#include "catalog/internal/json_fields.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace sslstore::catalog::internal {
namespace {

constexpr int kMaxMonths = 120;

absl::string_view MemberName(const rapidjson::Value& name) {
  return absl::string_view(name.GetString(), name.GetStringLength());
}

}  // namespace

EntryContext::EntryContext(std::string file, std::string entry)
    : file_(std::move(file)), entry_(std::move(entry)) {}

absl::Status EntryContext::Error(absl::string_view message) const {
  return absl::InvalidArgumentError(
      absl::StrCat("catalog data file ", file_, ", ", entry_, ": ", message));
}

std::string EntryLabel(const rapidjson::Value& entry, const std::string& base,
                       const char* key) {
  if (!entry.IsObject()) return base;
  auto it = entry.FindMember(key);
  if (it == entry.MemberEnd() || !it->value.IsString()) return base;
  return absl::StrCat(
      base, " (", key, " \"",
      absl::string_view(it->value.GetString(), it->value.GetStringLength()),
      "\")");
}

absl::string_view JsonTypeName(const rapidjson::Value& value) {
  if (value.IsNull()) return "null";
  if (value.IsBool()) return "a boolean";
  if (value.IsObject()) return "an object";
  if (value.IsArray()) return "an array";
  if (value.IsString()) return "a string";
  if (value.IsInt64()) return "an integer";
  return "a number";
}

absl::Status CheckMembers(const rapidjson::Value& object,
                          std::initializer_list<absl::string_view> allowed,
                          const EntryContext& context) {
  if (!object.IsObject()) {
    return context.Error(
        absl::StrCat("expected an object, found ", JsonTypeName(object)));
  }
  std::set<std::string> seen;
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    absl::string_view name = MemberName(it->name);
    bool known = false;
    for (absl::string_view candidate : allowed) {
      if (candidate == name) known = true;
    }
    if (!known) {
      return context.Error(
          absl::StrCat("unknown member \"", name,
                       "\" (allowed: ", absl::StrJoin(allowed, ", "), ")"));
    }
    if (!seen.insert(std::string(name)).second) {
      return context.Error(absl::StrCat("member \"", name, "\" appears twice"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> OptionalString(
    const rapidjson::Value& object, const char* key,
    const EntryContext& context) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return std::optional<std::string>();
  if (!it->value.IsString()) {
    return context.Error(absl::StrCat("\"", key, "\" must be a string, found ",
                                      JsonTypeName(it->value)));
  }
  if (it->value.GetStringLength() == 0) {
    return context.Error(absl::StrCat("\"", key, "\" must not be empty"));
  }
  return std::optional<std::string>(
      std::string(it->value.GetString(), it->value.GetStringLength()));
}

absl::StatusOr<std::string> RequiredString(const rapidjson::Value& object,
                                           const char* key,
                                           const EntryContext& context) {
  absl::StatusOr<std::optional<std::string>> value =
      OptionalString(object, key, context);
  if (!value.ok()) return value.status();
  if (!value->has_value()) {
    return context.Error(absl::StrCat("missing member \"", key, "\""));
  }
  return **value;
}

absl::StatusOr<bool> OptionalBool(const rapidjson::Value& object,
                                  const char* key, bool default_value,
                                  const EntryContext& context) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return default_value;
  if (!it->value.IsBool()) {
    return context.Error(absl::StrCat("\"", key,
                                      "\" must be true or false, found ",
                                      JsonTypeName(it->value)));
  }
  return it->value.GetBool();
}

absl::StatusOr<bool> RequiredBool(const rapidjson::Value& object,
                                  const char* key,
                                  const EntryContext& context) {
  if (!object.HasMember(key)) {
    return context.Error(absl::StrCat("missing member \"", key, "\""));
  }
  return OptionalBool(object, key, false, context);
}

absl::StatusOr<std::optional<int64_t>> OptionalInt(
    const rapidjson::Value& object, const char* key,
    const EntryContext& context) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return std::optional<int64_t>();
  if (!it->value.IsInt64()) {
    return context.Error(absl::StrCat(
        "\"", key, "\" must be an integer, found ", JsonTypeName(it->value)));
  }
  return std::optional<int64_t>(it->value.GetInt64());
}

absl::StatusOr<std::optional<std::string>> OptionalScalarAsString(
    const rapidjson::Value& object, const char* key,
    const EntryContext& context) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return std::optional<std::string>();
  const rapidjson::Value& value = it->value;
  if (value.IsString()) {
    return std::optional<std::string>(
        std::string(value.GetString(), value.GetStringLength()));
  }
  if (value.IsBool()) {
    return std::optional<std::string>(value.GetBool() ? "true" : "false");
  }
  if (value.IsInt64()) {
    return std::optional<std::string>(absl::StrCat(value.GetInt64()));
  }
  return context.Error(absl::StrCat("\"", key,
                                    "\" must be a string, integer or boolean, "
                                    "found ",
                                    JsonTypeName(value)));
}

absl::StatusOr<std::vector<std::string>> StringArray(
    const rapidjson::Value& object, const char* key, bool required,
    const EntryContext& context) {
  std::vector<std::string> result;
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) {
    if (required) {
      return context.Error(absl::StrCat("missing member \"", key, "\""));
    }
    return result;
  }
  if (!it->value.IsArray()) {
    return context.Error(absl::StrCat("\"", key,
                                      "\" must be an array of strings, found ",
                                      JsonTypeName(it->value)));
  }
  std::set<std::string> seen;
  for (rapidjson::SizeType i = 0; i < it->value.Size(); ++i) {
    const rapidjson::Value& item = it->value[i];
    if (!item.IsString() || item.GetStringLength() == 0) {
      return context.Error(
          absl::StrCat("\"", key, "\"[", i, "] must be a non-empty string"));
    }
    std::string text(item.GetString(), item.GetStringLength());
    if (!seen.insert(text).second) {
      return context.Error(
          absl::StrCat("\"", key, "\" lists \"", text, "\" twice"));
    }
    result.push_back(std::move(text));
  }
  return result;
}

absl::StatusOr<const rapidjson::Value*> RequiredArray(
    const rapidjson::Value& object, const char* key,
    const EntryContext& context) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) {
    return context.Error(absl::StrCat("missing member \"", key, "\""));
  }
  if (!it->value.IsArray()) {
    return context.Error(absl::StrCat("\"", key, "\" must be an array, found ",
                                      JsonTypeName(it->value)));
  }
  if (it->value.Empty()) {
    return context.Error(absl::StrCat("\"", key, "\" must not be empty"));
  }
  return &it->value;
}

absl::StatusOr<std::vector<int>> MonthArray(const rapidjson::Value& object,
                                            const char* key,
                                            const EntryContext& context) {
  absl::StatusOr<const rapidjson::Value*> array =
      RequiredArray(object, key, context);
  if (!array.ok()) return array.status();
  std::vector<int> months;
  for (rapidjson::SizeType i = 0; i < (*array)->Size(); ++i) {
    const rapidjson::Value& item = (**array)[i];
    if (!item.IsInt() || item.GetInt() < 1 || item.GetInt() > kMaxMonths) {
      return context.Error(absl::StrCat("\"", key, "\"[", i,
                                        "] must be a whole number of months "
                                        "from 1 to ",
                                        kMaxMonths));
    }
    if (!months.empty() && item.GetInt() <= months.back()) {
      return context.Error(
          absl::StrCat("\"", key, "\" must be strictly ascending (",
                       item.GetInt(), " follows ", months.back(), ")"));
    }
    months.push_back(item.GetInt());
  }
  return months;
}

}  // namespace sslstore::catalog::internal
