// The global flags of sslstore-gateway read into what every command needs:
// how to reach the connector and which of its connections to use.
#ifndef TOOLS_GATEWAY_CLI_CLI_OPTIONS_H_
#define TOOLS_GATEWAY_CLI_CLI_OPTIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sslstore/connector/v1/connection.pb.h"
#include "tools/gateway-cli/cli_args.h"
#include "tools/gateway-cli/connector_client.h"

namespace sslstore::gateway::cli {

// The environment variables standing in for --connector and --token_file
// when the flag is not given.
inline constexpr char kConnectorAddressEnv[] = "SSLSTORE_CONNECTOR_ADDRESS";
inline constexpr char kConnectorTokenFileEnv[] =
    "SSLSTORE_CONNECTOR_TOKEN_FILE";

// The global flags, checked.
struct CliOptions {
  // --connector (or SSLSTORE_CONNECTOR_ADDRESS), --tls_*, --token_file (or
  // SSLSTORE_CONNECTOR_TOKEN_FILE), --timeout.
  ConnectorOptions connector;
  // --connection NAME (default "default"), or the inline connection of
  // --sslstore_url, --partner_code, --auth_token_file (or
  // SSLSTORE_AUTH_TOKEN), --page_size, --renewal_window.
  sslstore::connector::v1::ConnectionRef connection;
  // Text never to show (the inline connection's auth token).
  std::vector<std::string> secrets;
};

// Reads the global flags of `args`. Usage errors (exit 2): a bad --timeout,
// --page_size or --renewal_window, a client certificate without its key or
// --tls_ca_file, inline-connection flags without --sslstore_url, both
// --connection and --sslstore_url, an unreadable --auth_token_file.
absl::StatusOr<CliOptions> OptionsFromFlags(const CliArgs& args);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_CLI_OPTIONS_H_
