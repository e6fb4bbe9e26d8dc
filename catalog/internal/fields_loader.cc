#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "catalog/field_values.h"
#include "catalog/internal/json_fields.h"
#include "catalog/internal/loaders.h"

namespace sslstore::catalog::internal {
namespace {

// "AdminContact.Email", "OrganizationInfo.OrganizationAddress.Country": dotted
// identifiers as in the WBAPI request body.
bool IsValidWbapiTarget(absl::string_view target) {
  for (absl::string_view segment : absl::StrSplit(target, '.')) {
    if (segment.empty() ||
        !absl::ascii_isalpha(static_cast<unsigned char>(segment.front()))) {
      return false;
    }
    for (char c : segment) {
      if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return false;
    }
  }
  return true;
}

bool IsAlpha2Code(absl::string_view value) {
  return value.size() == 2 &&
         absl::ascii_isupper(static_cast<unsigned char>(value[0])) &&
         absl::ascii_isupper(static_cast<unsigned char>(value[1]));
}

absl::Status LoadOptions(const rapidjson::Value& entry,
                         const EntryContext& context, const CatalogData& data,
                         FieldSpec* field) {
  const bool takes_options =
      field->type == FieldType::kEnum || field->type == FieldType::kCountry;
  absl::StatusOr<std::optional<std::string>> list_id =
      OptionalString(entry, "options", context);
  if (!list_id.ok()) return list_id.status();
  if (!takes_options) {
    if (list_id->has_value()) {
      return context.Error(absl::StrCat("type \"", FieldTypeName(field->type),
                                        "\" takes no \"options\""));
    }
    return absl::OkStatus();
  }
  if (!list_id->has_value()) {
    return context.Error(absl::StrCat("type \"", FieldTypeName(field->type),
                                      "\" needs \"options\" (an option list "
                                      "id)"));
  }
  auto list = data.option_lists.find(**list_id);
  if (list == data.option_lists.end()) {
    return context.Error(absl::StrCat("dangling option list: \"", **list_id,
                                      "\" is not defined in any option_lists "
                                      "file"));
  }
  if (field->type == FieldType::kCountry) {
    for (const std::string& value : list->second.values) {
      if (!IsAlpha2Code(value)) {
        return context.Error(absl::StrCat(
            "option list \"", **list_id, "\" has \"", value,
            "\", which is not an ISO 3166-1 alpha-2 code (two capitals)"));
      }
    }
  }
  field->option_list_id = **list_id;
  field->options = list->second.values;
  return absl::OkStatus();
}

absl::Status LoadBounds(const rapidjson::Value& entry,
                        const EntryContext& context, FieldSpec* field) {
  absl::StatusOr<std::optional<int64_t>> min_value =
      OptionalInt(entry, "min", context);
  if (!min_value.ok()) return min_value.status();
  absl::StatusOr<std::optional<int64_t>> max_value =
      OptionalInt(entry, "max", context);
  if (!max_value.ok()) return max_value.status();
  if (field->type != FieldType::kInteger &&
      (min_value->has_value() || max_value->has_value())) {
    return context.Error("only integer fields take \"min\" and \"max\"");
  }
  if (min_value->has_value() && max_value->has_value() &&
      **min_value > **max_value) {
    return context.Error(absl::StrCat(
        "\"min\" ", **min_value, " is greater than \"max\" ", **max_value));
  }
  field->min_value = *min_value;
  field->max_value = *max_value;
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<FieldSpec>> LoadField(
    const rapidjson::Value& entry, const EntryContext& context,
    const CatalogData& data) {
  absl::Status members =
      CheckMembers(entry,
                   {"name", "description", "type", "options", "default", "min",
                    "max", "wbapi_target", "note", "source"},
                   context);
  if (!members.ok()) return members;
  auto field = std::make_unique<FieldSpec>();
  absl::StatusOr<std::string> name = RequiredString(entry, "name", context);
  if (!name.ok()) return name.status();
  field->name = *name;
  const EntryContext& named = context;
  for (const std::unique_ptr<FieldSpec>& existing : data.fields) {
    if (absl::EqualsIgnoreCase(existing->name, *name)) {
      return named.Error(absl::StrCat("duplicate field name \"", *name,
                                      "\" (names match ignoring case)"));
    }
  }
  absl::StatusOr<std::string> description =
      RequiredString(entry, "description", named);
  if (!description.ok()) return description.status();
  field->description = *description;
  absl::StatusOr<std::string> type_name = RequiredString(entry, "type", named);
  if (!type_name.ok()) return type_name.status();
  std::optional<FieldType> type = ParseFieldTypeName(*type_name);
  if (!type.has_value()) {
    return named.Error(absl::StrCat(
        "unknown field type \"", *type_name,
        "\" (known: string, email, email_list, country, integer, boolean, "
        "enum, validity_days, organization_id)"));
  }
  field->type = *type;
  absl::Status status = LoadOptions(entry, named, data, field.get());
  if (!status.ok()) return status;
  status = LoadBounds(entry, named, field.get());
  if (!status.ok()) return status;
  absl::StatusOr<std::string> target =
      RequiredString(entry, "wbapi_target", named);
  if (!target.ok()) return target.status();
  if (!IsValidWbapiTarget(*target)) {
    return named.Error(absl::StrCat("\"wbapi_target\" \"", *target,
                                    "\" is not a dotted WBAPI member path "
                                    "like \"AdminContact.Email\""));
  }
  field->wbapi_target = *target;
  absl::StatusOr<std::optional<std::string>> default_value =
      OptionalScalarAsString(entry, "default", named);
  if (!default_value.ok()) return default_value.status();
  if (default_value->has_value()) {
    absl::StatusOr<std::string> normalized =
        NormalizeFieldValue(*field, **default_value);
    if (!normalized.ok()) {
      return named.Error(
          absl::StrCat("invalid \"default\": ", normalized.status().message()));
    }
    field->default_value = *normalized;
  }
  return field;
}

}  // namespace

absl::Status LoadFields(const DataFile& file, CatalogData* data) {
  return ForEachEntry(
      file.document, file.path, "fields", "name",
      [data](const rapidjson::Value& entry, const EntryContext& context) {
        absl::StatusOr<std::unique_ptr<FieldSpec>> field =
            LoadField(entry, context, *data);
        if (!field.ok()) return field.status();
        data->fields_by_name[(*field)->name] = field->get();
        data->fields.push_back(std::move(*field));
        return absl::OkStatus();
      });
}

}  // namespace sslstore::catalog::internal
