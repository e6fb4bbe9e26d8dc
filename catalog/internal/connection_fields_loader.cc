#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "catalog/field_values.h"
#include "catalog/internal/json_fields.h"
#include "catalog/internal/loaders.h"

namespace sslstore::catalog::internal {
namespace {

absl::Status CheckDefault(const Annotation& annotation,
                          const EntryContext& context) {
  if (!annotation.default_value.has_value()) return absl::OkStatus();
  const std::string& value = *annotation.default_value;
  if (annotation.type == AnnotationType::kNumber) {
    int64_t number = 0;
    if (!absl::SimpleAtoi(value, &number)) {
      return context.Error(
          absl::StrCat("\"default\" \"", value, "\" is not a number"));
    }
  }
  if (annotation.type == AnnotationType::kBoolean &&
      !ParseBooleanValue(value).has_value()) {
    return context.Error(
        absl::StrCat("\"default\" \"", value, "\" is not true or false"));
  }
  if (annotation.type == AnnotationType::kSecret) {
    return context.Error("a Secret must not have a default");
  }
  return absl::OkStatus();
}

absl::StatusOr<Annotation> LoadConnectionField(const rapidjson::Value& entry,
                                               const EntryContext& context) {
  absl::Status members = CheckMembers(entry,
                                      {"key", "type", "comments", "default",
                                       "hidden", "required", "source", "note"},
                                      context);
  if (!members.ok()) return members;
  Annotation annotation;
  absl::StatusOr<std::string> key = RequiredString(entry, "key", context);
  if (!key.ok()) return key.status();
  annotation.key = *key;
  const EntryContext& named = context;
  absl::StatusOr<std::string> type_name = RequiredString(entry, "type", named);
  if (!type_name.ok()) return type_name.status();
  std::optional<AnnotationType> type = ParseAnnotationTypeName(*type_name);
  if (!type.has_value()) {
    return named.Error(absl::StrCat("unknown annotation type \"", *type_name,
                                    "\" (known: String, Secret, Number, "
                                    "Boolean)"));
  }
  annotation.type = *type;
  absl::StatusOr<std::string> comments =
      RequiredString(entry, "comments", named);
  if (!comments.ok()) return comments.status();
  annotation.comments = *comments;
  absl::StatusOr<bool> hidden = OptionalBool(entry, "hidden", false, named);
  if (!hidden.ok()) return hidden.status();
  annotation.hidden = *hidden;
  if (annotation.type == AnnotationType::kSecret && !annotation.hidden) {
    return named.Error("a Secret must be \"hidden\": true");
  }
  absl::StatusOr<bool> required = OptionalBool(entry, "required", false, named);
  if (!required.ok()) return required.status();
  annotation.required = *required;
  absl::StatusOr<std::optional<std::string>> default_value =
      OptionalScalarAsString(entry, "default", named);
  if (!default_value.ok()) return default_value.status();
  annotation.default_value = *default_value;
  absl::Status status = CheckDefault(annotation, named);
  if (!status.ok()) return status;
  return annotation;
}

}  // namespace

absl::Status LoadConnectionFields(const DataFile& file, CatalogData* data) {
  return ForEachEntry(
      file.document, file.path, "connection_fields", "key",
      [data](const rapidjson::Value& entry, const EntryContext& context) {
        absl::StatusOr<Annotation> annotation =
            LoadConnectionField(entry, context);
        if (!annotation.ok()) return annotation.status();
        for (const Annotation& existing : data->connection_annotations) {
          if (existing.key == annotation->key) {
            return context.Error(
                absl::StrCat("duplicate key \"", annotation->key, "\""));
          }
        }
        data->connection_annotations.push_back(std::move(*annotation));
        return absl::OkStatus();
      });
}

}  // namespace sslstore::catalog::internal
