#include "tools/gateway-cli/flag_values.h"

#include <fstream>
#include <optional>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tools/gateway-cli/exit_codes.h"

namespace sslstore::gateway::cli {

absl::StatusOr<int64_t> IntegerFlag(const CliArgs& args, const char* name,
                                    int64_t min, int64_t max,
                                    int64_t fallback) {
  std::optional<std::string> text = args.Get(name);
  if (!text.has_value()) return fallback;
  int64_t value = 0;
  if (!absl::SimpleAtoi(*text, &value) || value < min || value > max) {
    return UsageError(absl::StrCat("--", name,
                                   ": expected a whole number from ", min,
                                   " to ", max, ", got \"", *text, "\""));
  }
  return value;
}

absl::StatusOr<std::pair<std::string, std::string>> SplitPair(
    const char* flag, const std::string& text) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    return UsageError(
        absl::StrCat("--", flag, ": expected NAME=VALUE, got \"", text, "\""));
  }
  return std::make_pair(text.substr(0, eq), text.substr(eq + 1));
}

absl::StatusOr<std::map<std::string, std::string>> ParamFlags(
    const CliArgs& args) {
  std::map<std::string, std::string> parameters;
  for (const std::string& text : args.GetAll("param")) {
    absl::StatusOr<std::pair<std::string, std::string>> pair =
        SplitPair("param", text);
    if (!pair.ok()) return pair.status();
    parameters[pair->first] = pair->second;
  }
  return parameters;
}

absl::StatusOr<std::string> ReadInputFile(const std::string& flag,
                                          const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return UsageError(absl::StrCat("--", flag, ": cannot read \"", path, "\""));
  }
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace sslstore::gateway::cli
