#include "sslstore_client/json_fields.h"

#include <cmath>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace sslstore::client::internal {
namespace {

absl::string_view NameOf(const rapidjson::Value& member_name) {
  return absl::string_view(member_name.GetString(),
                           member_name.GetStringLength());
}

// Objects with at most this many members are searched linearly.
constexpr rapidjson::SizeType kLinearLookupMembers = 8;

absl::string_view StringOf(const rapidjson::Value& value) {
  return absl::string_view(value.GetString(), value.GetStringLength());
}

}  // namespace

std::optional<std::string> LooseString(const rapidjson::Value& value) {
  if (value.IsString()) return std::string(StringOf(value));
  if (value.IsInt64()) return absl::StrCat(value.GetInt64());
  if (value.IsUint64()) return absl::StrCat(value.GetUint64());
  if (value.IsDouble()) return absl::StrCat(value.GetDouble());
  return std::nullopt;
}

std::optional<int64_t> LooseInteger(const rapidjson::Value& value, int64_t min,
                                    int64_t max) {
  int64_t n = 0;
  if (value.IsInt64()) {
    n = value.GetInt64();
  } else if (value.IsDouble()) {
    double d = value.GetDouble();
    if (!std::isfinite(d) || d != std::floor(d) || d < -9.0e18 || d > 9.0e18) {
      return std::nullopt;
    }
    n = static_cast<int64_t>(d);
  } else if (value.IsString()) {
    absl::string_view text = absl::StripAsciiWhitespace(StringOf(value));
    if (text.empty()) {
      n = 0;
    } else if (!absl::SimpleAtoi(text, &n)) {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (n < min || n > max) return std::nullopt;
  return n;
}

std::optional<bool> LooseBool(const rapidjson::Value& value) {
  if (value.IsBool()) return value.GetBool();
  if (value.IsString()) {
    const absl::string_view text = StringOf(value);
    if (absl::EqualsIgnoreCase(text, "true")) return true;
    if (absl::EqualsIgnoreCase(text, "false") || text.empty()) return false;
    return std::nullopt;
  }
  if (value.IsInt64() && (value.GetInt64() == 0 || value.GetInt64() == 1)) {
    return value.GetInt64() == 1;
  }
  return std::nullopt;
}

std::vector<std::string> SplitCommaList(absl::string_view text) {
  std::vector<std::string> out;
  for (absl::string_view part : absl::StrSplit(text, ',')) {
    part = absl::StripAsciiWhitespace(part);
    if (!part.empty()) out.emplace_back(part);
  }
  return out;
}

const rapidjson::Value* FindMember(const rapidjson::Value& object,
                                   absl::string_view name) {
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    if (NameOf(it->name) == name) return &it->value;
  }
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    if (absl::EqualsIgnoreCase(NameOf(it->name), name)) return &it->value;
  }
  return nullptr;
}

absl::string_view JsonTypeName(const rapidjson::Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "a boolean";
    case rapidjson::kObjectType:
      return "an object";
    case rapidjson::kArrayType:
      return "an array";
    case rapidjson::kStringType:
      return "a string";
    case rapidjson::kNumberType:
      return "a number";
  }
  return "an unknown type";
}

std::string ElementPath(absl::string_view path, size_t index) {
  return absl::StrCat(path, "[", index, "]");
}

FieldReader::FieldReader(const rapidjson::Value& object, std::string path)
    : object_(object), path_(std::move(path)) {}

std::string FieldReader::PathOf(absl::string_view name) const {
  return path_.empty() ? std::string(name) : absl::StrCat(path_, ".", name);
}

void FieldReader::Merge(const absl::Status& error) {
  if (status_.ok() && !error.ok()) status_ = error;
}

size_t FieldReader::CaseInsensitiveHash::operator()(
    absl::string_view name) const {
  size_t hash = 14695981039346656037u;  // FNV-1a
  for (char c : name) {
    hash ^= static_cast<unsigned char>(absl::ascii_tolower(c));
    hash *= 1099511628211u;
  }
  return hash;
}

bool FieldReader::CaseInsensitiveEq::operator()(absl::string_view a,
                                                absl::string_view b) const {
  return absl::EqualsIgnoreCase(a, b);
}

const rapidjson::Value* FieldReader::Lookup(absl::string_view name) const {
  if (!object_.IsObject()) return nullptr;
  const rapidjson::Value* value = nullptr;
  if (object_.MemberCount() <= kLinearLookupMembers) {
    value = FindMember(object_, name);
  } else {
    if (!index_.has_value()) {
      index_.emplace();
      index_->reserve(object_.MemberCount());
      for (auto it = object_.MemberBegin(); it != object_.MemberEnd(); ++it) {
        auto [entry, added] =
            index_->try_emplace(NameOf(it->name), IndexedMember{&it->value});
        if (!added) entry->second.ambiguous = true;
      }
    }
    auto found = index_->find(name);
    if (found != index_->end()) {
      value = found->second.ambiguous ? FindMember(object_, name)
                                      : found->second.value;
    }
  }
  if (value == nullptr || value->IsNull()) return nullptr;
  return value;
}

void FieldReader::TypeError(absl::string_view name, absl::string_view expected,
                            const rapidjson::Value& got) {
  Merge(absl::InvalidArgumentError(absl::StrCat(
      PathOf(name), ": expected ", expected, ", got ", JsonTypeName(got))));
}

void FieldReader::String(absl::string_view name, std::string* out) {
  const rapidjson::Value* value = Lookup(name);
  if (value == nullptr) return;
  std::optional<std::string> text = LooseString(*value);
  if (!text.has_value()) {
    TypeError(name, "a string", *value);
    return;
  }
  *out = *std::move(text);
}

void FieldReader::Int64(absl::string_view name, int64_t* out) {
  const rapidjson::Value* value = Lookup(name);
  if (value == nullptr) return;
  std::optional<int64_t> n =
      LooseInteger(*value, std::numeric_limits<int64_t>::min(),
                   std::numeric_limits<int64_t>::max());
  if (!n.has_value()) {
    TypeError(name, "an integer", *value);
    return;
  }
  *out = *n;
}

void FieldReader::Int(absl::string_view name, int* out) {
  const rapidjson::Value* value = Lookup(name);
  if (value == nullptr) return;
  std::optional<int64_t> n = LooseInteger(
      *value, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
  if (!n.has_value()) {
    TypeError(name, "a 32-bit integer", *value);
    return;
  }
  *out = static_cast<int>(*n);
}

void FieldReader::Double(absl::string_view name, double* out) {
  const rapidjson::Value* value = Lookup(name);
  if (value == nullptr) return;
  if (value->IsNumber()) {
    *out = value->GetDouble();
    return;
  }
  double d = 0;
  if (value->IsString()) {
    absl::string_view text = absl::StripAsciiWhitespace(StringOf(*value));
    if (text.empty()) {
      *out = 0;
      return;
    }
    if (absl::SimpleAtod(text, &d) && std::isfinite(d)) {
      *out = d;
      return;
    }
  }
  TypeError(name, "a number", *value);
}

void FieldReader::Bool(absl::string_view name, bool* out) {
  const rapidjson::Value* value = Lookup(name);
  if (value == nullptr) return;
  std::optional<bool> flag = LooseBool(*value);
  if (!flag.has_value()) {
    TypeError(name, "a boolean", *value);
    return;
  }
  *out = *flag;
}

void FieldReader::Date(absl::string_view name, ApiDate* out) {
  const rapidjson::Value* value = Lookup(name);
  if (value == nullptr) return;
  if (!value->IsString()) {
    TypeError(name, "a date string", *value);
    return;
  }
  *out = ParseApiDate(StringOf(*value));
}

void FieldReader::StringArray(absl::string_view name,
                              std::vector<std::string>* out) {
  const rapidjson::Value* array = Array(name);
  if (array == nullptr) return;
  std::vector<std::string> values;
  values.reserve(array->Size());
  for (rapidjson::SizeType i = 0; i < array->Size(); ++i) {
    const rapidjson::Value& item = (*array)[i];
    if (item.IsNull()) continue;
    if (!item.IsString()) {
      Merge(absl::InvalidArgumentError(
          absl::StrCat(ElementPath(PathOf(name), i),
                       ": expected a string, got ", JsonTypeName(item))));
      return;
    }
    values.emplace_back(item.GetString(), item.GetStringLength());
  }
  *out = std::move(values);
}

void FieldReader::CommaList(absl::string_view name,
                            std::vector<std::string>* out) {
  const rapidjson::Value* value = Lookup(name);
  if (value == nullptr) return;
  if (value->IsArray()) {
    StringArray(name, out);
    return;
  }
  if (!value->IsString()) {
    TypeError(name, "a comma-separated string", *value);
    return;
  }
  *out = SplitCommaList(StringOf(*value));
}

const rapidjson::Value* FieldReader::Object(absl::string_view name) {
  const rapidjson::Value* value = Lookup(name);
  if (value == nullptr) return nullptr;
  if (!value->IsObject()) {
    TypeError(name, "an object", *value);
    return nullptr;
  }
  return value;
}

const rapidjson::Value* FieldReader::Array(absl::string_view name) {
  const rapidjson::Value* value = Lookup(name);
  if (value == nullptr) return nullptr;
  if (!value->IsArray()) {
    TypeError(name, "an array", *value);
    return nullptr;
  }
  return value;
}

}  // namespace sslstore::client::internal
