#include "service/config/server_config.h"

#include <set>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/types/span.h"
#include "rapidjson/document.h"
#include "rapidjson/error/en.h"
#include "service/config/config_json.h"
#include "service/config/connection_validation.h"
#include "service/config/credential_file.h"
#include "service/observability/log_config.h"
#include "sslstore_client/proxy.h"

namespace sslstore::service {
namespace {

using JsonValue = rapidjson::Value;
using config_json::JoinPath;
using config_json::KeyError;
using config_json::ReadBool;
using config_json::ReadInt;
using config_json::ReadString;
using config_json::RejectUnknownKeys;

// proxy_url and its password (any of proxy_password, _env, _file).
absl::Status ParseProxy(const JsonValue& object, absl::string_view source,
                        absl::string_view path, ConnectionSettings* settings) {
  bool has_user = false;
  if (object.HasMember("proxy_url")) {
    auto url = ReadString(object, "proxy_url", source, path);
    if (!url.ok()) return url.status();
    if (!absl::EqualsIgnoreCase(*url, "direct")) {
      absl::StatusOr<client::ProxyServer> proxy =
          client::ParseProxyUrl(*url, /*allow_password=*/false);
      if (!proxy.ok()) {
        return KeyError(source, JoinPath(path, "proxy_url"),
                        absl::StrCat(proxy.status().message(),
                                     " (\"direct\" means no proxy)"));
      }
      has_user = !proxy->username.empty();
    }
    settings->proxy_url = *std::move(url);
  }
  const bool has_password = object.HasMember("proxy_password") ||
                            object.HasMember("proxy_password_env") ||
                            object.HasMember("proxy_password_file");
  if (!has_password) return absl::OkStatus();
  if (!has_user) {
    return KeyError(source, JoinPath(path, "proxy_password"),
                    "needs a user in proxy_url (http://user@host:port)");
  }
  auto password =
      config_json::ReadSecret(object, "proxy_password", source, path);
  if (!password.ok()) return password.status();
  settings->proxy_password = *std::move(password);
  return absl::OkStatus();
}

// The connection's timeouts and retries, within ranges that fit the
// client's three-minute bound on a call.
absl::Status ParseUpstreamOverrides(const JsonValue& object,
                                    absl::string_view source,
                                    absl::string_view path,
                                    ConnectionSettings* settings) {
  struct Timeout {
    const char* key;
    int max_seconds;
    std::optional<absl::Duration>* out;
  };
  for (const Timeout& timeout :
       {Timeout{"connect_timeout_seconds", 60, &settings->connect_timeout},
        Timeout{"call_timeout_seconds", 120, &settings->call_timeout},
        Timeout{"order_call_timeout_seconds", 120,
                &settings->order_call_timeout}}) {
    if (!object.HasMember(timeout.key)) continue;
    auto seconds =
        ReadInt(object, timeout.key, 1, timeout.max_seconds, source, path);
    if (!seconds.ok()) return seconds.status();
    *timeout.out = absl::Seconds(*seconds);
  }
  if (object.HasMember("retry_attempts")) {
    auto retries =
        ReadInt(object, "retry_attempts", 0, kMaxRetryAttempts, source, path);
    if (!retries.ok()) return retries.status();
    settings->retry_attempts = *retries;
  }
  return absl::OkStatus();
}

absl::StatusOr<ConnectionSettings> ParseConnection(const std::string& name,
                                                   const JsonValue& object,
                                                   absl::string_view source) {
  const std::string path = absl::StrCat("connections.", name);
  absl::Status unknown = RejectUnknownKeys(
      object,
      {"sslstore_url", "partner_code", "auth_token", "auth_token_env",
       "auth_token_file", "page_size", "enabled", "renewal_window_days",
       "ca_file", "proxy_url", "proxy_password", "proxy_password_env",
       "proxy_password_file", "connect_timeout_seconds", "call_timeout_seconds",
       "order_call_timeout_seconds", "retry_attempts"},
      source, path);
  if (!unknown.ok()) return unknown;

  ConnectionSettings settings;
  settings.name = name;
  for (const char* required : {"sslstore_url", "partner_code"}) {
    if (!object.HasMember(required)) {
      return KeyError(source, JoinPath(path, required), "is required");
    }
  }
  auto url = ReadString(object, "sslstore_url", source, path);
  if (!url.ok()) return url.status();
  if (!IsHttpsUrlWithHost(*url)) {
    return KeyError(source, JoinPath(path, "sslstore_url"),
                    "must be an https:// URL with a host name");
  }
  settings.sslstore_url = *url;
  auto partner = ReadString(object, "partner_code", source, path);
  if (!partner.ok()) return partner.status();
  if (partner->empty()) {
    return KeyError(source, JoinPath(path, "partner_code"),
                    "must not be empty");
  }
  settings.partner_code = *partner;
  auto token = config_json::ReadSecret(object, "auth_token", source, path);
  if (!token.ok()) return token.status();
  settings.auth_token = *std::move(token);
  if (object.HasMember("page_size")) {
    auto page_size =
        ReadInt(object, "page_size", 1, kMaxPageSize, source, path);
    if (!page_size.ok()) return page_size.status();
    settings.page_size = *page_size;
  }
  if (object.HasMember("enabled")) {
    auto enabled = ReadBool(object, "enabled", source, path);
    if (!enabled.ok()) return enabled.status();
    settings.enabled = *enabled;
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
  if (absl::Status proxy = ParseProxy(object, source, path, &settings);
      !proxy.ok()) {
    return proxy;
  }
  if (absl::Status upstream =
          ParseUpstreamOverrides(object, source, path, &settings);
      !upstream.ok()) {
    return upstream;
  }
  return settings;
}

absl::Status ParseConnections(const JsonValue& connections,
                              absl::string_view source, ServerConfig* config) {
  if (!connections.IsObject()) {
    return KeyError(source, "connections",
                    "must be an object keyed by connection name");
  }
  for (const auto& member : connections.GetObject()) {
    std::string name(member.name.GetString(), member.name.GetStringLength());
    if (name.empty()) {
      return KeyError(source, "connections",
                      "a connection name must not be empty");
    }
    if (config->connections.count(name) > 0) {
      return KeyError(source, absl::StrCat("connections.", name),
                      "is defined twice");
    }
    auto settings = ParseConnection(name, member.value, source);
    if (!settings.ok()) return settings.status();
    config->connections.emplace(name, *std::move(settings));
  }
  return absl::OkStatus();
}

// A readable file named by `object[key]`.
absl::StatusOr<std::string> ReadFileKey(const JsonValue& object,
                                        const char* key,
                                        absl::string_view source,
                                        absl::string_view path) {
  auto value = ReadString(object, key, source, path);
  if (!value.ok()) return value.status();
  if (value->empty()) {
    return KeyError(source, JoinPath(path, key), "must name a file");
  }
  auto file = config_json::ResolveConfiguredFile(*value);
  if (!file.ok()) {
    return KeyError(source, JoinPath(path, key), file.status().message());
  }
  auto contents = config_json::ReadFileText(*file);
  if (!contents.ok()) {
    return KeyError(source, JoinPath(path, key), contents.status().message());
  }
  return file;
}

absl::Status ParseTls(const JsonValue& object, absl::string_view source,
                      ServerTlsConfig* tls) {
  constexpr absl::string_view kPath = "tls";
  absl::Status unknown = RejectUnknownKeys(
      object, {"cert_file", "key_file", "client_ca_file"}, source, kPath);
  if (!unknown.ok()) return unknown;
  for (const char* required : {"cert_file", "key_file"}) {
    if (!object.HasMember(required)) {
      return KeyError(source, JoinPath(kPath, required),
                      "is required when \"tls\" is set");
    }
  }
  auto cert = ReadFileKey(object, "cert_file", source, kPath);
  if (!cert.ok()) return cert.status();
  tls->cert_file = *cert;
  auto key = ReadFileKey(object, "key_file", source, kPath);
  if (!key.ok()) return key.status();
  tls->key_file = *key;
  if (object.HasMember("client_ca_file")) {
    auto client_ca = ReadFileKey(object, "client_ca_file", source, kPath);
    if (!client_ca.ok()) return client_ca.status();
    tls->client_ca_file = *client_ca;
  }
  return absl::OkStatus();
}

// One token per line; blank lines and '#' comments are skipped.
std::vector<Secret> SplitTokenLines(absl::string_view text) {
  std::vector<Secret> tokens;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || absl::StartsWith(line, "#")) continue;
    tokens.emplace_back(std::string(line));
  }
  return tokens;
}

absl::Status ParseCallerAuth(const JsonValue& object, absl::string_view source,
                             CallerAuthConfig* auth) {
  constexpr absl::string_view kPath = "auth";
  absl::Status unknown = RejectUnknownKeys(
      object, {"bearer_tokens_file", "bearer_token_env"}, source, kPath);
  if (!unknown.ok()) return unknown;
  const bool has_file = object.HasMember("bearer_tokens_file");
  const bool has_env = object.HasMember("bearer_token_env");
  if (has_file == has_env) {
    return KeyError(source, "auth.bearer_tokens_file",
                    "set exactly one of bearer_tokens_file, bearer_token_env");
  }
  if (has_file) {
    auto value = ReadString(object, "bearer_tokens_file", source, kPath);
    if (!value.ok()) return value.status();
    auto file = config_json::ResolveConfiguredFile(*value);
    if (!file.ok()) {
      return KeyError(source, "auth.bearer_tokens_file",
                      file.status().message());
    }
    auto contents = config_json::ReadFileText(*file);
    if (!contents.ok()) {
      return KeyError(source, "auth.bearer_tokens_file",
                      contents.status().message());
    }
    auth->bearer_tokens = SplitTokenLines(*contents);
    if (auth->bearer_tokens.empty()) {
      return KeyError(source, "auth.bearer_tokens_file",
                      absl::StrCat("the file ", *file, " holds no token"));
    }
  } else {
    auto secret =
        config_json::ReadSecret(object, "bearer_token", source, kPath);
    if (!secret.ok()) return secret.status();
    auth->bearer_tokens.push_back(*std::move(secret));
  }
  for (const Secret& token : auth->bearer_tokens) {
    for (char c : token.Reveal()) {
      if (c < 0x21 || c > 0x7e) {
        return KeyError(
            source,
            has_file ? "auth.bearer_tokens_file" : "auth.bearer_token_env",
            "a token contains a space or a non-printable "
            "character");
      }
    }
  }
  return absl::OkStatus();
}

// metrics.bearer_token (inline, _env or _file), the token scrapes of
// /metrics must present; the rest of "metrics" is the observability
// parser's.
absl::Status ParseMetricsToken(const JsonValue& document,
                               absl::string_view source,
                               observability::MetricsConfig* metrics) {
  if (!document.HasMember("metrics")) return absl::OkStatus();
  const JsonValue& section = document["metrics"];
  if (!section.HasMember("bearer_token") &&
      !section.HasMember("bearer_token_env") &&
      !section.HasMember("bearer_token_file")) {
    return absl::OkStatus();
  }
  auto token =
      config_json::ReadSecret(section, "bearer_token", source, "metrics");
  if (!token.ok()) return token.status();
  if (metrics->listen_address.empty()) {
    return KeyError(source, "metrics.bearer_token",
                    "needs metrics.listen_address (there is no endpoint)");
  }
  metrics->bearer_token = token->Reveal();
  return absl::OkStatus();
}

// One integer setting of a section, and its range.
struct IntSetting {
  const char* key;
  int min_value;
  int max_value;
  int* out;
};

// A section made only of integer settings: unknown keys and values out of
// range are rejected naming "<path>.<key>".
absl::Status ParseIntSection(const JsonValue& object, absl::string_view source,
                             absl::string_view path,
                             absl::Span<const IntSetting> settings) {
  std::set<std::string> allowed;
  for (const IntSetting& setting : settings) allowed.insert(setting.key);
  absl::Status unknown = RejectUnknownKeys(object, allowed, source, path);
  if (!unknown.ok()) return unknown;
  for (const IntSetting& setting : settings) {
    if (!object.HasMember(setting.key)) continue;
    auto value = ReadInt(object, setting.key, setting.min_value,
                         setting.max_value, source, path);
    if (!value.ok()) return value.status();
    *setting.out = *value;
  }
  return absl::OkStatus();
}

absl::Status ParseKeepalive(const JsonValue& object, absl::string_view source,
                            KeepaliveConfig* keepalive) {
  const IntSetting kSettings[] = {
      {"time_seconds", 10, 3600, &keepalive->time_seconds},
      {"timeout_seconds", 1, 300, &keepalive->timeout_seconds},
      {"min_client_ping_interval_seconds", 1, 3600,
       &keepalive->min_client_ping_interval_seconds},
  };
  return ParseIntSection(object, source, "keepalive", kSettings);
}

absl::Status ParseLimits(const JsonValue& object, absl::string_view source,
                         LimitsConfig* limits) {
  const IntSetting kLimits[] = {
      {"max_receive_message_bytes", 64 << 10, 256 << 20,
       &limits->max_receive_message_bytes},
      {"max_send_message_bytes", 64 << 10, 256 << 20,
       &limits->max_send_message_bytes},
      {"max_field_bytes", 256, 1 << 20, &limits->max_field_bytes},
      {"max_csr_bytes", 4 << 10, 1 << 20, &limits->max_csr_bytes},
      {"max_repeated_entries", 10, 100000, &limits->max_repeated_entries},
      {"max_upstream_calls_per_connection", 1, 256,
       &limits->max_upstream_calls_per_connection},
      {"max_queued_calls", 1, 65536, &limits->max_queued_calls},
  };
  return ParseIntSection(object, source, "limits", kLimits);
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
      {"listen_address", "catalog_dir", "connections", "upstream_ca_file",
       "tls", "auth", "limits", "keepalive", "worker_threads",
       "shutdown_grace_seconds", "logging", "metrics"},
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
    auto dir = ReadString(document, "catalog_dir", source_name, "");
    if (!dir.ok()) return dir.status();
    config.catalog_dir = *dir;
  }
  if (document.HasMember("upstream_ca_file")) {
    auto ca_file = ReadString(document, "upstream_ca_file", source_name, "");
    if (!ca_file.ok()) return ca_file.status();
    config.upstream.ca_file = *ca_file;
  }
  if (document.HasMember("worker_threads")) {
    auto threads =
        ReadInt(document, "worker_threads", 1, 1024, source_name, "");
    if (!threads.ok()) return threads.status();
    config.worker_threads = *threads;
  }
  if (document.HasMember("shutdown_grace_seconds")) {
    auto grace =
        ReadInt(document, "shutdown_grace_seconds", 0, 60, source_name, "");
    if (!grace.ok()) return grace.status();
    config.shutdown_grace = absl::Seconds(*grace);
  }
  if (document.HasMember("connections")) {
    absl::Status parsed =
        ParseConnections(document["connections"], source_name, &config);
    if (!parsed.ok()) return parsed;
  }
  if (document.HasMember("keepalive")) {
    const JsonValue& keepalive = document["keepalive"];
    if (!keepalive.IsObject()) {
      return KeyError(source_name, "keepalive", "must be an object");
    }
    absl::Status parsed =
        ParseKeepalive(keepalive, source_name, &config.keepalive);
    if (!parsed.ok()) return parsed;
  }
  if (document.HasMember("tls")) {
    absl::Status parsed = ParseTls(document["tls"], source_name, &config.tls);
    if (!parsed.ok()) return parsed;
  }
  if (document.HasMember("auth")) {
    absl::Status parsed =
        ParseCallerAuth(document["auth"], source_name, &config.caller_auth);
    if (!parsed.ok()) return parsed;
  }
  if (document.HasMember("limits")) {
    absl::Status parsed =
        ParseLimits(document["limits"], source_name, &config.limits);
    if (!parsed.ok()) return parsed;
  }
  // "logging" and "metrics" (observability).
  if (absl::Status parsed = observability::ParseObservabilityConfig(
          document, "", &config.observability);
      !parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source_name, ": ", parsed.message()));
  }
  if (absl::Status parsed = ParseMetricsToken(document, source_name,
                                              &config.observability.metrics);
      !parsed.ok()) {
    return parsed;
  }
  config.upstream.max_connections_per_host =
      config.limits.max_upstream_calls_per_connection;
  return config;
}

absl::StatusOr<ServerConfig> LoadServerConfig(const std::string& path) {
  auto text = config_json::ReadFileText(path);
  if (!text.ok()) return text.status();
  return ParseServerConfig(*text, path);
}

}  // namespace sslstore::service
