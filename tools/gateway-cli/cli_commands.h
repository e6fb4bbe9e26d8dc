// Runs a parsed sslstore-gateway command line: reads the global flags,
// connects to the connector, runs the subcommand and turns its outcome into
// an error message and the exit code.
#ifndef TOOLS_GATEWAY_CLI_CLI_COMMANDS_H_
#define TOOLS_GATEWAY_CLI_CLI_COMMANDS_H_

#include <cstdio>

#include "tools/gateway-cli/cli_args.h"

namespace sslstore::gateway::cli {

// Runs the parsed command line `args` (a command is set and help is not
// asked for), printing results to `out` and errors to `err` (with --json
// also to `out`, as ErrorJson). Returns the exit code.
int RunCommand(const CliArgs& args, std::FILE* out, std::FILE* err);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_CLI_COMMANDS_H_
