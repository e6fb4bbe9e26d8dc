#ifndef SERVICE_CONFIG_CREDENTIAL_FILE_H_
#define SERVICE_CONFIG_CREDENTIAL_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sslstore::service::config_json {

// The prefix of a file setting that names a systemd credential.
inline constexpr absl::string_view kCredentialPrefix = "credential:";

// The path of a file named in the configuration. "credential:NAME" is the
// credential NAME that systemd's LoadCredential= (or SetCredential=) passes
// the service: the file NAME in $CREDENTIALS_DIRECTORY. Any other value is
// a path, returned as it is. Fails with INVALID_ARGUMENT when
// $CREDENTIALS_DIRECTORY is not set or NAME is empty, ".", ".." or has a
// '/'; the message names the credential, never its content, and not the
// setting (the caller adds the key's path).
absl::StatusOr<std::string> ResolveConfiguredFile(absl::string_view value);

}  // namespace sslstore::service::config_json

#endif  // SERVICE_CONFIG_CREDENTIAL_FILE_H_
