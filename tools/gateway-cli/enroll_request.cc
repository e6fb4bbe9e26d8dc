#include "tools/gateway-cli/enroll_request.h"

#include <map>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "google/protobuf/util/time_util.h"
#include "tools/gateway-cli/exit_codes.h"
#include "tools/gateway-cli/flag_values.h"

namespace sslstore::gateway::cli {
namespace {

namespace v1 = sslstore::connector::v1;

// The product parameter that carries the serial of the certificate renewed
// or reissued.
constexpr char kPriorSerialParameter[] = "PriorCertSN";

// The CSR file of --csr.
absl::StatusOr<std::string> ReadCsr(const std::string& path) {
  absl::StatusOr<std::string> csr = ReadInputFile("csr", path);
  if (!csr.ok()) return csr.status();
  if (absl::StripAsciiWhitespace(*csr).empty()) {
    return UsageError(absl::StrCat("--csr: \"", path, "\" is empty"));
  }
  return csr;
}

// --param and --san into `request`.
absl::Status AddParametersAndSans(const CliArgs& args,
                                  v1::EnrollRequest& request) {
  absl::StatusOr<std::map<std::string, std::string>> parameters =
      ParamFlags(args);
  if (!parameters.ok()) return parameters.status();
  request.mutable_parameters()->insert(parameters->begin(), parameters->end());
  for (const std::string& text : args.GetAll("san")) {
    absl::StatusOr<std::pair<std::string, std::string>> pair =
        SplitPair("san", text);
    if (!pair.ok()) return pair.status();
    (*request.mutable_sans())[pair->first].add_values(pair->second);
  }
  return absl::OkStatus();
}

// --type, --prior_request_id and --prior_serial into `request`.
absl::Status AddEnrollmentType(const CliArgs& args,
                               v1::EnrollRequest& request) {
  v1::EnrollmentType type = v1::ENROLLMENT_TYPE_NEW;
  if (auto text = args.Get("type")) {
    absl::StatusOr<v1::EnrollmentType> parsed = ParseEnrollmentType(*text);
    if (!parsed.ok()) return parsed.status();
    type = *parsed;
  }
  request.set_enrollment_type(type);
  if (type == v1::ENROLLMENT_TYPE_NEW) {
    if (args.Has("prior_request_id") || args.Has("prior_serial")) {
      return UsageError("--prior_request_id and --prior_serial need --type");
    }
    return absl::OkStatus();
  }
  std::optional<std::string> prior = args.Get("prior_request_id");
  if (!prior.has_value()) {
    return UsageError(
        "a renewal or reissue needs --prior_request_id (the request id of the "
        "certificate it replaces)");
  }
  request.set_prior_ca_request_id(
      std::string(absl::StripAsciiWhitespace(*prior)));
  if (auto serial = args.Get("prior_serial")) {
    (*request.mutable_parameters())[kPriorSerialParameter] = *serial;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::EnrollmentType> ParseEnrollmentType(
    const std::string& text) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower == "new") return v1::ENROLLMENT_TYPE_NEW;
  if (lower == "renew") return v1::ENROLLMENT_TYPE_RENEW;
  if (lower == "reissue") return v1::ENROLLMENT_TYPE_REISSUE;
  if (lower == "renew-or-reissue" || lower == "renew_or_reissue" ||
      lower == "reneworreissue") {
    return v1::ENROLLMENT_TYPE_RENEW_OR_REISSUE;
  }
  return UsageError(absl::StrCat(
      "--type: expected new, renew, reissue or renew-or-reissue, got \"", text,
      "\""));
}

absl::StatusOr<v1::EnrollRequest> EnrollRequestFromFlags(
    const CliArgs& args, const v1::ConnectionRef& connection) {
  std::optional<std::string> csr_file = args.Get("csr");
  std::optional<std::string> product = args.Get("product");
  if (!csr_file.has_value()) return UsageError("enroll needs --csr=FILE");
  if (!product.has_value()) return UsageError("enroll needs --product=ID");
  absl::StatusOr<std::string> csr = ReadCsr(*csr_file);
  if (!csr.ok()) return csr.status();
  v1::EnrollRequest request;
  *request.mutable_connection() = connection;
  request.set_csr(*std::move(csr));
  request.set_subject(args.Get("subject").value_or(""));
  request.set_product_code(*product);
  request.set_request_id(args.Get("idempotency_key").value_or(""));
  if (absl::Status added = AddParametersAndSans(args, request); !added.ok()) {
    return added;
  }
  if (absl::Status typed = AddEnrollmentType(args, request); !typed.ok()) {
    return typed;
  }
  absl::StatusOr<int64_t> wait = IntegerFlag(args, "wait", 0, 3600, 10);
  if (!wait.ok()) return wait.status();
  if (*wait > 0) {
    *request.mutable_wait_for_issuance() =
        google::protobuf::util::TimeUtil::SecondsToDuration(*wait);
  }
  return request;
}

}  // namespace sslstore::gateway::cli
