#include "service/upstream/connection_registry.h"

#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "openssl/sha.h"
#include "service/config/connection_validation.h"
#include "service/server/error_reason.h"
#include "service/server/grpc_status.h"
#include "sslstore_client/sslstore_client.h"

namespace sslstore::service {
namespace {

namespace v1 = sslstore::connector::v1;

// A cache key that identifies a connection without containing its token.
// The connection's transport overrides, as part of a client's key.
std::string TuningKey(const ConnectionSettings& settings) {
  auto seconds = [](const std::optional<absl::Duration>& d) {
    return d.has_value() ? absl::StrCat(absl::ToInt64Seconds(*d)) : "-";
  };
  return absl::StrCat(seconds(settings.connect_timeout), ",",
                      seconds(settings.call_timeout), ",",
                      seconds(settings.order_call_timeout), ",",
                      settings.retry_attempts.value_or(-1));
}

std::string ClientKey(const ConnectionSettings& settings) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  const std::string secrets = absl::StrCat(settings.auth_token.Reveal(), "|",
                                           settings.proxy_password.Reveal());
  SHA256(reinterpret_cast<const unsigned char*>(secrets.data()), secrets.size(),
         digest);
  return absl::StrCat(
      settings.name, "|", settings.sslstore_url, "|", settings.partner_code,
      "|", settings.ca_file, "|", settings.proxy_url, "|", TuningKey(settings),
      "|", absl::string_view(reinterpret_cast<char*>(digest), sizeof(digest)));
}

}  // namespace

WbapiFactory RealWbapiFactory() {
  return [](const client::ClientOptions& options, const ConnectionSettings&)
             -> absl::StatusOr<std::unique_ptr<client::Wbapi>> {
    absl::StatusOr<std::unique_ptr<client::SslStoreClient>> created =
        client::SslStoreClient::Create(options);
    if (!created.ok()) return created.status();
    return std::unique_ptr<client::Wbapi>(*std::move(created));
  };
}

ConnectionRegistry::ConnectionRegistry(
    std::map<std::string, ConnectionSettings> named,
    client::ClientOptions client_template, WbapiFactory factory)
    : client_template_(std::move(client_template)),
      factory_(factory != nullptr ? std::move(factory) : RealWbapiFactory()),
      named_(std::move(named)) {}

void ConnectionRegistry::ReplaceNamed(
    std::map<std::string, ConnectionSettings> named) {
  std::set<std::string> kept_keys;
  for (const auto& [name, settings] : named) {
    kept_keys.insert(ClientKey(settings));
  }
  // Destroyed after the lock is released: a client may take a while to stop.
  std::vector<std::shared_ptr<client::Wbapi>> released;
  absl::MutexLock lock(&mutex_);
  for (const auto& [name, settings] : named_) {
    const std::string key = ClientKey(settings);
    if (kept_keys.count(key) > 0) continue;
    auto found = clients_.find(key);
    if (found == clients_.end()) continue;
    released.push_back(std::move(found->second));
    clients_.erase(found);
  }
  named_ = std::move(named);
}

absl::StatusOr<ConnectionSettings> ConnectionRegistry::Resolve(
    const v1::ConnectionRef& ref) const {
  if (ref.has_inline_()) {
    std::vector<catalog::FieldViolation> problems =
        ValidateConnectionConfig(ref.inline_());
    if (!problems.empty()) {
      for (catalog::FieldViolation& problem : problems) {
        problem.field = absl::StrCat("connection.inline.", problem.field);
      }
      return InvalidArgumentStatus("invalid inline connection", problems);
    }
    return SettingsFromInlineConfig(ref.inline_());
  }
  const std::string name =
      ref.name().empty() ? std::string(kDefaultConnectionName) : ref.name();
  absl::MutexLock lock(&mutex_);
  auto found = named_.find(name);
  if (found == named_.end()) {
    return WithReason(
        absl::NotFoundError(absl::StrCat(
            "connection.name: no connection named \"", name, "\" is configured",
            named_.empty() ? " (the server has none)" : "")),
        v1::CONNECTION_NOT_FOUND);
  }
  return found->second;
}

client::ClientOptions ConnectionRegistry::ClientOptionsFor(
    const ConnectionSettings& settings) const {
  client::ClientOptions options = client_template_;
  options.base_url = settings.sslstore_url;
  options.partner_code = settings.partner_code;
  options.auth_token = settings.auth_token.Reveal();
  // A connection's own CA file wins; the template's (the server-wide
  // upstream_ca_file) serves inline connections, which cannot name one.
  if (!settings.ca_file.empty()) options.ca_file = settings.ca_file;
  // Likewise the proxy: an inline connection keeps the template's
  // (the environment's https_proxy and no_proxy).
  if (!settings.proxy_url.empty()) {
    options.proxy.url = settings.proxy_url;
    options.proxy.password = settings.proxy_password.Reveal();
  }
  if (settings.connect_timeout.has_value()) {
    options.connect_timeout = *settings.connect_timeout;
  }
  if (settings.call_timeout.has_value()) {
    options.request_timeout = *settings.call_timeout;
  }
  if (settings.order_call_timeout.has_value()) {
    options.order_request_timeout = *settings.order_call_timeout;
  }
  if (settings.retry_attempts.has_value()) {
    options.retry.max_retries = *settings.retry_attempts;
  }
  return options;
}

absl::StatusOr<std::shared_ptr<client::Wbapi>> ConnectionRegistry::ClientFor(
    const ConnectionSettings& settings) {
  const std::string key = ClientKey(settings);
  absl::MutexLock lock(&mutex_);
  auto found = clients_.find(key);
  if (found != clients_.end()) return found->second;
  if (clients_.size() >= named_.size() + kMaxInlineConnections) {
    return absl::ResourceExhaustedError(
        absl::StrCat("too many distinct inline connections (at most ",
                     kMaxInlineConnections, "); configure them by name"));
  }
  absl::StatusOr<std::unique_ptr<client::Wbapi>> created =
      CreateClient(settings);
  if (!created.ok()) {
    return absl::Status(created.status().code(),
                        absl::StrCat("connection \"", settings.name,
                                     "\": ", created.status().message()));
  }
  std::shared_ptr<client::Wbapi> shared = *std::move(created);
  clients_.emplace(key, shared);
  return shared;
}

absl::StatusOr<std::unique_ptr<client::Wbapi>> ConnectionRegistry::CreateClient(
    const ConnectionSettings& settings) const {
  return factory_(ClientOptionsFor(settings), settings);
}

absl::Status RequireEnabled(const ConnectionSettings& settings) {
  if (settings.enabled) return absl::OkStatus();
  return WithReason(
      absl::FailedPreconditionError(
          absl::StrCat("connection \"", settings.name,
                       "\" is disabled (enabled: false); enable it to use it")),
      sslstore::connector::v1::CONNECTION_DISABLED);
}

}  // namespace sslstore::service
