#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "catalog/internal/json_fields.h"
#include "catalog/internal/loaders.h"

namespace sslstore::catalog::internal {
namespace {

absl::Status LoadUnlessMap(const rapidjson::Value& entry,
                           const EntryContext& context, FieldSetSpec* set) {
  auto it = entry.FindMember("required_unless_true");
  if (it == entry.MemberEnd()) return absl::OkStatus();
  if (!it->value.IsObject()) {
    return context.Error(absl::StrCat(
        "\"required_unless_true\" must be an object (field -> list of "
        "boolean fields), found ",
        JsonTypeName(it->value)));
  }
  std::set<std::string> seen;
  for (auto member = it->value.MemberBegin(); member != it->value.MemberEnd();
       ++member) {
    std::string field(member->name.GetString(), member->name.GetStringLength());
    if (!seen.insert(field).second) {
      return context.Error(
          absl::StrCat("\"required_unless_true\" lists \"", field, "\" twice"));
    }
    EntryContext inner(context.file(),
                       absl::StrCat(context.entry(), " required_unless_true"));
    if (!member->value.IsArray() || member->value.Empty()) {
      return inner.Error(absl::StrCat("\"", field,
                                      "\" must map to a non-empty array of "
                                      "boolean field names"));
    }
    std::vector<std::string> flags;
    for (rapidjson::SizeType i = 0; i < member->value.Size(); ++i) {
      const rapidjson::Value& flag = member->value[i];
      if (!flag.IsString() || flag.GetStringLength() == 0) {
        return inner.Error(absl::StrCat("\"", field, "\"[", i,
                                        "] must be a non-empty string"));
      }
      flags.emplace_back(flag.GetString(), flag.GetStringLength());
    }
    set->required_unless_true[field] = std::move(flags);
  }
  return absl::OkStatus();
}

absl::StatusOr<FieldSetSpec> LoadFieldSet(const rapidjson::Value& entry,
                                          const EntryContext& context) {
  absl::Status members = CheckMembers(
      entry,
      {"id", "description", "abstract", "extends", "required", "optional",
       "required_unless_true", "plugin_docs_table", "reason", "source", "note"},
      context);
  if (!members.ok()) return members;
  FieldSetSpec set;
  absl::StatusOr<std::string> id = RequiredString(entry, "id", context);
  if (!id.ok()) return id.status();
  set.id = *id;
  set.file = context.file();
  set.entry = context.entry();
  EntryContext named(context.file(), set.entry);
  absl::StatusOr<std::string> description =
      RequiredString(entry, "description", named);
  if (!description.ok()) return description.status();
  absl::StatusOr<bool> is_abstract =
      OptionalBool(entry, "abstract", false, named);
  if (!is_abstract.ok()) return is_abstract.status();
  set.is_abstract = *is_abstract;
  absl::StatusOr<std::optional<std::string>> plugin_docs_table =
      OptionalString(entry, "plugin_docs_table", named);
  if (!plugin_docs_table.ok()) return plugin_docs_table.status();
  absl::StatusOr<std::optional<std::string>> reason =
      OptionalString(entry, "reason", named);
  if (!reason.ok()) return reason.status();
  if (!set.is_abstract && !plugin_docs_table->has_value() &&
      !reason->has_value()) {
    return named.Error(
        "a field set needs \"plugin_docs_table\" (the plugin documentation's "
        "table) or "
        "\"reason\" (why these fields, when the plugin documentation has no "
        "table)");
  }
  for (auto [key, target] : {std::pair{"extends", &set.extends},
                             std::pair{"required", &set.required},
                             std::pair{"optional", &set.optional}}) {
    absl::StatusOr<std::vector<std::string>> names =
        StringArray(entry, key, false, named);
    if (!names.ok()) return names.status();
    *target = std::move(*names);
  }
  for (const std::string& name : set.required) {
    if (std::find(set.optional.begin(), set.optional.end(), name) !=
        set.optional.end()) {
      return named.Error(
          absl::StrCat("field \"", name, "\" is both required and optional"));
    }
  }
  absl::Status status = LoadUnlessMap(entry, named, &set);
  if (!status.ok()) return status;
  return set;
}

// Sets or adds `field` in `fields`, keeping the position of an inherited one.
void Upsert(std::vector<FieldRequirement>* fields, FieldRequirement field) {
  for (FieldRequirement& existing : *fields) {
    if (existing.field == field.field) {
      existing = std::move(field);
      return;
    }
  }
  fields->push_back(std::move(field));
}

absl::Status ResolveOne(const std::string& id, CatalogData* data,
                        std::vector<std::string>* visiting) {
  if (data->resolved_field_sets.count(id) > 0) return absl::OkStatus();
  const FieldSetSpec& set = data->field_sets.at(id);
  EntryContext context(set.file, set.entry);
  if (std::find(visiting->begin(), visiting->end(), id) != visiting->end()) {
    std::string cycle;
    for (const std::string& step : *visiting)
      absl::StrAppend(&cycle, step, " -> ");
    return context.Error(
        absl::StrCat("\"extends\" forms a cycle: ", cycle, id));
  }
  visiting->push_back(id);
  std::vector<FieldRequirement> fields;
  for (const std::string& parent : set.extends) {
    if (data->field_sets.count(parent) == 0) {
      return context.Error(
          absl::StrCat("\"extends\" names unknown field set \"", parent, "\""));
    }
    absl::Status status = ResolveOne(parent, data, visiting);
    if (!status.ok()) return status;
    for (const FieldRequirement& inherited :
         data->resolved_field_sets.at(parent)) {
      Upsert(&fields, inherited);
    }
  }
  for (bool required : {true, false}) {
    for (const std::string& name : required ? set.required : set.optional) {
      auto field = data->fields_by_name.find(name);
      if (field == data->fields_by_name.end()) {
        return context.Error(absl::StrCat(
            "unknown field \"", name, "\" (not defined in any fields file)"));
      }
      FieldRequirement requirement{field->second, required, {}};
      auto unless = set.required_unless_true.find(name);
      if (unless != set.required_unless_true.end()) {
        requirement.required_unless_true = unless->second;
      }
      Upsert(&fields, std::move(requirement));
    }
  }
  for (const auto& [name, flags] : set.required_unless_true) {
    if (std::find(set.required.begin(), set.required.end(), name) ==
        set.required.end()) {
      return context.Error(absl::StrCat("\"required_unless_true\" names \"",
                                        name,
                                        "\", which is not in this set's "
                                        "\"required\" list"));
    }
    for (const std::string& flag : flags) {
      auto flag_field = std::find_if(
          fields.begin(), fields.end(),
          [&](const FieldRequirement& r) { return r.field->name == flag; });
      if (flag_field == fields.end() ||
          flag_field->field->type != FieldType::kBoolean) {
        return context.Error(
            absl::StrCat("\"required_unless_true\" for \"", name, "\" names \"",
                         flag, "\", which is not a boolean field of this set"));
      }
    }
  }
  if (!set.is_abstract && fields.empty()) {
    return context.Error("the field set has no fields");
  }
  std::stable_partition(fields.begin(), fields.end(),
                        [](const FieldRequirement& r) { return r.required; });
  visiting->pop_back();
  data->resolved_field_sets.emplace(id, std::move(fields));
  return absl::OkStatus();
}

}  // namespace

absl::Status LoadFieldSets(const DataFile& file, CatalogData* data) {
  return ForEachEntry(
      file.document, file.path, "field_sets", "id",
      [&file, data](const rapidjson::Value& entry,
                    const EntryContext& context) {
        absl::StatusOr<FieldSetSpec> set = LoadFieldSet(entry, context);
        if (!set.ok()) return set.status();
        auto existing = data->field_sets.find(set->id);
        if (existing != data->field_sets.end()) {
          return EntryContext(file.path, set->entry)
              .Error(absl::StrCat("duplicate field set id \"", set->id,
                                  "\" (first defined in ",
                                  existing->second.file, ")"));
        }
        data->field_sets.emplace(set->id, std::move(*set));
        return absl::OkStatus();
      });
}

absl::Status ResolveFieldSets(CatalogData* data) {
  for (const auto& [id, set] : data->field_sets) {
    std::vector<std::string> visiting;
    absl::Status status = ResolveOne(id, data, &visiting);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace sslstore::catalog::internal
