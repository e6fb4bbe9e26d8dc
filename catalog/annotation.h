#ifndef CATALOG_ANNOTATION_H_
#define CATALOG_ANNOTATION_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace sslstore::catalog {

// The gateway's annotation (PropertyConfigInfo) value types.
enum class AnnotationType { kString, kSecret, kNumber, kBoolean };

// The gateway's spelling of `type`: "String", "Secret", "Number", "Boolean".
absl::string_view AnnotationTypeName(AnnotationType type);

// Parses the gateway's spelling (exact case); nullopt if unknown.
std::optional<AnnotationType> ParseAnnotationTypeName(absl::string_view name);

// One entry of a gateway annotation dictionary (connector configuration or
// template parameter): key, help text, visibility, default and type.
struct Annotation {
  std::string key, comments;
  bool hidden = false;  // true for secrets (AuthToken)
  std::optional<std::string> default_value;
  AnnotationType type = AnnotationType::kString;
  bool required =
      false;  // the plugin documentation marks the connector field as required
};

}  // namespace sslstore::catalog

#endif  // CATALOG_ANNOTATION_H_
