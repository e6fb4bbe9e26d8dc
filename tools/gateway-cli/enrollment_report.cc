#include "tools/gateway-cli/enrollment_report.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace sslstore::gateway::cli {
namespace {

namespace v1 = sslstore::connector::v1;

// "DCV_METHOD_CNAME" -> "cname".
std::string MethodName(v1::DcvMethod method) {
  absl::string_view name = v1::DcvMethod_Name(method);
  absl::ConsumePrefix(&name, "DCV_METHOD_");
  return absl::AsciiStrToLower(name);
}

// "ENROLLMENT_ACTION_NEW_ORDER" -> "new_order".
std::string ActionName(v1::EnrollmentAction action) {
  absl::string_view name = v1::EnrollmentAction_Name(action);
  absl::ConsumePrefix(&name, "ENROLLMENT_ACTION_");
  return absl::AsciiStrToLower(name);
}

// Adds the "dcv.<domain>.<item>" entries of `record`.
void AddDcvRecord(const v1::DcvRecord& record,
                  std::map<std::string, std::string>& context) {
  const std::string prefix = absl::StrCat("dcv.", record.domain(), ".");
  auto put = [&](const char* item, const std::string& value) {
    if (!value.empty()) context[absl::StrCat(prefix, item)] = value;
  };
  if (record.method() != v1::DCV_METHOD_UNSPECIFIED) {
    put("method", MethodName(record.method()));
  }
  put("status", record.status());
  put("approver_email", record.approver_email());
  put("cname_name", record.cname_name());
  put("cname_value", record.cname_value());
  put("file_name", record.file_name());
  put("file_contents", record.file_contents());
  put("file_path", record.file_path());
}

}  // namespace

std::map<std::string, std::string> ContextOf(
    const v1::EnrollResponse& response) {
  std::map<std::string, std::string> context;
  auto put = [&context](const char* key, const std::string& value) {
    if (!value.empty()) context[key] = value;
  };
  put("action", ActionName(response.action()));
  if (response.sslstore_order_id() != 0) {
    put("sslstore_order_id", std::to_string(response.sslstore_order_id()));
  }
  put("partner_order_id", response.partner_order_id());
  put("custom_order_id", response.custom_order_id());
  put("vendor_order_id", response.vendor_order_id());
  if (response.validity_months() > 0) {
    put("validity_months", std::to_string(response.validity_months()));
  }
  for (const v1::DcvRecord& record : response.dcv_records()) {
    AddDcvRecord(record, context);
  }
  return context;
}

EnrollmentReport ReportOf(const v1::EnrollResponse& response) {
  EnrollmentReport report;
  report.ca_request_id = response.ca_request_id();
  report.status = ShowStatus(response.status());
  report.message = response.status_message();
  report.context = ContextOf(response);
  if (response.status() != v1::CERTIFICATE_STATUS_ISSUED) return report;
  if (response.has_certificate() &&
      !response.certificate().certificate_pem().empty()) {
    report.certificate = response.certificate().certificate_pem();
  } else {
    report.status = kShownExternalValidation;
    absl::StrAppend(&report.message,
                    "; the certificate was not returned yet and arrives with "
                    "the next synchronization");
  }
  return report;
}

EnrollmentReport RejectionReport(const absl::Status& error) {
  EnrollmentReport report;
  report.status = kShownFailed;
  report.message = std::string(error.message());
  return report;
}

bool IsRejection(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kPermissionDenied:
      return true;
    default:
      return false;
  }
}

}  // namespace sslstore::gateway::cli
