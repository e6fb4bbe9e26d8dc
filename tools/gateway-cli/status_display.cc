#include "tools/gateway-cli/status_display.h"

#include "absl/strings/str_cat.h"

namespace sslstore::gateway::cli {

namespace v1 = sslstore::connector::v1;

ShownStatus ShowStatus(v1::CertificateStatus status) {
  switch (status) {
    case v1::CERTIFICATE_STATUS_ISSUED:
      return kShownGenerated;
    case v1::CERTIFICATE_STATUS_PENDING_VALIDATION:
      return kShownExternalValidation;
    case v1::CERTIFICATE_STATUS_REVOKED:
      return kShownRevoked;
    case v1::CERTIFICATE_STATUS_FAILED:
      return kShownFailed;
    default:
      return kShownNew;
  }
}

std::string StatusText(ShownStatus status) {
  return absl::StrCat(status.name, " (", status.number, ")");
}

std::string CaStatusText(const v1::CertificateRecord& record) {
  if (record.minor_status().empty()) return record.major_status();
  return absl::StrCat(record.major_status(), " (", record.minor_status(), ")");
}

}  // namespace sslstore::gateway::cli
