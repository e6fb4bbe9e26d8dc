// Command-line parsing of sslstore-gateway: a subcommand, its positional
// arguments and flags ("--name=value", "--name value", "--switch"; '-' and
// '_' are interchangeable in names), checked against the flag tables of the
// global options and of the subcommand, plus the help texts built from them.
#ifndef TOOLS_GATEWAY_CLI_CLI_ARGS_H_
#define TOOLS_GATEWAY_CLI_CLI_ARGS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace sslstore::gateway::cli {

// One flag of a table.
struct FlagSpec {
  const char* name;        // with '_' separators, e.g. "tls_ca_file"
  const char* value_name;  // nullptr for a switch without a value
  const char* help;
  bool repeatable = false;
};

// One subcommand.
struct CommandSpec {
  const char* name;
  const char* arguments;  // positional arguments for the usage line
  int positional_count;   // exactly this many positional arguments
  const char* summary;
  std::vector<FlagSpec> flags;
};

// The global flags (connector address, TLS, token, connection).
const std::vector<FlagSpec>& GlobalFlags();
// Every subcommand.
const std::vector<CommandSpec>& Commands();
// The subcommand named `name`, nullptr if none.
const CommandSpec* FindCommand(const std::string& name);

// A parsed command line.
struct CliArgs {
  std::string command;  // empty when none was given
  std::vector<std::string> positional;
  // Flag values by flag name ('_' separators); a switch maps to {"true"}.
  std::map<std::string, std::vector<std::string>> flags;
  bool help = false;  // --help / -h anywhere

  // The last value of `name`, nullopt when absent.
  std::optional<std::string> Get(const std::string& name) const;
  // Every value of a repeatable flag.
  std::vector<std::string> GetAll(const std::string& name) const;
  // True when the switch `name` is present.
  bool Has(const std::string& name) const { return flags.count(name) > 0; }
};

// Parses argv[1..]. INVALID_ARGUMENT (a usage error) for an unknown
// subcommand or flag, a missing value, a value on a switch, a repeated
// non-repeatable flag or a wrong number of positional arguments (not
// checked when help is asked for).
absl::StatusOr<CliArgs> ParseArgs(const std::vector<std::string>& args);

// True when `args` (argv[1..]) holds --json before any "--": whether a
// command line that does not parse still wants its error as JSON.
bool AsksForJson(const std::vector<std::string>& args);

// The tool's help: commands, global flags, exit codes.
std::string MainHelp();
// The help of one subcommand.
std::string CommandHelp(const CommandSpec& command);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_CLI_ARGS_H_
