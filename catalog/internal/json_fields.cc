#include "catalog/internal/json_fields.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace sslstore::catalog::internal {
namespace {

constexpr int kMaxMonths = 120;

}  // namespace

EntryContext::EntryContext(std::string file, std::string entry)
    : json::JsonContext(json::JsonContext::Entry(
          absl::StrCat("catalog data file ", file, ", ", entry))),
      file_(std::move(file)),
      entry_(std::move(entry)) {}

absl::Status ForEachEntry(
    const rapidjson::Value& document, const std::string& path,
    const char* array_key, const char* label_key,
    absl::FunctionRef<absl::Status(const rapidjson::Value& entry,
                                   const EntryContext& context)>
        load) {
  const EntryContext top(path, "top level");
  absl::Status members =
      CheckMembers(document, {"kind", "description", array_key}, top);
  if (!members.ok()) return members;
  absl::StatusOr<const rapidjson::Value*> entries =
      RequiredArray(document, array_key, top);
  if (!entries.ok()) return entries.status();
  for (rapidjson::SizeType i = 0; i < (*entries)->Size(); ++i) {
    const rapidjson::Value& entry = (**entries)[i];
    const EntryContext context(
        path,
        EntryLabel(entry, absl::StrCat(array_key, "[", i, "]"), label_key));
    absl::Status loaded = load(entry, context);
    if (!loaded.ok()) return loaded;
  }
  return absl::OkStatus();
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
