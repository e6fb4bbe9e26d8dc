// The subcommands of sslstore-gateway. Each checks its own flags, makes its
// calls to the connector and prints the outcome to `out`; a failure comes
// back as the status that sets the exit code (see exit_codes.h).
#ifndef TOOLS_GATEWAY_CLI_COMMANDS_H_
#define TOOLS_GATEWAY_CLI_COMMANDS_H_

#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "tools/gateway-cli/cli_args.h"
#include "tools/gateway-cli/cli_options.h"
#include "tools/gateway-cli/connector_client.h"

namespace sslstore::gateway::cli {

// What a command works with.
struct CommandContext {
  const CliArgs& args;
  const CliOptions& options;
  ConnectorClient& client;
  std::FILE* out;
  std::FILE* err;
};

// Prints `text`, ending it with a newline when it has none.
void Print(std::FILE* out, const std::string& text);

// products [--long]: the product ids, or one ProductLine each.
absl::Status RunProducts(const CommandContext& context);
// product ID: ProductText.
absl::Status RunProduct(const CommandContext& context);
// annotations [--template]: the connector's connection annotations, or its
// template parameter annotations, as the connector returns them;
// AnnotationLine each, by name.
absl::Status RunAnnotations(const CommandContext& context);
// validate [--product=ID --param ...]: the connection (a ping of a named
// one), then the product's parameters.
absl::Status RunValidate(const CommandContext& context);
// enroll: see EnrollRequestFromFlags; a rejected request is printed as a
// FAILED enrollment.
absl::Status RunEnroll(const CommandContext& context);
// record ID [--json] [--out=FILE].
absl::Status RunRecord(const CommandContext& context);
// sync [--full | --since=T] [--resume_token=T] [--json] [--certificates]
// [--resume_attempts=N]: progress on `err`; Ctrl-C stops it (exit 130) and
// a sync whose orders failed exits 6, the resume token on `err` when the
// sync did not end.
absl::Status RunSync(const CommandContext& context);
// revoke ID [--serial=HEX] [--reason=N] [--method=refund|revoke]: fails
// (exit 3) unless SSL Store confirms the revocation.
absl::Status RunRevoke(const CommandContext& context);
// ping: SSL Store through the connector.
absl::Status RunPing(const CommandContext& context);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_COMMANDS_H_
