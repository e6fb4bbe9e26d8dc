#include "tools/gateway-cli/cli_options.h"

#include <cstdlib>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "tools/gateway-cli/exit_codes.h"
#include "tools/gateway-cli/flag_values.h"

namespace sslstore::gateway::cli {
namespace {

namespace v1 = sslstore::connector::v1;

// The value of flag `flag`, else of the environment variable `env`, else
// empty.
std::string FlagOrEnv(const CliArgs& args, const char* flag, const char* env) {
  if (std::optional<std::string> value = args.Get(flag)) return *value;
  const char* from_env = std::getenv(env);
  return from_env == nullptr ? std::string() : std::string(from_env);
}

// --connector, --tls_*, --token_file and --timeout.
absl::StatusOr<ConnectorOptions> ConnectorFromFlags(const CliArgs& args) {
  ConnectorOptions connector;
  const std::string address(absl::StripAsciiWhitespace(
      FlagOrEnv(args, "connector", kConnectorAddressEnv)));
  if (!address.empty()) connector.address = address;
  connector.tls_ca_file = args.Get("tls_ca_file").value_or("");
  connector.tls_client_cert_file = args.Get("tls_cert_file").value_or("");
  connector.tls_client_key_file = args.Get("tls_key_file").value_or("");
  connector.tls_server_name = args.Get("tls_server_name").value_or("");
  connector.token_file = FlagOrEnv(args, "token_file", kConnectorTokenFileEnv);
  absl::StatusOr<int64_t> timeout = IntegerFlag(args, "timeout", 1, 86400, 60);
  if (!timeout.ok()) return timeout.status();
  connector.timeout = absl::Seconds(*timeout);
  if ((args.Has("tls_cert_file") || args.Has("tls_key_file")) &&
      !(args.Has("tls_cert_file") && args.Has("tls_key_file") &&
        args.Has("tls_ca_file"))) {
    return UsageError(
        "mutual TLS needs --tls_cert_file, --tls_key_file and --tls_ca_file");
  }
  return connector;
}

// The inline connection's auth token: --auth_token_file, else
// SSLSTORE_AUTH_TOKEN, else none.
absl::StatusOr<std::optional<std::string>> AuthToken(const CliArgs& args) {
  if (auto file = args.Get("auth_token_file")) {
    absl::StatusOr<std::string> token = ReadInputFile("auth_token_file", *file);
    if (!token.ok()) return token.status();
    return std::string(absl::StripAsciiWhitespace(*token));
  }
  if (const char* env = std::getenv("SSLSTORE_AUTH_TOKEN")) {
    return std::string(env);
  }
  return std::nullopt;
}

// The connection of --sslstore_url and its companion flags.
absl::StatusOr<v1::ConnectionConfig> InlineFromFlags(const CliArgs& args) {
  v1::ConnectionConfig config;
  config.set_sslstore_url(*args.Get("sslstore_url"));
  if (auto code = args.Get("partner_code")) config.set_partner_code(*code);
  absl::StatusOr<std::optional<std::string>> token = AuthToken(args);
  if (!token.ok()) return token.status();
  if (token->has_value()) config.set_auth_token(**token);
  absl::StatusOr<int64_t> page_size =
      IntegerFlag(args, "page_size", 0, 100000, 0);
  if (!page_size.ok()) return page_size.status();
  if (args.Has("page_size")) {
    config.set_page_size(static_cast<int32_t>(*page_size));
  }
  absl::StatusOr<int64_t> window =
      IntegerFlag(args, "renewal_window", 0, 100000, 0);
  if (!window.ok()) return window.status();
  if (args.Has("renewal_window")) {
    config.set_renewal_window_days(static_cast<int32_t>(*window));
  }
  return config;
}

// --connection, or the inline connection.
absl::StatusOr<v1::ConnectionRef> ConnectionFromFlags(const CliArgs& args) {
  const bool inline_connection = args.Has("sslstore_url");
  for (const char* flag :
       {"partner_code", "auth_token_file", "page_size", "renewal_window"}) {
    if (args.Has(flag) && !inline_connection) {
      return UsageError(absl::StrCat(
          "--", flag, " describes an inline connection: add --sslstore_url"));
    }
  }
  v1::ConnectionRef connection;
  if (!inline_connection) {
    const std::string name(
        absl::StripAsciiWhitespace(args.Get("connection").value_or("default")));
    // A blank name leaves an empty inline connection for the connector to
    // reject.
    if (name.empty()) {
      connection.mutable_inline_();
    } else {
      connection.set_name(name);
    }
    return connection;
  }
  if (args.Has("connection")) {
    return UsageError("give either --connection or --sslstore_url, not both");
  }
  absl::StatusOr<v1::ConnectionConfig> config = InlineFromFlags(args);
  if (!config.ok()) return config.status();
  *connection.mutable_inline_() = *std::move(config);
  return connection;
}

}  // namespace

absl::StatusOr<CliOptions> OptionsFromFlags(const CliArgs& args) {
  absl::StatusOr<ConnectorOptions> connector = ConnectorFromFlags(args);
  if (!connector.ok()) return connector.status();
  absl::StatusOr<v1::ConnectionRef> connection = ConnectionFromFlags(args);
  if (!connection.ok()) return connection.status();
  CliOptions options;
  options.connector = *std::move(connector);
  options.connection = *std::move(connection);
  if (options.connection.has_inline_()) {
    options.secrets.push_back(options.connection.inline_().auth_token());
  }
  return options;
}

}  // namespace sslstore::gateway::cli
