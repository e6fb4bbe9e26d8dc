#include "tools/gateway-cli/cli_args.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace sslstore::gateway::cli {
namespace {

const FlagSpec* FindFlag(const std::vector<FlagSpec>& flags,
                         const std::string& name) {
  for (const FlagSpec& flag : flags) {
    if (name == flag.name) return &flag;
  }
  return nullptr;
}

void AppendFlags(const std::vector<FlagSpec>& flags, std::string* text) {
  for (const FlagSpec& flag : flags) {
    std::string left = absl::StrCat("  --", flag.name);
    if (flag.value_name != nullptr)
      absl::StrAppend(&left, "=", flag.value_name);
    if (flag.repeatable) absl::StrAppend(&left, " ...");
    if (left.size() < 30)
      left.resize(30, ' ');
    else
      absl::StrAppend(&left, "\n", std::string(30, ' '));
    absl::StrAppend(text, left, flag.help, "\n");
  }
}

// Parses the flag args[i] ("--name=value", "--name value" or "--switch")
// of `command` (nullptr before the command) into `parsed`; advances `i`
// past a separate value.
absl::Status ParseFlag(const std::vector<std::string>& args,
                       const CommandSpec* command, size_t& i, CliArgs& parsed) {
  const std::string& arg = args[i];
  if (arg[1] != '-') {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown flag \"", arg, "\""));
  }
  std::string name = arg.substr(2);
  std::optional<std::string> value;
  if (size_t eq = name.find('='); eq != std::string::npos) {
    value = name.substr(eq + 1);
    name = name.substr(0, eq);
  }
  name = absl::StrReplaceAll(name, {{"-", "_"}});
  const FlagSpec* flag = FindFlag(GlobalFlags(), name);
  if (flag == nullptr && command != nullptr) {
    flag = FindFlag(command->flags, name);
  }
  if (flag == nullptr) {
    return absl::InvalidArgumentError(
        command == nullptr ? absl::StrCat("unknown flag \"--", name, "\"")
                           : absl::StrCat("unknown flag \"--", name,
                                          "\" for command ", command->name));
  }
  if (name == "help") {
    parsed.help = true;
    return absl::OkStatus();
  }
  if (flag->value_name == nullptr) {
    if (value.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " takes no value"));
    }
    value = "true";
  } else if (!value.has_value()) {
    if (i + 1 >= args.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, " needs a value (", flag->value_name, ")"));
    }
    value = args[++i];
  }
  std::vector<std::string>& values = parsed.flags[name];
  if (!values.empty() && !flag->repeatable) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, " given more than once"));
  }
  values.push_back(*value);
  return absl::OkStatus();
}

constexpr char kExitCodes[] =
    "Exit codes:\n"
    "  0  success (an enrollment awaiting validation included)\n"
    "  1  other error (e.g. the connector refused the bearer token)\n"
    "  2  usage error: unknown command or flag, bad flag value, unreadable "
    "input file\n"
    "  3  invalid request: the connector or SSL Store rejected it "
    "(INVALID_ARGUMENT,\n"
    "     FAILED_PRECONDITION, a FAILED enrollment or revocation)\n"
    "  4  not found (unknown product, order or connection)\n"
    "  5  the connector or SSL Store is unavailable or did not answer in "
    "time\n"
    "  6  sync: the sync ran to its end but SSL Store failed some orders "
    "(listed\n"
    "     as skipped; the next sync fetches them again)\n"
    "  130  sync: interrupted by Ctrl-C (SIGINT); the resume token is on "
    "stderr\n";

constexpr char kEnvironment[] =
    "Environment (a flag wins over its variable):\n"
    "  SSLSTORE_CONNECTOR_ADDRESS     --connector\n"
    "  SSLSTORE_CONNECTOR_TOKEN_FILE  --token_file\n"
    "  SSLSTORE_AUTH_TOKEN            inline connection: the auth token, "
    "unless\n"
    "                                 --auth_token_file is given\n";

}  // namespace

const std::vector<FlagSpec>& GlobalFlags() {
  static const std::vector<FlagSpec> kFlags = {
      {"connector", "HOST:PORT",
       "address of the SSL Store connector (default "
       "$SSLSTORE_CONNECTOR_ADDRESS, else 127.0.0.1:50051)"},
      {"tls_ca_file", "FILE",
       "PEM CA bundle verifying the connector's certificate (TLS); unset = "
       "plaintext"},
      {"tls_cert_file", "FILE", "PEM client certificate (mutual TLS)"},
      {"tls_key_file", "FILE", "PEM key of --tls_cert_file"},
      {"tls_server_name", "NAME",
       "name expected in the connector's certificate"},
      {"token_file", "FILE",
       "bearer token for the connector (sent as authorization: Bearer; "
       "default $SSLSTORE_CONNECTOR_TOKEN_FILE)"},
      {"timeout", "SECONDS", "deadline of each call (default 60)"},
      {"connection", "NAME",
       "named connection of the connector (default \"default\")"},
      {"sslstore_url", "URL",
       "use an inline SSL Store connection with this WBAPI URL instead of "
       "--connection"},
      {"partner_code", "CODE", "inline connection: partner code"},
      {"auth_token_file", "FILE",
       "inline connection: file holding the auth token (or set "
       "SSLSTORE_AUTH_TOKEN)"},
      {"page_size", "N", "inline connection: sync page size"},
      {"renewal_window", "DAYS", "inline connection: renewal window"},
      {"json", nullptr,
       "machine-readable output: JSON on stdout for every command, a "
       "failure as {\"type\":\"error\",\"error\":{\"code\",\"message\","
       "\"reason\",\"exit_code\"}}"},
      {"help", nullptr, "show help (also after a command)"},
  };
  return kFlags;
}

const std::vector<CommandSpec>& Commands() {
  static const std::vector<CommandSpec> kCommands = {
      {"products",
       "",
       0,
       "list the product ids (GetProductIds)",
       {{"long", nullptr,
         "also show validation type, vendor and name, tab-separated"}}},
      {"product",
       "PRODUCT_ID",
       1,
       "show one product and its enrollment fields",
       {}},
      {"annotations",
       "",
       0,
       "show the connector's connection annotations (GetConnectorAnnotations)",
       {{"template", nullptr,
         "show the template parameter annotations instead"}}},
      {"validate",
       "",
       0,
       "validate the CA connection (ValidateCAConnectionInfo) and, with "
       "--product, a product's parameters (ValidateProductInfo)",
       {{"product", "PRODUCT_ID", "also validate this product"},
        {"param", "NAME=VALUE", "template parameter", true}}},
      {"enroll",
       "",
       0,
       "enroll a CSR (Enroll)",
       {{"csr", "FILE", "PKCS#10 request, PEM or base64 DER (required)"},
        {"product", "PRODUCT_ID", "product id (required)"},
        {"param", "NAME=VALUE", "template parameter", true},
        {"subject", "DN", "requested subject, e.g. CN=www.example.com"},
        {"san", "TYPE=NAME", "subject alternative name, e.g. dns=example.com",
         true},
        {"type", "TYPE", "new (default), renew, reissue or renew-or-reissue"},
        {"idempotency_key", "KEY",
         "idempotency key (EnrollRequest.request_id, also sent as "
         "x-sslstore-request-id): a retry with the same key finds the "
         "order instead of placing another"},
        {"prior_request_id", "ID",
         "request id of the certificate renewed or reissued"},
        {"prior_serial", "HEX",
         "serial of that certificate (sent as PriorCertSN)"},
        {"wait", "SECONDS", "wait for issuance up to this long (default 10)"},
        {"out", "FILE", "write the issued certificate (PEM) here"}}},
      {"record",
       "CA_REQUEST_ID",
       1,
       "show one request's status and certificate (GetSingleRecord)",
       {{"out", "FILE", "write the certificate (PEM) here"}}},
      {"sync",
       "",
       0,
       "synchronize every certificate (Synchronize): JSON lines on stdout "
       "(with --json or when stdout is not a terminal), else a summary line; "
       "a progress line on stderr per page (pages, records, rate, elapsed); "
       "Ctrl-C stops it and prints a resume token on stderr",
       {{"full", nullptr, "full sync (the default unless --since is given)"},
        {"since", "RFC3339", "incremental sync since this time"},
        {"resume_token", "TOKEN",
         "continue an interrupted sync (same connection and flags) from the "
         "token an earlier sync printed"},
        {"certificates", nullptr, "include each certificate's PEM in JSON"},
        {"resume_attempts", "N",
         "resume an interrupted sync up to N times (default 3)"}}},
      {"revoke",
       "CA_REQUEST_ID",
       1,
       "revoke (refund) a certificate (Revoke)",
       {{"serial", "HEX", "serial number of the certificate"},
        {"reason", "N", "RFC 5280 reason code 0-10 except 7 (default 0)"},
        {"method", "METHOD", "refund (default) or revoke"}}},
      {"ping", "", 0, "check SSL Store through the connector (Ping)", {}},
  };
  return kCommands;
}

const CommandSpec* FindCommand(const std::string& name) {
  for (const CommandSpec& command : Commands()) {
    if (name == command.name) return &command;
  }
  return nullptr;
}

std::optional<std::string> CliArgs::Get(const std::string& name) const {
  auto it = flags.find(name);
  if (it == flags.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> CliArgs::GetAll(const std::string& name) const {
  auto it = flags.find(name);
  return it == flags.end() ? std::vector<std::string>() : it->second;
}

absl::StatusOr<CliArgs> ParseArgs(const std::vector<std::string>& args) {
  CliArgs parsed;
  const CommandSpec* command = nullptr;
  bool only_positional = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (only_positional || arg.size() < 2 || arg[0] != '-') {
      if (command == nullptr && !only_positional) {
        command = FindCommand(arg);
        if (command == nullptr) {
          return absl::InvalidArgumentError(
              absl::StrCat("unknown command \"", arg, "\""));
        }
        parsed.command = arg;
      } else {
        parsed.positional.push_back(arg);
      }
    } else if (arg == "--") {
      only_positional = true;
    } else if (arg == "-h") {
      parsed.help = true;
    } else if (absl::Status flag = ParseFlag(args, command, i, parsed);
               !flag.ok()) {
      return flag;
    }
  }
  if (!parsed.help && command != nullptr &&
      static_cast<int>(parsed.positional.size()) != command->positional_count) {
    return absl::InvalidArgumentError(
        command->positional_count == 0
            ? absl::StrCat(command->name, " takes no arguments, got \"",
                           parsed.positional.front(), "\"")
            : absl::StrCat(command->name, " needs ", command->arguments));
  }
  return parsed;
}

bool AsksForJson(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (arg == "--") return false;
    if (arg == "--json") return true;
  }
  return false;
}

std::string MainHelp() {
  std::string text =
      "sslstore-gateway: the AnyCA Gateway calls of the SSL Store connector, "
      "from a shell.\n\n"
      "Usage: sslstore-gateway [global flags] COMMAND [arguments] [flags]\n"
      "       sslstore-gateway COMMAND --help\n\nCommands:\n";
  for (const CommandSpec& command : Commands()) {
    std::string left = absl::StrCat("  ", command.name);
    left.resize(14, ' ');
    absl::StrAppend(&text, left, command.summary, "\n");
  }
  absl::StrAppend(&text, "\nGlobal flags:\n");
  AppendFlags(GlobalFlags(), &text);
  absl::StrAppend(&text, "\n", kEnvironment, "\n", kExitCodes);
  return text;
}

std::string CommandHelp(const CommandSpec& command) {
  std::string text = absl::StrCat(
      "Usage: sslstore-gateway ", command.name,
      *command.arguments != '\0' ? " " : "", command.arguments,
      command.flags.empty() ? "" : " [flags]", "\n\n", command.summary, "\n");
  if (!command.flags.empty()) {
    absl::StrAppend(&text, "\nFlags:\n");
    AppendFlags(command.flags, &text);
  }
  absl::StrAppend(&text, "\nGlobal flags:\n");
  AppendFlags(GlobalFlags(), &text);
  absl::StrAppend(&text, "\n", kEnvironment, "\n", kExitCodes);
  return text;
}

}  // namespace sslstore::gateway::cli
