#include "tools/gateway-cli/cli_commands.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "tools/gateway-adapter/adapter_settings.h"
#include "tools/gateway-adapter/gateway_adapter.h"
#include "tools/gateway-cli/cli_output.h"

namespace sslstore::gateway::cli {
namespace {

namespace v1 = sslstore::connector::v1;

constexpr char kUsagePayload[] = "sslstore-gateway/usage";

// The CLI's certificate data reader: the one prior certificate named on the
// command line.
class PriorCertificateReader : public CertificateDataReader {
 public:
  PriorCertificateReader(std::string serial, std::string request_id)
      : serial_(std::move(serial)), request_id_(std::move(request_id)) {}

  absl::StatusOr<std::string> GetRequestIDBySerialNumber(
      const std::string& serial_number) override {
    return serial_number == serial_ ? request_id_ : "";
  }

 private:
  const std::string serial_;
  const std::string request_id_;
};

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

absl::Status WriteOutputFile(const std::string& path,
                             const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) {
    return UsageError(absl::StrCat("--out: cannot write \"", path, "\""));
  }
  return absl::OkStatus();
}

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

// The adapter's CA connection dictionary from the global flags.
absl::StatusOr<ConfigDictionary> DictionaryFromFlags(const CliArgs& args) {
  ConfigDictionary dictionary;
  auto copy = [&](const char* flag, const char* key) {
    if (auto value = args.Get(flag)) dictionary[key] = *value;
  };
  copy("connector", kKeyConnectorAddress);
  copy("tls_ca_file", kKeyTlsCaFile);
  copy("tls_cert_file", kKeyTlsClientCertFile);
  copy("tls_key_file", kKeyTlsClientKeyFile);
  copy("tls_server_name", kKeyTlsServerName);
  copy("token_file", kKeyTokenFile);
  absl::StatusOr<int64_t> timeout = IntegerFlag(args, "timeout", 1, 86400, 60);
  if (!timeout.ok()) return timeout.status();
  dictionary[kKeyTimeoutSeconds] = *timeout;
  if ((args.Has("tls_cert_file") || args.Has("tls_key_file")) &&
      !(args.Has("tls_cert_file") && args.Has("tls_key_file") &&
        args.Has("tls_ca_file"))) {
    return UsageError(
        "mutual TLS needs --tls_cert_file, --tls_key_file and --tls_ca_file");
  }

  const bool inline_connection = args.Has("sslstore_url");
  for (const char* flag :
       {"partner_code", "auth_token_file", "page_size", "renewal_window"}) {
    if (args.Has(flag) && !inline_connection) {
      return UsageError(absl::StrCat(
          "--", flag, " describes an inline connection: add --sslstore_url"));
    }
  }
  if (!inline_connection) {
    dictionary[kKeyConnectionName] = args.Get("connection").value_or("default");
    return dictionary;
  }
  if (args.Has("connection")) {
    return UsageError("give either --connection or --sslstore_url, not both");
  }
  copy("sslstore_url", kKeySslStoreUrl);
  copy("partner_code", kKeyPartnerCode);
  if (auto file = args.Get("auth_token_file")) {
    absl::StatusOr<std::string> token = ReadInputFile("auth_token_file", *file);
    if (!token.ok()) return token.status();
    dictionary[kKeyAuthToken] = std::string(absl::StripAsciiWhitespace(*token));
  } else if (const char* env = std::getenv("SSLSTORE_AUTH_TOKEN")) {
    dictionary[kKeyAuthToken] = std::string(env);
  }
  absl::StatusOr<int64_t> page_size =
      IntegerFlag(args, "page_size", 0, 100000, 0);
  if (!page_size.ok()) return page_size.status();
  if (args.Has("page_size")) dictionary[kKeyPageSize] = *page_size;
  absl::StatusOr<int64_t> window =
      IntegerFlag(args, "renewal_window", 0, 100000, 0);
  if (!window.ok()) return window.status();
  if (args.Has("renewal_window")) dictionary[kKeyRenewalWindow] = *window;
  return dictionary;
}

// "Name=value" of a repeatable flag.
absl::StatusOr<std::pair<std::string, std::string>> SplitPair(
    const char* flag, const std::string& text) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    return UsageError(
        absl::StrCat("--", flag, ": expected NAME=VALUE, got \"", text, "\""));
  }
  return std::make_pair(text.substr(0, eq), text.substr(eq + 1));
}

absl::StatusOr<std::map<std::string, std::string>> Parameters(
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

void Print(std::FILE* out, const std::string& text) {
  std::fputs(text.c_str(), out);
  if (!text.empty() && text.back() != '\n') std::fputc('\n', out);
}

std::string ValueText(const ConfigValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) {
    return absl::StrCat("\"", *text, "\"");
  }
  if (const auto* flag = std::get_if<bool>(&value)) {
    return *flag ? "true" : "false";
  }
  if (const auto* integer = std::get_if<int64_t>(&value)) {
    return std::to_string(*integer);
  }
  if (const auto* real = std::get_if<double>(&value)) {
    return std::to_string(*real);
  }
  return "none";
}

// --- the commands ----------------------------------------------------------

absl::Status Products(GatewayAdapter& adapter, const CliArgs& args,
                      std::FILE* out) {
  if (!args.Has("long")) {
    absl::StatusOr<std::vector<std::string>> ids = adapter.GetProductIds();
    if (!ids.ok()) return ids.status();
    for (const std::string& id : *ids) Print(out, id);
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<v1::Product>> products = adapter.ListProducts();
  if (!products.ok()) return products.status();
  for (const v1::Product& product : *products) {
    Print(out, absl::StrCat(product.code(), "\t", product.validation_type(),
                            "\t", product.vendor(), "\t", product.name()));
  }
  return absl::OkStatus();
}

absl::Status Product(GatewayAdapter& adapter, const CliArgs& args,
                     std::FILE* out) {
  absl::StatusOr<v1::Product> product = adapter.GetProduct(args.positional[0]);
  if (!product.ok()) return product.status();
  std::string text = absl::StrCat(
      "code: ", product->code(), "\nname: ", product->name(),
      "\nvendor: ", product->vendor(),
      "\nvalidation: ", product->validation_type(),
      "\nordered as: ", product->api_code(),
      "\nwildcard: ", product->wildcard() ? "yes" : "no",
      "\nmulti-domain: ", product->multi_domain() ? "yes" : "no",
      "\nvalidity (days): ", absl::StrJoin(product->validity_days(), ", "),
      "\n");
  if (product->has_max_sans()) {
    absl::StrAppend(&text, "max domains: ", product->max_sans(), "\n");
  }
  if (!product->note().empty()) {
    absl::StrAppend(&text, "note: ", product->note(), "\n");
  }
  absl::StrAppend(&text, "fields:\n");
  for (const v1::EnrollmentField& field : product->fields()) {
    std::string type = v1::FieldType_Name(field.type());
    absl::string_view short_type = type;
    absl::ConsumePrefix(&short_type, "FIELD_TYPE_");
    absl::StrAppend(
        &text, "  ", field.name(), " [", absl::AsciiStrToLower(short_type),
        field.required() ? ", required" : "",
        field.has_default_value()
            ? absl::StrCat(", default \"", field.default_value(), "\"")
            : "",
        "]");
    if (!field.description().empty()) {
      absl::StrAppend(&text, ": ", field.description());
    }
    absl::StrAppend(&text, "\n");
  }
  Print(out, text);
  return absl::OkStatus();
}

absl::Status Annotations(GatewayAdapter& adapter, const CliArgs& args,
                         std::FILE* out) {
  absl::StatusOr<std::map<std::string, PropertyConfigInfo>> annotations =
      args.Has("template") ? adapter.GetTemplateParameterAnnotations()
                           : adapter.GetCAConnectorAnnotations();
  if (!annotations.ok()) return annotations.status();
  for (const auto& [name, info] : *annotations) {
    Print(out,
          absl::StrCat(name, " (", info.type, ", default ",
                       ValueText(info.default_value),
                       info.hidden ? ", hidden" : "", "): ", info.comments));
  }
  return absl::OkStatus();
}

absl::Status Validate(GatewayAdapter& adapter, const CliArgs& args,
                      const ConfigDictionary& dictionary, std::FILE* out) {
  if (args.Has("param") && !args.Has("product")) {
    return UsageError("--param needs --product");
  }
  absl::Status connection = adapter.ValidateCAConnectionInfo(dictionary);
  if (!connection.ok()) return connection;
  Print(out, "connection: valid");
  if (auto product = args.Get("product")) {
    absl::StatusOr<std::map<std::string, std::string>> parameters =
        Parameters(args);
    if (!parameters.ok()) return parameters.status();
    absl::Status valid = adapter.ValidateProductInfo(
        EnrollmentProductInfo{*product, *parameters}, dictionary);
    if (!valid.ok()) return valid;
    Print(out, absl::StrCat("product ", *product, ": valid"));
  }
  return absl::OkStatus();
}

absl::StatusOr<EnrollmentType> ParseEnrollmentType(const std::string& text) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower == "new") return EnrollmentType::kNew;
  if (lower == "renew") return EnrollmentType::kRenew;
  if (lower == "reissue") return EnrollmentType::kReissue;
  if (lower == "renew-or-reissue" || lower == "renew_or_reissue" ||
      lower == "reneworeissue") {
    return EnrollmentType::kRenewOrReissue;
  }
  return UsageError(absl::StrCat(
      "--type: expected new, renew, reissue or renew-or-reissue, got \"", text,
      "\""));
}

absl::Status Enroll(const CliArgs& args, ConfigDictionary dictionary,
                    std::FILE* out, std::FILE* err, int* exit_code) {
  std::optional<std::string> csr_file = args.Get("csr");
  std::optional<std::string> product = args.Get("product");
  if (!csr_file.has_value()) return UsageError("enroll needs --csr=FILE");
  if (!product.has_value()) return UsageError("enroll needs --product=ID");
  absl::StatusOr<std::string> csr = ReadInputFile("csr", *csr_file);
  if (!csr.ok()) return csr.status();
  if (absl::StripAsciiWhitespace(*csr).empty()) {
    return UsageError(absl::StrCat("--csr: \"", *csr_file, "\" is empty"));
  }
  absl::StatusOr<std::map<std::string, std::string>> parameters =
      Parameters(args);
  if (!parameters.ok()) return parameters.status();
  SanDictionary sans;
  for (const std::string& text : args.GetAll("san")) {
    absl::StatusOr<std::pair<std::string, std::string>> pair =
        SplitPair("san", text);
    if (!pair.ok()) return pair.status();
    sans[pair->first].push_back(pair->second);
  }
  EnrollmentType type = EnrollmentType::kNew;
  if (auto text = args.Get("type")) {
    absl::StatusOr<EnrollmentType> parsed = ParseEnrollmentType(*text);
    if (!parsed.ok()) return parsed.status();
    type = *parsed;
  }
  std::shared_ptr<CertificateDataReader> reader;
  if (type != EnrollmentType::kNew) {
    std::optional<std::string> prior = args.Get("prior_request_id");
    if (!prior.has_value()) {
      return UsageError(
          "a renewal or reissue needs --prior_request_id (the request id of "
          "the certificate it replaces)");
    }
    const std::string serial =
        args.Get("prior_serial").value_or("cli-prior-certificate");
    (*parameters)[kPriorCertSnParameter] = serial;
    reader = std::make_shared<PriorCertificateReader>(serial, *prior);
  } else if (args.Has("prior_request_id") || args.Has("prior_serial")) {
    return UsageError("--prior_request_id and --prior_serial need --type");
  }
  absl::StatusOr<int64_t> wait = IntegerFlag(args, "wait", 0, 3600, 10);
  if (!wait.ok()) return wait.status();
  dictionary[kKeyEnrollWaitSeconds] = *wait;

  GatewayAdapter adapter;
  if (absl::Status ok = adapter.Initialize(dictionary, reader); !ok.ok()) {
    return UsageError(ok.message());
  }
  absl::StatusOr<EnrollmentResult> result =
      adapter.Enroll(*csr, args.Get("subject").value_or(""), sans,
                     EnrollmentProductInfo{*product, *parameters},
                     RequestFormat::kPkcs10, type);
  if (!result.ok()) return result.status();
  Print(out,
        args.Has("json") ? EnrollmentJson(*result) : EnrollmentText(*result));
  if (result->status == kStatusFailed) {
    std::fprintf(err, "sslstore-gateway: the enrollment failed\n");
    *exit_code =
        ExitCodeFor(absl::Status(result->failure_code == absl::StatusCode::kOk
                                     ? absl::StatusCode::kFailedPrecondition
                                     : result->failure_code,
                                 "failed"));
    return absl::OkStatus();
  }
  if (auto path = args.Get("out"); path.has_value()) {
    if (result->certificate.empty()) {
      std::fprintf(err,
                   "sslstore-gateway: no certificate yet; %s not written\n",
                   path->c_str());
    } else if (absl::Status written =
                   WriteOutputFile(*path, result->certificate);
               !written.ok()) {
      return written;
    }
  }
  return absl::OkStatus();
}

absl::Status Record(GatewayAdapter& adapter, const CliArgs& args,
                    std::FILE* out) {
  absl::StatusOr<AnyCAPluginCertificate> record =
      adapter.GetSingleRecord(args.positional[0]);
  if (!record.ok()) return record.status();
  Print(out,
        args.Has("json") ? RecordJson(*record, true) : RecordText(*record));
  if (auto path = args.Get("out");
      path.has_value() && !record->certificate.empty()) {
    return WriteOutputFile(*path, record->certificate);
  }
  return absl::OkStatus();
}

absl::Status Sync(const CliArgs& args, ConfigDictionary dictionary,
                  std::FILE* out) {
  std::optional<absl::Time> since;
  if (auto text = args.Get("since")) {
    absl::Time parsed;
    std::string error;
    if (!absl::ParseTime(absl::RFC3339_full, *text, &parsed, &error)) {
      return UsageError(
          absl::StrCat("--since: expected RFC 3339 time (e.g. "
                       "2024-05-01T00:00:00Z), got \"",
                       *text, "\""));
    }
    since = parsed;
  }
  if (since.has_value() && args.Has("full")) {
    return UsageError("--full and --since exclude each other");
  }
  absl::StatusOr<int64_t> attempts =
      IntegerFlag(args, "resume_attempts", 0, 100, 3);
  if (!attempts.ok()) return attempts.status();
  dictionary[kKeySyncResumeAttempts] = *attempts;
  GatewayAdapter adapter;
  if (absl::Status ok = adapter.Initialize(dictionary, nullptr); !ok.ok()) {
    return UsageError(ok.message());
  }
  const bool json_lines = args.Has("json") || !isatty(fileno(out));
  SyncPrinter printer(out, json_lines, args.Has("certificates"));
  CancellationToken cancel;
  SyncCounts counts;
  absl::Status status =
      adapter.Synchronize(printer, since, !since.has_value(), &cancel, &counts);
  printer.Finish(counts, status);
  return status;
}

absl::Status Revoke(const CliArgs& args, ConfigDictionary dictionary,
                    std::FILE* out) {
  absl::StatusOr<int64_t> reason = IntegerFlag(args, "reason", 0, 10, 0);
  if (!reason.ok()) return reason.status();
  if (*reason == 7) return UsageError("--reason: 7 is not an RFC 5280 reason");
  if (auto method = args.Get("method")) {
    const std::string lower = absl::AsciiStrToLower(*method);
    if (lower != "refund" && lower != "revoke") {
      return UsageError(absl::StrCat(
          "--method: expected refund or revoke, got \"", *method, "\""));
    }
    dictionary[kKeyRevocationMethod] = lower;
  }
  GatewayAdapter adapter;
  if (absl::Status ok = adapter.Initialize(dictionary, nullptr); !ok.ok()) {
    return UsageError(ok.message());
  }
  std::string message;
  absl::StatusOr<int> status =
      adapter.Revoke(args.positional[0], args.Get("serial").value_or(""),
                     static_cast<uint32_t>(*reason), &message);
  if (!status.ok()) return status.status();
  Print(out, absl::StrCat("status: ", EndEntityStatusName(*status), " (",
                          *status, ")\nmessage: ", message));
  if (*status != kStatusRevoked) {
    return absl::FailedPreconditionError(
        absl::StrCat("the revocation of ", args.positional[0],
                     " is not confirmed: ", message));
  }
  return absl::OkStatus();
}

absl::Status Ping(GatewayAdapter& adapter, std::FILE* out) {
  absl::StatusOr<PingReport> report = adapter.CheckConnection();
  if (!report.ok()) return report.status();
  const std::string name =
      report->connection_name.empty()
          ? "the inline connection"
          : absl::StrCat("connection \"", report->connection_name, "\"");
  if (!report->remote_checked) {
    Print(out, absl::StrCat(name, ": not checked: ", report->message));
    return absl::OkStatus();
  }
  if (!report->reachable) {
    return absl::UnavailableError(
        absl::StrCat(name, ": SSL Store is not reachable: ", report->message));
  }
  Print(out, absl::StrCat(name, ": ", report->message));
  return absl::OkStatus();
}

}  // namespace

absl::Status UsageError(absl::string_view message) {
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kUsagePayload, absl::Cord("1"));
  return status;
}

int ExitCodeFor(const absl::Status& status) {
  if (status.ok()) return kExitOk;
  if (status.GetPayload(kUsagePayload).has_value()) return kExitUsage;
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
      return kExitInvalid;
    case absl::StatusCode::kNotFound:
      return kExitNotFound;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
      return kExitUnavailable;
    default:
      return kExitOther;
  }
}

int RunCommand(const CliArgs& args, std::FILE* out, std::FILE* err) {
  absl::StatusOr<ConfigDictionary> dictionary = DictionaryFromFlags(args);
  absl::Status status;
  int exit_code = -1;
  if (!dictionary.ok()) {
    status = dictionary.status();
  } else if (args.command == "enroll") {
    status = Enroll(args, *dictionary, out, err, &exit_code);
  } else if (args.command == "sync") {
    status = Sync(args, *dictionary, out);
  } else if (args.command == "revoke") {
    status = Revoke(args, *dictionary, out);
  } else {
    GatewayAdapter adapter;
    status = adapter.Initialize(*dictionary, nullptr);
    if (!status.ok()) {
      status = UsageError(status.message());
    } else if (args.command == "products") {
      status = Products(adapter, args, out);
    } else if (args.command == "product") {
      status = Product(adapter, args, out);
    } else if (args.command == "annotations") {
      status = Annotations(adapter, args, out);
    } else if (args.command == "validate") {
      status = Validate(adapter, args, *dictionary, out);
    } else if (args.command == "record") {
      status = Record(adapter, args, out);
    } else if (args.command == "ping") {
      status = Ping(adapter, out);
    } else {
      status =
          UsageError(absl::StrCat("unknown command \"", args.command, "\""));
    }
  }
  std::fflush(out);
  if (!status.ok()) {
    std::fprintf(err, "sslstore-gateway: %s\n",
                 std::string(status.message()).c_str());
    if (ExitCodeFor(status) == kExitUsage) {
      std::fprintf(err, "Run 'sslstore-gateway %s --help' for usage.\n",
                   args.command.c_str());
    }
    return ExitCodeFor(status);
  }
  return exit_code >= 0 ? exit_code : kExitOk;
}

}  // namespace sslstore::gateway::cli
