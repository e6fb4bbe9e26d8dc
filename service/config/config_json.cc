#include "service/config/config_json.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "service/config/credential_file.h"
#include "sslstore_client/json/strict_reader.h"

namespace sslstore::service::config_json {

namespace {

json::JsonContext At(absl::string_view source, absl::string_view path) {
  return json::JsonContext::Path(std::string(source), std::string(path));
}

}  // namespace

std::string JoinPath(absl::string_view parent, absl::string_view key) {
  return At("", parent).PathOf(key);
}

absl::Status KeyError(absl::string_view source, absl::string_view path,
                      absl::string_view problem) {
  return At(source, path).Error(problem);
}

absl::Status RejectUnknownKeys(const rapidjson::Value& object,
                               const std::set<std::string>& allowed,
                               absl::string_view source,
                               absl::string_view path) {
  const std::vector<absl::string_view> names(allowed.begin(), allowed.end());
  return json::CheckMembers(object, names, At(source, path));
}

absl::StatusOr<std::string> ReadString(const rapidjson::Value& object,
                                       const char* key,
                                       absl::string_view source,
                                       absl::string_view path) {
  return json::RequiredString(object, key, At(source, path),
                              json::Empty::kAllowed);
}

absl::StatusOr<int> ReadInt(const rapidjson::Value& object, const char* key,
                            int min_value, int max_value,
                            absl::string_view source, absl::string_view path) {
  return json::RequiredIntInRange(object, key, min_value, max_value,
                                  At(source, path));
}

absl::StatusOr<bool> ReadBool(const rapidjson::Value& object, const char* key,
                              absl::string_view source,
                              absl::string_view path) {
  return json::RequiredBool(object, key, At(source, path));
}

absl::StatusOr<std::string> ReadFileText(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return absl::NotFoundError(absl::StrCat("cannot read file ", path));
  }
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

absl::StatusOr<Secret> ReadSecret(const rapidjson::Value& object,
                                  absl::string_view key,
                                  absl::string_view source,
                                  absl::string_view path) {
  const std::string inline_key(key);
  const std::string env_key = absl::StrCat(key, "_env");
  const std::string file_key = absl::StrCat(key, "_file");
  int present = 0;
  for (const std::string* name : {&inline_key, &env_key, &file_key}) {
    present += object.HasMember(name->c_str()) ? 1 : 0;
  }
  if (present != 1) {
    return KeyError(source, JoinPath(path, key),
                    absl::StrCat("set exactly one of ", inline_key, ", ",
                                 env_key, ", ", file_key));
  }
  std::string secret;
  if (object.HasMember(inline_key.c_str())) {
    auto value = ReadString(object, inline_key.c_str(), source, path);
    if (!value.ok()) return value.status();
    secret = *std::move(value);
  } else if (object.HasMember(env_key.c_str())) {
    auto name = ReadString(object, env_key.c_str(), source, path);
    if (!name.ok()) return name.status();
    const char* env_value = std::getenv(name->c_str());
    if (env_value == nullptr) {
      return KeyError(
          source, JoinPath(path, env_key),
          absl::StrCat("environment variable ", *name, " is not set"));
    }
    secret = env_value;
  } else {
    auto file = ReadString(object, file_key.c_str(), source, path);
    if (!file.ok()) return file.status();
    auto resolved = ResolveConfiguredFile(*file);
    if (!resolved.ok()) {
      return KeyError(source, JoinPath(path, file_key),
                      resolved.status().message());
    }
    auto contents = ReadFileText(*resolved);
    if (!contents.ok()) {
      return KeyError(source, JoinPath(path, file_key),
                      contents.status().message());
    }
    secret = std::string(absl::StripTrailingAsciiWhitespace(*contents));
  }
  if (secret.empty()) {
    return KeyError(source, JoinPath(path, inline_key), "is empty");
  }
  return Secret(std::move(secret));
}

}  // namespace sslstore::service::config_json
