#include "service/server_config.h"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rapidjson/document.h"
#include "rapidjson/error/en.h"
#include "service/connection_validation.h"

namespace sslstore::service {
namespace {

using JsonValue = rapidjson::Value;

absl::Status KeyError(absl::string_view source, absl::string_view path,
                      absl::string_view problem) {
  return absl::InvalidArgumentError(
      absl::StrCat(source, ": ", path, ": ", problem));
}

// Rejects members of `object` whose names are not in `allowed`.
absl::Status RejectUnknownKeys(const JsonValue& object,
                               const std::set<std::string>& allowed,
                               absl::string_view source,
                               absl::string_view path) {
  for (const auto& member : object.GetObject()) {
    std::string key(member.name.GetString(), member.name.GetStringLength());
    if (allowed.count(key) == 0) {
      return KeyError(source, absl::StrCat(path, path.empty() ? "" : ".", key),
                      absl::StrCat("unknown key (allowed: ",
                                   absl::StrJoin(allowed, ", "), ")"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadString(const JsonValue& object, const char* key,
                                       absl::string_view source,
                                       absl::string_view path) {
  const JsonValue& value = object[key];
  if (!value.IsString()) {
    return KeyError(source, absl::StrCat(path, ".", key), "must be a string");
  }
  return std::string(value.GetString(), value.GetStringLength());
}

absl::StatusOr<int> ReadInt(const JsonValue& object, const char* key,
                            int min_value, int max_value,
                            absl::string_view source, absl::string_view path) {
  const JsonValue& value = object[key];
  if (!value.IsInt() || value.GetInt() < min_value ||
      value.GetInt() > max_value) {
    return KeyError(
        source, absl::StrCat(path, ".", key),
        absl::StrCat("must be an integer from ", min_value, " to ", max_value));
  }
  return value.GetInt();
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

absl::StatusOr<Secret> ReadAuthToken(const JsonValue& object,
                                     absl::string_view source,
                                     absl::string_view path) {
  const char* kSources[] = {"auth_token", "auth_token_env", "auth_token_file"};
  int present = 0;
  for (const char* key : kSources) present += object.HasMember(key) ? 1 : 0;
  if (present != 1) {
    return KeyError(source, absl::StrCat(path, ".auth_token"),
                    "set exactly one of auth_token, auth_token_env, "
                    "auth_token_file");
  }
  std::string token;
  if (object.HasMember("auth_token")) {
    auto value = ReadString(object, "auth_token", source, path);
    if (!value.ok()) return value.status();
    token = *value;
  } else if (object.HasMember("auth_token_env")) {
    auto name = ReadString(object, "auth_token_env", source, path);
    if (!name.ok()) return name.status();
    const char* env_value = std::getenv(name->c_str());
    if (env_value == nullptr) {
      return KeyError(
          source, absl::StrCat(path, ".auth_token_env"),
          absl::StrCat("environment variable ", *name, " is not set"));
    }
    token = env_value;
  } else {
    auto file = ReadString(object, "auth_token_file", source, path);
    if (!file.ok()) return file.status();
    auto contents = ReadFileText(*file);
    if (!contents.ok()) {
      return KeyError(source, absl::StrCat(path, ".auth_token_file"),
                      contents.status().message());
    }
    token = std::string(absl::StripTrailingAsciiWhitespace(*contents));
  }
  if (token.empty()) {
    return KeyError(source, absl::StrCat(path, ".auth_token"),
                    "the auth token is empty");
  }
  return Secret(std::move(token));
}

absl::StatusOr<ConnectionSettings> ParseConnection(const std::string& name,
                                                   const JsonValue& object,
                                                   absl::string_view source) {
  const std::string path = absl::StrCat("connections.", name);
  if (!object.IsObject()) return KeyError(source, path, "must be an object");
  absl::Status unknown =
      RejectUnknownKeys(object,
                        {"sslstore_url", "partner_code", "auth_token",
                         "auth_token_env", "auth_token_file", "page_size",
                         "enabled", "renewal_window_days", "ca_file"},
                        source, path);
  if (!unknown.ok()) return unknown;

  ConnectionSettings settings;
  settings.name = name;
  for (const char* required : {"sslstore_url", "partner_code"}) {
    if (!object.HasMember(required)) {
      return KeyError(source, absl::StrCat(path, ".", required), "is required");
    }
  }
  auto url = ReadString(object, "sslstore_url", source, path);
  if (!url.ok()) return url.status();
  if (!IsHttpsUrlWithHost(*url)) {
    return KeyError(source, absl::StrCat(path, ".sslstore_url"),
                    "must be an https:// URL with a host name");
  }
  settings.sslstore_url = *url;
  auto partner = ReadString(object, "partner_code", source, path);
  if (!partner.ok()) return partner.status();
  if (partner->empty()) {
    return KeyError(source, absl::StrCat(path, ".partner_code"),
                    "must not be empty");
  }
  settings.partner_code = *partner;
  auto token = ReadAuthToken(object, source, path);
  if (!token.ok()) return token.status();
  settings.auth_token = *std::move(token);
  if (object.HasMember("page_size")) {
    auto page_size =
        ReadInt(object, "page_size", 1, kMaxPageSize, source, path);
    if (!page_size.ok()) return page_size.status();
    settings.page_size = *page_size;
  }
  if (object.HasMember("enabled")) {
    if (!object["enabled"].IsBool()) {
      return KeyError(source, absl::StrCat(path, ".enabled"),
                      "must be true or false");
    }
    settings.enabled = object["enabled"].GetBool();
  }
  if (object.HasMember("renewal_window_days")) {
    auto window = ReadInt(object, "renewal_window_days", 0,
                          kMaxRenewalWindowDays, source, path);
    if (!window.ok()) return window.status();
    settings.renewal_window_days = *window;
  }
  if (object.HasMember("ca_file")) {
    auto ca_file = ReadString(object, "ca_file", source, path);
    if (!ca_file.ok()) return ca_file.status();
    settings.ca_file = *ca_file;
  }
  return settings;
}

}  // namespace

absl::StatusOr<ServerConfig> ParseServerConfig(absl::string_view json_text,
                                               absl::string_view source_name) {
  rapidjson::Document document;
  document.Parse(json_text.data(), json_text.size());
  if (document.HasParseError()) {
    return absl::InvalidArgumentError(absl::StrCat(
        source_name, ": not valid JSON at offset ", document.GetErrorOffset(),
        ": ", rapidjson::GetParseError_En(document.GetParseError())));
  }
  if (!document.IsObject()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source_name, ": the top level must be a JSON object"));
  }
  absl::Status unknown = RejectUnknownKeys(
      document,
      {"listen_address", "catalog_dir", "connections", "upstream_ca_file"},
      source_name, "");
  if (!unknown.ok()) return unknown;

  ServerConfig config;
  if (document.HasMember("listen_address")) {
    const JsonValue& value = document["listen_address"];
    if (!value.IsString() || value.GetStringLength() == 0 ||
        absl::string_view(value.GetString()).find(':') ==
            absl::string_view::npos) {
      return KeyError(source_name, "listen_address",
                      "must be a \"host:port\" string");
    }
    config.listen_address = value.GetString();
  }
  if (document.HasMember("catalog_dir")) {
    if (!document["catalog_dir"].IsString()) {
      return KeyError(source_name, "catalog_dir", "must be a string");
    }
    config.catalog_dir = document["catalog_dir"].GetString();
  }
  if (document.HasMember("upstream_ca_file")) {
    if (!document["upstream_ca_file"].IsString()) {
      return KeyError(source_name, "upstream_ca_file", "must be a string");
    }
    config.upstream.ca_file = document["upstream_ca_file"].GetString();
  }
  if (document.HasMember("connections")) {
    const JsonValue& connections = document["connections"];
    if (!connections.IsObject()) {
      return KeyError(source_name, "connections",
                      "must be an object keyed by connection name");
    }
    for (const auto& member : connections.GetObject()) {
      std::string name(member.name.GetString(), member.name.GetStringLength());
      if (name.empty()) {
        return KeyError(source_name, "connections",
                        "a connection name must not be empty");
      }
      if (config.connections.count(name) > 0) {
        return KeyError(source_name, absl::StrCat("connections.", name),
                        "is defined twice");
      }
      auto settings = ParseConnection(name, member.value, source_name);
      if (!settings.ok()) return settings.status();
      config.connections.emplace(name, *std::move(settings));
    }
  }
  return config;
}

absl::StatusOr<ServerConfig> LoadServerConfig(const std::string& path) {
  auto text = ReadFileText(path);
  if (!text.ok()) return text.status();
  return ParseServerConfig(*text, path);
}

}  // namespace sslstore::service
