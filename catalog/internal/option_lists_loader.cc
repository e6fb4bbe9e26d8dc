#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "catalog/internal/json_fields.h"
#include "catalog/internal/loaders.h"

namespace sslstore::catalog::internal {
namespace {

// An option is a string or {"value": "...", "label": "..."}.
absl::StatusOr<std::string> ReadOption(const rapidjson::Value& item,
                                       const EntryContext& context) {
  if (item.IsString()) {
    if (item.GetStringLength() == 0) {
      return context.Error("an option value is empty");
    }
    return std::string(item.GetString(), item.GetStringLength());
  }
  if (item.IsObject()) {
    absl::Status members =
        CheckMembers(item, {"value", "label", "note"}, context);
    if (!members.ok()) return members;
    return RequiredString(item, "value", context);
  }
  return context.Error(absl::StrCat(
      "an option must be a string or {\"value\", \"label\"}, found ",
      JsonTypeName(item)));
}

absl::Status LoadOptionList(const rapidjson::Value& entry,
                            const EntryContext& context,
                            const std::string& file_path, CatalogData* data) {
  absl::Status members = CheckMembers(
      entry, {"id", "description", "source", "note", "values"}, context);
  if (!members.ok()) return members;
  absl::StatusOr<std::string> id = RequiredString(entry, "id", context);
  if (!id.ok()) return id.status();
  const EntryContext& named = context;
  if (data->option_lists.count(*id) > 0) {
    return named.Error(absl::StrCat("duplicate option list id \"", *id,
                                    "\" (also in ",
                                    data->option_lists.at(*id).file, ")"));
  }
  absl::StatusOr<const rapidjson::Value*> values =
      RequiredArray(entry, "values", named);
  if (!values.ok()) return values.status();
  OptionList list;
  list.id = *id;
  list.file = file_path;
  std::set<std::string> seen;
  for (rapidjson::SizeType i = 0; i < (*values)->Size(); ++i) {
    absl::StatusOr<std::string> value = ReadOption((**values)[i], named);
    if (!value.ok()) return value.status();
    if (!seen.insert(absl::AsciiStrToLower(*value)).second) {
      return named.Error(absl::StrCat("value \"", *value,
                                      "\" is listed twice (options match "
                                      "ignoring case)"));
    }
    list.values.push_back(std::move(*value));
  }
  data->option_lists.emplace(*id, std::move(list));
  return absl::OkStatus();
}

}  // namespace

absl::Status LoadOptionLists(const DataFile& file, CatalogData* data) {
  return ForEachEntry(file.document, file.path, "option_lists", "id",
                      [&file, data](const rapidjson::Value& entry,
                                    const EntryContext& context) {
                        return LoadOptionList(entry, context, file.path, data);
                      });
}

}  // namespace sslstore::catalog::internal
