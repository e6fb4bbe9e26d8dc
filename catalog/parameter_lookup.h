#ifndef CATALOG_PARAMETER_LOOKUP_H_
#define CATALOG_PARAMETER_LOOKUP_H_

#include <map>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace sslstore::catalog {

// The value of parameter `name` in `parameters`: the exact key first, else
// the first key equal ignoring case. Surrounding whitespace is trimmed; an
// empty value counts as absent (nullopt).
std::optional<std::string> LookupParameter(
    const std::map<std::string, std::string>& parameters,
    absl::string_view name);

}  // namespace sslstore::catalog

#endif  // CATALOG_PARAMETER_LOOKUP_H_
