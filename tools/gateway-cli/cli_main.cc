// sslstore-gateway: the AnyCA Gateway calls of the SSL Store connector, made
// from a shell through its gRPC API. Run `sslstore-gateway --help` for
// commands, flags and exit codes.
#include <cstdio>
#include <string>
#include <vector>

#include "tools/gateway-cli/cli_args.h"
#include "tools/gateway-cli/cli_commands.h"
#include "tools/gateway-cli/error_json.h"
#include "tools/gateway-cli/exit_codes.h"
#include "version/version.h"

int main(int argc, char** argv) {
  namespace cli = sslstore::gateway::cli;
  if (sslstore::version::PrintVersionIfAsked(argc, argv, "sslstore-gateway")) {
    return cli::kExitOk;
  }
  const std::vector<std::string> args(argv + 1, argv + argc);
  absl::StatusOr<cli::CliArgs> parsed = cli::ParseArgs(args);
  if (!parsed.ok()) {
    if (cli::AsksForJson(args)) {
      std::printf(
          "%s\n",
          cli::ErrorJson(cli::UsageError(parsed.status().message())).c_str());
    }
    std::fprintf(stderr,
                 "sslstore-gateway: %s\nRun 'sslstore-gateway --help' "
                 "for usage.\n",
                 std::string(parsed.status().message()).c_str());
    return cli::kExitUsage;
  }
  if (parsed->help) {
    const cli::CommandSpec* command = cli::FindCommand(parsed->command);
    std::fputs(command == nullptr ? cli::MainHelp().c_str()
                                  : cli::CommandHelp(*command).c_str(),
               stdout);
    return cli::kExitOk;
  }
  if (parsed->command.empty()) {
    std::fprintf(stderr, "sslstore-gateway: no command given\n%s",
                 cli::MainHelp().c_str());
    return cli::kExitUsage;
  }
  return cli::RunCommand(*parsed, stdout, stderr);
}
