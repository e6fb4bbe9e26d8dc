#include "tools/gateway-adapter/adapter_settings.h"

#include <cmath>
#include <cstdint>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"

namespace sslstore::gateway {
namespace {

namespace v1 = sslstore::connector::v1;

// Collects values and the keys whose value has the wrong type.
class DictionaryReader {
 public:
  explicit DictionaryReader(const ConfigDictionary& dictionary)
      : dictionary_(dictionary) {}

  // The value as text; nullopt when absent or null.
  std::optional<std::string> Text(const char* key) {
    const ConfigValue* value = Find(key);
    if (value == nullptr) return std::nullopt;
    if (const auto* text = std::get_if<std::string>(value)) return *text;
    if (const auto* integer = std::get_if<int64_t>(value)) {
      return std::to_string(*integer);
    }
    if (const auto* flag = std::get_if<bool>(value)) {
      return *flag ? "true" : "false";
    }
    problems_.push_back(absl::StrCat(key, ": expected text"));
    return std::nullopt;
  }

  // The value as a whole number in [min, max]; nullopt when absent/invalid.
  std::optional<int64_t> Integer(const char* key, int64_t min, int64_t max) {
    const ConfigValue* value = Find(key);
    if (value == nullptr) return std::nullopt;
    std::optional<int64_t> number;
    if (const auto* integer = std::get_if<int64_t>(value)) {
      number = *integer;
    } else if (const auto* real = std::get_if<double>(value)) {
      if (std::isfinite(*real) && std::trunc(*real) == *real &&
          std::fabs(*real) < 1e15) {
        number = static_cast<int64_t>(*real);
      }
    } else if (const auto* text = std::get_if<std::string>(value)) {
      int64_t parsed = 0;
      if (absl::StripAsciiWhitespace(*text).empty()) return std::nullopt;
      if (absl::SimpleAtoi(*text, &parsed)) number = parsed;
    }
    if (!number.has_value() || *number < min || *number > max) {
      problems_.push_back(absl::StrCat(key, ": expected a whole number from ",
                                       min, " to ", max));
      return std::nullopt;
    }
    return number;
  }

  // The value as a boolean ("true"/"false" in any case also accepted).
  std::optional<bool> Boolean(const char* key) {
    const ConfigValue* value = Find(key);
    if (value == nullptr) return std::nullopt;
    if (const auto* flag = std::get_if<bool>(value)) return *flag;
    if (const auto* text = std::get_if<std::string>(value)) {
      const std::string lower =
          absl::AsciiStrToLower(absl::StripAsciiWhitespace(*text));
      if (lower.empty()) return std::nullopt;
      if (lower == "true") return true;
      if (lower == "false") return false;
    }
    if (const auto* integer = std::get_if<int64_t>(value)) {
      if (*integer == 0 || *integer == 1) return *integer == 1;
    }
    problems_.push_back(absl::StrCat(key, ": expected true or false"));
    return std::nullopt;
  }

  void AddProblem(std::string problem) {
    problems_.push_back(std::move(problem));
  }
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  const ConfigValue* Find(const char* key) const {
    auto it = dictionary_.find(key);
    if (it == dictionary_.end() ||
        std::holds_alternative<std::monostate>(it->second)) {
      return nullptr;
    }
    return &it->second;
  }

  const ConfigDictionary& dictionary_;
  std::vector<std::string> problems_;
};

// The AuthToken must be text; its value is never echoed.
std::optional<std::string> AuthTokenOf(const ConfigDictionary& dictionary,
                                       DictionaryReader& reader) {
  auto it = dictionary.find(kKeyAuthToken);
  if (it == dictionary.end()) return std::nullopt;
  if (const auto* text = std::get_if<std::string>(&it->second)) return *text;
  if (!std::holds_alternative<std::monostate>(it->second)) {
    reader.AddProblem(absl::StrCat(kKeyAuthToken, ": expected text"));
  }
  return std::nullopt;
}

}  // namespace

absl::StatusOr<AdapterSettings> ParseAdapterSettings(
    const ConfigDictionary& dictionary) {
  DictionaryReader reader(dictionary);
  AdapterSettings settings;

  const std::optional<std::string> name = reader.Text(kKeyConnectionName);
  v1::ConnectionConfig config;
  if (auto url = reader.Text(kKeySslStoreUrl)) config.set_sslstore_url(*url);
  if (auto code = reader.Text(kKeyPartnerCode)) config.set_partner_code(*code);
  if (auto token = AuthTokenOf(dictionary, reader)) {
    config.set_auth_token(*token);
  }
  if (auto size = reader.Integer(kKeyPageSize, 0, INT32_MAX)) {
    config.set_page_size(static_cast<int32_t>(*size));
  }
  if (auto enabled = reader.Boolean(kKeyEnabled)) config.set_enabled(*enabled);
  if (auto window = reader.Integer(kKeyRenewalWindow, 0, INT32_MAX)) {
    config.set_renewal_window_days(static_cast<int32_t>(*window));
  }
  if (name.has_value() && !absl::StripAsciiWhitespace(*name).empty()) {
    settings.connection.set_name(
        std::string(absl::StripAsciiWhitespace(*name)));
  } else {
    *settings.connection.mutable_inline_() = std::move(config);
  }

  ConnectorOptions& connector = settings.connector;
  if (auto address = reader.Text(kKeyConnectorAddress)) {
    const absl::string_view trimmed = absl::StripAsciiWhitespace(*address);
    if (!trimmed.empty()) connector.address = std::string(trimmed);
  }
  if (auto file = reader.Text(kKeyTlsCaFile)) connector.tls_ca_file = *file;
  if (auto file = reader.Text(kKeyTlsClientCertFile)) {
    connector.tls_client_cert_file = *file;
  }
  if (auto file = reader.Text(kKeyTlsClientKeyFile)) {
    connector.tls_client_key_file = *file;
  }
  if (auto server = reader.Text(kKeyTlsServerName)) {
    connector.tls_server_name = *server;
  }
  if (auto file = reader.Text(kKeyTokenFile)) connector.token_file = *file;
  if (auto seconds = reader.Integer(kKeyTimeoutSeconds, 1, 86400)) {
    connector.timeout = absl::Seconds(*seconds);
  }
  if (connector.tls_client_cert_file.empty() !=
      connector.tls_client_key_file.empty()) {
    reader.AddProblem(absl::StrCat(kKeyTlsClientCertFile, " and ",
                                   kKeyTlsClientKeyFile,
                                   ": give both or neither"));
  }
  if (!connector.tls_client_cert_file.empty() &&
      connector.tls_ca_file.empty()) {
    reader.AddProblem(absl::StrCat(kKeyTlsClientCertFile, ": mutual TLS needs ",
                                   kKeyTlsCaFile));
  }
  if (auto seconds = reader.Integer(kKeyEnrollWaitSeconds, 0, 3600)) {
    settings.enroll_wait = absl::Seconds(*seconds);
  }
  if (auto method = reader.Text(kKeyRevocationMethod)) {
    const std::string lower =
        absl::AsciiStrToLower(absl::StripAsciiWhitespace(*method));
    if (lower == "revoke") {
      settings.revocation_method = v1::REVOCATION_METHOD_REVOKE_REQUEST;
    } else if (lower != "refund" && !lower.empty()) {
      reader.AddProblem(
          absl::StrCat(kKeyRevocationMethod, ": expected refund or revoke"));
    }
  }
  if (auto attempts = reader.Integer(kKeySyncResumeAttempts, 0, 100)) {
    settings.sync_resume_attempts = static_cast<int>(*attempts);
  }
  if (!reader.problems().empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid CA connection settings:\n  ",
                     absl::StrJoin(reader.problems(), "\n  ")));
  }
  return settings;
}

std::string GatewayKeyForField(const std::string& field) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"sslstore_url", kKeySslStoreUrl},
      {"partner_code", kKeyPartnerCode},
      {"auth_token", kKeyAuthToken},
      {"page_size", kKeyPageSize},
      {"enabled", kKeyEnabled},
      {"renewal_window_days", kKeyRenewalWindow},
  };
  absl::string_view bare = field;
  absl::ConsumePrefix(&bare, "connection.inline.");
  absl::ConsumePrefix(&bare, "config.");
  for (const auto& [proto_name, key] : kNames) {
    if (bare == proto_name) return key;
  }
  return field;
}

std::map<std::string, PropertyConfigInfo> AdapterAnnotations() {
  auto text = [](std::string comments, std::string default_value) {
    PropertyConfigInfo info;
    info.comments = std::move(comments);
    info.type = "String";
    info.default_value = std::move(default_value);
    return info;
  };
  auto number = [](std::string comments, int64_t default_value) {
    PropertyConfigInfo info;
    info.comments = std::move(comments);
    info.type = "Number";
    info.default_value = default_value;
    return info;
  };
  std::map<std::string, PropertyConfigInfo> annotations;
  annotations[kKeyConnectorAddress] =
      text("host:port of the SSL Store connector", kDefaultConnectorAddress);
  annotations[kKeyTlsCaFile] = text(
      "PEM CA bundle that verifies the connector's TLS certificate; empty "
      "means plaintext (loopback only)",
      "");
  annotations[kKeyTlsClientCertFile] =
      text("PEM client certificate for mutual TLS with the connector", "");
  annotations[kKeyTlsClientKeyFile] =
      text("PEM private key of the client certificate", "");
  annotations[kKeyTlsServerName] = text(
      "Name expected in the connector's certificate, when it differs from "
      "the host of ConnectorAddress",
      "");
  annotations[kKeyTokenFile] = text(
      "File holding the bearer token the connector requires (sent as "
      "'authorization: Bearer <token>')",
      "");
  annotations[kKeyTimeoutSeconds] =
      number("Deadline of each call to the connector, in seconds", 60);
  annotations[kKeyConnectionName] = text(
      "Use this connection of the connector's own configuration instead of "
      "the SSL Store fields above; empty means the fields above",
      "");
  annotations[kKeyEnrollWaitSeconds] = number(
      "How long an enrollment waits for issuance before returning "
      "EXTERNALVALIDATION, in seconds",
      10);
  annotations[kKeyRevocationMethod] = text(
      "refund (refund request, the default) or revoke (certificate revoke "
      "request)",
      "refund");
  annotations[kKeySyncResumeAttempts] = number(
      "How many times an interrupted synchronization continues where it "
      "stopped",
      3);
  return annotations;
}

}  // namespace sslstore::gateway
