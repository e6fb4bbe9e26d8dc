#ifndef SERVICE_CONFIG_CONFIG_JSON_H_
#define SERVICE_CONFIG_CONFIG_JSON_H_

#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "service/config/connection_settings.h"

namespace sslstore::service::config_json {

// Reads typed values out of the configuration document with the shared
// strict reader (sslstore_client/json/strict_reader.h), in (source, path)
// terms. Every error is INVALID_ARGUMENT "<source>: <path>: <problem>",
// naming the key's path (e.g. "tls.cert_file"); no error ever contains a
// secret's value.

// "a.b" joined as a key path; an empty `parent` gives `key`.
std::string JoinPath(absl::string_view parent, absl::string_view key);

// The error for the key at `path`.
absl::Status KeyError(absl::string_view source, absl::string_view path,
                      absl::string_view problem);

// Rejects a non-object, members whose names are not in `allowed` and
// members that appear twice.
absl::Status RejectUnknownKeys(const rapidjson::Value& object,
                               const std::set<std::string>& allowed,
                               absl::string_view source,
                               absl::string_view path);

// `object[key]` as a string (the key must be present).
absl::StatusOr<std::string> ReadString(const rapidjson::Value& object,
                                       const char* key,
                                       absl::string_view source,
                                       absl::string_view path);

// `object[key]` as an integer within [min_value, max_value].
absl::StatusOr<int> ReadInt(const rapidjson::Value& object, const char* key,
                            int min_value, int max_value,
                            absl::string_view source, absl::string_view path);

// `object[key]` as true or false.
absl::StatusOr<bool> ReadBool(const rapidjson::Value& object, const char* key,
                              absl::string_view source, absl::string_view path);

// The whole content of the file at `path`; NOT_FOUND naming the file.
absl::StatusOr<std::string> ReadFileText(const std::string& path);

// A secret given by exactly one of `<key>` (inline), `<key>_env` (the name
// of an environment variable) or `<key>_file` (a file, or "credential:NAME"
// for a systemd credential, see ResolveConfiguredFile; trailing white space
// trimmed). Empty secrets are rejected. Errors name the key, never the value.
absl::StatusOr<Secret> ReadSecret(const rapidjson::Value& object,
                                  absl::string_view key,
                                  absl::string_view source,
                                  absl::string_view path);

}  // namespace sslstore::service::config_json

#endif  // SERVICE_CONFIG_CONFIG_JSON_H_
