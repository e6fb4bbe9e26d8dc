#include "catalog/parameter_lookup.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace sslstore::catalog {
namespace {

std::optional<std::string> NonEmpty(absl::string_view value) {
  absl::string_view trimmed = absl::StripAsciiWhitespace(value);
  if (trimmed.empty()) return std::nullopt;
  return std::string(trimmed);
}

}  // namespace

std::optional<std::string> LookupParameter(
    const std::map<std::string, std::string>& parameters,
    absl::string_view name) {
  auto exact = parameters.find(std::string(name));
  if (exact != parameters.end()) {
    std::optional<std::string> value = NonEmpty(exact->second);
    if (value.has_value()) return value;
  }
  for (const auto& [key, value] : parameters) {
    if (absl::EqualsIgnoreCase(key, name)) {
      std::optional<std::string> found = NonEmpty(value);
      if (found.has_value()) return found;
    }
  }
  return std::nullopt;
}

}  // namespace sslstore::catalog
