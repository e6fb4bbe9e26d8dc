#include "tools/gateway-cli/revoke_confirmation.h"

#include "absl/strings/str_cat.h"
#include "tools/gateway-cli/status_display.h"

namespace sslstore::gateway::cli {

namespace v1 = sslstore::connector::v1;

RevokeConfirmation ConfirmationOf(const v1::RevokeCertificateResponse& response,
                                  const std::string& message) {
  RevokeConfirmation confirmation;
  confirmation.confirmed = response.status() == v1::CERTIFICATE_STATUS_REVOKED;
  if (confirmation.confirmed) {
    confirmation.message = message;
  } else if (response.accepted()) {
    confirmation.pending = true;
    confirmation.message = absl::StrCat(
        "SSL Store accepted the request but has not confirmed the revocation "
        "yet: ",
        message);
  } else {
    confirmation.message =
        absl::StrCat("SSL Store refused the request: ", message);
  }
  return confirmation;
}

std::string ConfirmationText(const RevokeConfirmation& confirmation) {
  if (confirmation.pending) {
    return absl::StrCat(
        "status: ", StatusText(kShownGenerated),
        ", revocation pending\nmessage: ", confirmation.message);
  }
  return absl::StrCat(
      "status: ",
      StatusText(confirmation.confirmed ? kShownRevoked : kShownFailed),
      "\nmessage: ", confirmation.message);
}

}  // namespace sslstore::gateway::cli
