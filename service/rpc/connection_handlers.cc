#include "service/rpc/connection_handlers.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "proto/time/proto_time.h"
#include "service/config/connection_validation.h"
#include "service/upstream/upstream_connection.h"
#include "sslstore_client/errors.h"

namespace sslstore::service {
namespace {

namespace v1 = sslstore::connector::v1;

// One authenticated health call; its latency on success.
absl::StatusOr<absl::Duration> CheckCredentials(CallScope& scope,
                                                client::Wbapi& client) {
  const absl::Time start = absl::Now();
  absl::StatusOr<client::HealthResponse> health =
      scope.Await<client::HealthResponse>("health/validate", [&](auto done) {
        return client.HealthValidate(std::move(done));
      });
  if (!health.ok()) return health.status();
  return absl::Now() - start;
}

}  // namespace

absl::Status HandlePing(ServiceDeps& deps, CallScope& scope,
                        const v1::PingRequest& request,
                        v1::PingResponse* response) {
  absl::StatusOr<ConnectionSettings> settings =
      deps.connections.Resolve(request.connection());
  if (!settings.ok()) return settings.status();
  response->set_connection_name(settings->name);
  if (!settings->enabled) {
    response->set_reachable(false);
    response->set_remote_checked(false);
    response->set_message(
        absl::StrCat("connection \"", settings->name,
                     "\" is disabled; SSL Store was not contacted"));
    return absl::OkStatus();
  }
  absl::StatusOr<UpstreamConnection> upstream =
      OpenUpstream(deps, request.connection());
  if (!upstream.ok()) return upstream.status();
  absl::StatusOr<absl::Duration> latency =
      CheckCredentials(scope, *upstream->client);
  if (!latency.ok()) return latency.status();
  response->set_reachable(true);
  response->set_remote_checked(true);
  *response->mutable_latency() = proto_time::ToProtoDuration(*latency);
  response->set_message(absl::StrCat("SSL Store accepted the credentials in ",
                                     absl::FormatDuration(*latency)));
  return absl::OkStatus();
}

absl::Status HandleValidateConnection(
    ServiceDeps& deps, CallScope& scope,
    const v1::ValidateConnectionRequest& request,
    v1::ValidateConnectionResponse* response) {
  std::vector<catalog::FieldViolation> problems =
      ValidateConnectionConfig(request.config());
  const bool enabled =
      !request.config().has_enabled() || request.config().enabled();
  std::string message;
  if (!problems.empty()) {
    message = "the configuration has problems; SSL Store was not contacted";
  } else if (!enabled) {
    message =
        "the connection is disabled; the credentials were not checked with "
        "SSL Store";
  } else {
    const ConnectionSettings settings =
        SettingsFromInlineConfig(request.config());
    // A client of its own: a configuration under test is not cached.
    absl::StatusOr<std::unique_ptr<client::Wbapi>> client =
        deps.connections.CreateClient(settings);
    if (!client.ok()) {
      problems.push_back(
          {"sslstore_url", std::string(client.status().message())});
    } else {
      absl::StatusOr<absl::Duration> latency =
          CheckCredentials(scope, **client);
      response->set_credentials_checked(true);
      if (latency.ok()) {
        message = absl::StrCat("SSL Store accepted the credentials in ",
                               absl::FormatDuration(*latency));
      } else {
        std::optional<client::ErrorInfo> info =
            client::GetErrorInfo(latency.status());
        const bool rejected = info.has_value() &&
                              info->kind == client::ErrorKind::kAuthentication;
        if (!rejected && !info.has_value()) return latency.status();
        problems.push_back(
            {rejected ? "auth_token" : "sslstore_url",
             rejected ? absl::StrCat("SSL Store rejected the partner code and "
                                     "token: ",
                                     latency.status().message())
                      : absl::StrCat("SSL Store could not be reached: ",
                                     latency.status().message())});
      }
    }
  }
  response->set_valid(problems.empty());
  for (const catalog::FieldViolation& problem : problems) {
    v1::FieldViolation* entry = response->add_violations();
    entry->set_field(problem.field);
    entry->set_description(problem.description);
  }
  if (message.empty()) message = "the connection has problems";
  response->set_message(message);
  return absl::OkStatus();
}

}  // namespace sslstore::service
