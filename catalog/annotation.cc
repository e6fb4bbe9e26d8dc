#include "catalog/annotation.h"

#include <array>
#include <utility>

namespace sslstore::catalog {
namespace {

constexpr std::array<std::pair<AnnotationType, absl::string_view>, 4>
    kAnnotationTypeNames = {{
        {AnnotationType::kString, "String"},
        {AnnotationType::kSecret, "Secret"},
        {AnnotationType::kNumber, "Number"},
        {AnnotationType::kBoolean, "Boolean"},
    }};

}  // namespace

absl::string_view AnnotationTypeName(AnnotationType type) {
  for (const auto& [value, name] : kAnnotationTypeNames) {
    if (value == type) return name;
  }
  return "String";
}

std::optional<AnnotationType> ParseAnnotationTypeName(absl::string_view name) {
  for (const auto& [value, type_name] : kAnnotationTypeNames) {
    if (type_name == name) return value;
  }
  return std::nullopt;
}

}  // namespace sslstore::catalog
