#include "service/config/credential_file.h"

#include <cstdlib>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace sslstore::service::config_json {

absl::StatusOr<std::string> ResolveConfiguredFile(absl::string_view value) {
  absl::string_view name = value;
  if (!absl::ConsumePrefix(&name, kCredentialPrefix)) {
    return std::string(value);
  }
  if (name.empty() || name == "." || name == ".." ||
      absl::StrContains(name, '/')) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", value,
        "\": a credential name must be non-empty and have no '/'"));
  }
  const char* directory = std::getenv("CREDENTIALS_DIRECTORY");
  if (directory == nullptr || directory[0] == '\0') {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", value,
                     "\" needs $CREDENTIALS_DIRECTORY, which is not set "
                     "(systemd sets it for a unit with LoadCredential=",
                     name, ":...)"));
  }
  return absl::StrCat(directory, "/", name);
}

}  // namespace sslstore::service::config_json
