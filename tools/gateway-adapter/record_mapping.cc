#include "tools/gateway-adapter/record_mapping.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace sslstore::gateway {
namespace {

namespace v1 = sslstore::connector::v1;

absl::Time FromTimestamp(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixSeconds(timestamp.seconds()) +
         absl::Nanoseconds(timestamp.nanos());
}

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

}  // namespace

int ToEndEntityStatus(v1::CertificateStatus status) {
  switch (status) {
    case v1::CERTIFICATE_STATUS_ISSUED:
      return kStatusGenerated;
    case v1::CERTIFICATE_STATUS_PENDING_VALIDATION:
      return kStatusExternalValidation;
    case v1::CERTIFICATE_STATUS_REVOKED:
      return kStatusRevoked;
    case v1::CERTIFICATE_STATUS_FAILED:
      return kStatusFailed;
    default:
      return kStatusNew;
  }
}

v1::EnrollmentType ToConnectorType(EnrollmentType type) {
  switch (type) {
    case EnrollmentType::kNew:
      return v1::ENROLLMENT_TYPE_NEW;
    case EnrollmentType::kRenew:
      return v1::ENROLLMENT_TYPE_RENEW;
    case EnrollmentType::kReissue:
      return v1::ENROLLMENT_TYPE_REISSUE;
    case EnrollmentType::kRenewOrReissue:
      return v1::ENROLLMENT_TYPE_RENEW_OR_REISSUE;
  }
  return v1::ENROLLMENT_TYPE_NEW;
}

absl::StatusOr<v1::RevocationReason> ToRevocationReason(uint32_t reason) {
  if (reason > 10 || !v1::RevocationReason_IsValid(static_cast<int>(reason))) {
    return absl::InvalidArgumentError(
        absl::StrCat("revocation reason ", reason,
                     " is not an RFC 5280 CRLReason (0-6 or 8-10)"));
  }
  return static_cast<v1::RevocationReason>(reason);
}

AnyCAPluginCertificate ToPluginCertificate(
    const v1::CertificateRecord& record) {
  AnyCAPluginCertificate out;
  out.ca_request_id = record.ca_request_id();
  out.certificate = record.certificate_pem();
  out.status = ToEndEntityStatus(record.status());
  out.product_id = record.product_code();
  if (record.status() == v1::CERTIFICATE_STATUS_REVOKED) {
    if (record.has_revocation()) {
      out.revocation_reason = static_cast<int>(record.revocation().reason());
      if (record.revocation().has_revoked_at()) {
        out.revocation_date = FromTimestamp(record.revocation().revoked_at());
      }
    }
  }
  out.serial_number = record.serial_number();
  out.subject = record.subject();
  if (record.has_not_after()) out.not_after = FromTimestamp(record.not_after());
  out.ca_status = record.minor_status().empty()
                      ? record.major_status()
                      : absl::StrCat(record.major_status(), " (",
                                     record.minor_status(), ")");
  return out;
}

bool LacksRequiredCertificate(const AnyCAPluginCertificate& certificate) {
  return certificate.certificate.empty() &&
         (certificate.status == kStatusGenerated ||
          certificate.status == kStatusRevoked);
}

std::map<std::string, std::string> EnrollmentContextOf(
    const v1::EnrollResponse& response) {
  std::map<std::string, std::string> context;
  auto put = [&context](const std::string& key, const std::string& value) {
    if (!value.empty()) context[key] = value;
  };
  put("action", ActionName(response.action()));
  if (response.ssl_store_order_id() != 0) {
    put("ssl_store_order_id", std::to_string(response.ssl_store_order_id()));
  }
  put("partner_order_id", response.partner_order_id());
  put("custom_order_id", response.custom_order_id());
  put("vendor_order_id", response.vendor_order_id());
  if (response.validity_months() > 0) {
    put("validity_months", std::to_string(response.validity_months()));
  }
  for (const v1::DcvRecord& record : response.dcv_records()) {
    const std::string prefix = absl::StrCat("dcv.", record.domain(), ".");
    if (record.method() != v1::DCV_METHOD_UNSPECIFIED) {
      put(prefix + "method", MethodName(record.method()));
    }
    put(prefix + "status", record.status());
    put(prefix + "approver_email", record.approver_email());
    put(prefix + "cname_name", record.cname_name());
    put(prefix + "cname_value", record.cname_value());
    put(prefix + "file_name", record.file_name());
    put(prefix + "file_contents", record.file_contents());
    put(prefix + "file_path", record.file_path());
  }
  return context;
}

EnrollmentResult ToEnrollmentResult(const v1::EnrollResponse& response) {
  EnrollmentResult result;
  result.ca_request_id = response.ca_request_id();
  result.status = ToEndEntityStatus(response.status());
  result.status_message = response.status_message();
  result.enrollment_context = EnrollmentContextOf(response);
  if (result.status == kStatusGenerated) {
    if (response.has_certificate() &&
        !response.certificate().certificate_pem().empty()) {
      result.certificate = response.certificate().certificate_pem();
    } else {
      result.status = kStatusExternalValidation;
      result.status_message = absl::StrCat(
          response.status_message(),
          "; the certificate was not returned yet and arrives with the next "
          "synchronization");
    }
  }
  return result;
}

}  // namespace sslstore::gateway
