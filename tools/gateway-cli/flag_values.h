// Typed values of sslstore-gateway's flags: whole numbers in a range,
// NAME=VALUE pairs and the content of input files. Every failure is a usage
// error (exit 2) naming the flag.
#ifndef TOOLS_GATEWAY_CLI_FLAG_VALUES_H_
#define TOOLS_GATEWAY_CLI_FLAG_VALUES_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "tools/gateway-cli/cli_args.h"

namespace sslstore::gateway::cli {

// The whole number given to flag `name`, in [min, max]; `fallback` when the
// flag is absent.
absl::StatusOr<int64_t> IntegerFlag(const CliArgs& args, const char* name,
                                    int64_t min, int64_t max, int64_t fallback);

// `text` ("NAME=VALUE", a value of flag `flag`) split at the first '='; the
// name must not be empty.
absl::StatusOr<std::pair<std::string, std::string>> SplitPair(
    const char* flag, const std::string& text);

// Every --param NAME=VALUE, by name (a later value wins).
absl::StatusOr<std::map<std::string, std::string>> ParamFlags(
    const CliArgs& args);

// The content of file `path`, given to flag `flag`.
absl::StatusOr<std::string> ReadInputFile(const std::string& flag,
                                          const std::string& path);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_FLAG_VALUES_H_
