// The subcommands of sslstore-gateway, each a thin caller of GatewayAdapter,
// and the mapping of their outcome to the exit code.
#ifndef TOOLS_GATEWAY_CLI_CLI_COMMANDS_H_
#define TOOLS_GATEWAY_CLI_CLI_COMMANDS_H_

#include <cstdio>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "tools/gateway-cli/cli_args.h"

namespace sslstore::gateway::cli {

// Exit codes (documented in MainHelp()).
inline constexpr int kExitOk = 0;
inline constexpr int kExitOther = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInvalid = 3;
inline constexpr int kExitNotFound = 4;
inline constexpr int kExitUnavailable = 5;

// A usage error: a bad flag value or an unreadable input file (exit 2).
absl::Status UsageError(absl::string_view message);

// The exit code for a failed (or OK) command outcome: usage errors 2,
// INVALID_ARGUMENT/FAILED_PRECONDITION 3, NOT_FOUND 4,
// UNAVAILABLE/DEADLINE_EXCEEDED 5, anything else 1.
int ExitCodeFor(const absl::Status& status);

// Runs the parsed command line `args` (a command is set and help is not
// asked for), printing results to `out` and errors to `err`. Returns the
// exit code.
int RunCommand(const CliArgs& args, std::FILE* out, std::FILE* err);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_CLI_COMMANDS_H_
