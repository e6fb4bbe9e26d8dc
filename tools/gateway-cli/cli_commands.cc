#include "tools/gateway-cli/cli_commands.h"

#include <map>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "tools/gateway-cli/cli_options.h"
#include "tools/gateway-cli/commands.h"
#include "tools/gateway-cli/connector_client.h"
#include "tools/gateway-cli/error_json.h"
#include "tools/gateway-cli/exit_codes.h"

namespace sslstore::gateway::cli {
namespace {

using Command = absl::Status (*)(const CommandContext&);

// The subcommand named `name`, nullptr if none.
Command FindRunner(const std::string& name) {
  static const auto* kRunners = new std::map<std::string, Command>{
      {"products", RunProducts},
      {"product", RunProduct},
      {"annotations", RunAnnotations},
      {"validate", RunValidate},
      {"enroll", RunEnroll},
      {"record", RunRecord},
      {"sync", RunSync},
      {"revoke", RunRevoke},
      {"ping", RunPing},
  };
  auto it = kRunners->find(name);
  return it == kRunners->end() ? nullptr : it->second;
}

// The client of the connector of `options`; a usage error when a TLS or
// token file is unusable.
absl::StatusOr<std::unique_ptr<ConnectorClient>> Connect(
    const CliOptions& options) {
  absl::StatusOr<std::unique_ptr<ConnectorClient>> client =
      ConnectorClient::Create(options.connector, options.secrets);
  if (!client.ok()) return UsageError(client.status().message());
  return client;
}

// Reads the global flags, connects and runs the command.
absl::Status Run(const CliArgs& args, std::FILE* out, std::FILE* err) {
  const Command command = FindRunner(args.command);
  if (command == nullptr) {
    return UsageError(absl::StrCat("unknown command \"", args.command, "\""));
  }
  absl::StatusOr<CliOptions> options = OptionsFromFlags(args);
  if (!options.ok()) return options.status();
  absl::StatusOr<std::unique_ptr<ConnectorClient>> client = Connect(*options);
  if (!client.ok()) return client.status();
  return command(CommandContext{args, *options, **client, out, err});
}

}  // namespace

int RunCommand(const CliArgs& args, std::FILE* out, std::FILE* err) {
  const absl::Status status = Run(args, out, err);
  std::fflush(out);
  if (status.ok()) return kExitOk;
  if (!IsReported(status)) {
    if (args.Has("json")) {
      std::fprintf(out, "%s\n", ErrorJson(status).c_str());
      std::fflush(out);
    }
    std::fprintf(err, "sslstore-gateway: %s\n",
                 std::string(status.message()).c_str());
    if (ExitCodeFor(status) == kExitUsage) {
      std::fprintf(err, "Run 'sslstore-gateway %s --help' for usage.\n",
                   args.command.c_str());
    }
  }
  return ExitCodeFor(status);
}

}  // namespace sslstore::gateway::cli
