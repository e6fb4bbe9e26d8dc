#include "sslstore_client/json/strict_reader.h"

#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace sslstore::json {
namespace {

absl::string_view StringOf(const rapidjson::Value& value) {
  return absl::string_view(value.GetString(), value.GetStringLength());
}

}  // namespace

JsonContext::JsonContext(Style style, std::string where, std::string path)
    : style_(style), where_(std::move(where)), path_(std::move(path)) {}

JsonContext JsonContext::Path(std::string where, std::string path) {
  return JsonContext(Style::kPath, std::move(where), std::move(path));
}

JsonContext JsonContext::Entry(std::string where) {
  return JsonContext(Style::kEntry, std::move(where), "");
}

std::string JsonContext::PathOf(absl::string_view key) const {
  return path_.empty() ? std::string(key) : absl::StrCat(path_, ".", key);
}

JsonContext JsonContext::Member(absl::string_view key) const {
  return JsonContext(style_, where_, PathOf(key));
}

absl::Status JsonContext::Error(absl::string_view problem) const {
  std::string message = where_;
  if (!path_.empty()) {
    absl::StrAppend(&message, message.empty() ? "" : ": ", path_);
  }
  absl::StrAppend(&message, message.empty() ? "" : ": ", problem);
  return absl::InvalidArgumentError(message);
}

absl::Status JsonContext::MemberError(absl::string_view key,
                                      absl::string_view problem) const {
  if (style_ == Style::kEntry) {
    return Error(absl::StrCat("\"", key, "\" ", problem));
  }
  return Member(key).Error(problem);
}

absl::Status JsonContext::UnknownMember(
    absl::string_view key, absl::Span<const absl::string_view> allowed) const {
  const std::string listed = absl::StrJoin(allowed, ", ");
  if (style_ == Style::kEntry) {
    return Error(
        absl::StrCat("unknown member \"", key, "\" (allowed: ", listed, ")"));
  }
  return MemberError(key, absl::StrCat("unknown key (allowed: ", listed, ")"));
}

absl::Status JsonContext::MissingMember(absl::string_view key) const {
  if (style_ == Style::kEntry) {
    return Error(absl::StrCat("missing member \"", key, "\""));
  }
  return MemberError(key, "is required");
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
                          absl::Span<const absl::string_view> allowed,
                          const JsonContext& context) {
  if (!object.IsObject()) {
    return context.Error(
        absl::StrCat("must be an object, found ", JsonTypeName(object)));
  }
  std::set<absl::string_view> seen;
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    const absl::string_view name = StringOf(it->name);
    bool known = false;
    for (absl::string_view candidate : allowed) {
      if (candidate == name) known = true;
    }
    if (!known) return context.UnknownMember(name, allowed);
    if (!seen.insert(name).second) {
      return context.MemberError(name, "appears twice");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> OptionalString(
    const rapidjson::Value& object, const char* key, const JsonContext& context,
    Empty empty) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return std::optional<std::string>();
  if (!it->value.IsString()) {
    return context.MemberError(
        key, absl::StrCat("must be a string, found ", JsonTypeName(it->value)));
  }
  if (empty == Empty::kRejected && it->value.GetStringLength() == 0) {
    return context.MemberError(key, "must not be empty");
  }
  return std::optional<std::string>(std::string(StringOf(it->value)));
}

absl::StatusOr<std::string> RequiredString(const rapidjson::Value& object,
                                           const char* key,
                                           const JsonContext& context,
                                           Empty empty) {
  absl::StatusOr<std::optional<std::string>> value =
      OptionalString(object, key, context, empty);
  if (!value.ok()) return value.status();
  if (!value->has_value()) return context.MissingMember(key);
  return **std::move(value);
}

absl::StatusOr<bool> OptionalBool(const rapidjson::Value& object,
                                  const char* key, bool default_value,
                                  const JsonContext& context) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return default_value;
  if (!it->value.IsBool()) {
    return context.MemberError(
        key,
        absl::StrCat("must be true or false, found ", JsonTypeName(it->value)));
  }
  return it->value.GetBool();
}

absl::StatusOr<bool> RequiredBool(const rapidjson::Value& object,
                                  const char* key, const JsonContext& context) {
  if (!object.HasMember(key)) return context.MissingMember(key);
  return OptionalBool(object, key, false, context);
}

absl::StatusOr<std::optional<int64_t>> OptionalInt(
    const rapidjson::Value& object, const char* key,
    const JsonContext& context) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return std::optional<int64_t>();
  if (!it->value.IsInt64()) {
    return context.MemberError(key, absl::StrCat("must be an integer, found ",
                                                 JsonTypeName(it->value)));
  }
  return std::optional<int64_t>(it->value.GetInt64());
}

absl::StatusOr<int> RequiredIntInRange(const rapidjson::Value& object,
                                       const char* key, int min_value,
                                       int max_value,
                                       const JsonContext& context) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return context.MissingMember(key);
  const rapidjson::Value& value = it->value;
  if (!value.IsInt() || value.GetInt() < min_value ||
      value.GetInt() > max_value) {
    std::string problem =
        absl::StrCat("must be an integer from ", min_value, " to ", max_value);
    if (!value.IsInt64()) {
      absl::StrAppend(&problem, ", found ", JsonTypeName(value));
    }
    return context.MemberError(key, problem);
  }
  return value.GetInt();
}

absl::StatusOr<std::optional<std::string>> OptionalScalarAsString(
    const rapidjson::Value& object, const char* key,
    const JsonContext& context) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return std::optional<std::string>();
  const rapidjson::Value& value = it->value;
  if (value.IsString()) {
    return std::optional<std::string>(std::string(StringOf(value)));
  }
  if (value.IsBool()) {
    return std::optional<std::string>(value.GetBool() ? "true" : "false");
  }
  if (value.IsInt64()) {
    return std::optional<std::string>(absl::StrCat(value.GetInt64()));
  }
  return context.MemberError(
      key, absl::StrCat("must be a string, integer or boolean, found ",
                        JsonTypeName(value)));
}

absl::StatusOr<std::vector<std::string>> StringArray(
    const rapidjson::Value& object, const char* key, bool required,
    const JsonContext& context) {
  std::vector<std::string> result;
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) {
    if (required) return context.MissingMember(key);
    return result;
  }
  if (!it->value.IsArray()) {
    return context.MemberError(
        key, absl::StrCat("must be an array of strings, found ",
                          JsonTypeName(it->value)));
  }
  std::set<std::string> seen;
  for (rapidjson::SizeType i = 0; i < it->value.Size(); ++i) {
    const rapidjson::Value& item = it->value[i];
    if (!item.IsString() || item.GetStringLength() == 0) {
      return context.MemberError(absl::StrCat(key, "[", i, "]"),
                                 "must be a non-empty string");
    }
    std::string text(StringOf(item));
    if (!seen.insert(text).second) {
      return context.MemberError(key,
                                 absl::StrCat("lists \"", text, "\" twice"));
    }
    result.push_back(std::move(text));
  }
  return result;
}

absl::StatusOr<const rapidjson::Value*> RequiredArray(
    const rapidjson::Value& object, const char* key,
    const JsonContext& context) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd()) return context.MissingMember(key);
  if (!it->value.IsArray()) {
    return context.MemberError(
        key, absl::StrCat("must be an array, found ", JsonTypeName(it->value)));
  }
  if (it->value.Empty()) return context.MemberError(key, "must not be empty");
  return &it->value;
}

}  // namespace sslstore::json
