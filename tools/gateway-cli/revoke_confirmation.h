// What a RevokeCertificate response means for the operator: the revocation
// counts as done only when SSL Store confirmed it.
#ifndef TOOLS_GATEWAY_CLI_REVOKE_CONFIRMATION_H_
#define TOOLS_GATEWAY_CLI_REVOKE_CONFIRMATION_H_

#include <string>

#include "sslstore/connector/v1/connector_service.pb.h"

namespace sslstore::gateway::cli {

// The outcome of a revocation request.
struct RevokeConfirmation {
  bool confirmed = false;  // SSL Store reports the certificate REVOKED
  // SSL Store accepted the request and has not carried it out yet: the
  // certificate is still valid.
  bool pending = false;
  // SSL Store's message; when not confirmed, prefixed with whether SSL
  // Store accepted the request (and has not confirmed yet) or refused it.
  std::string message;
};

// The confirmation in `response`; `message` is SSL Store's message, already
// scrubbed of secrets.
RevokeConfirmation ConfirmationOf(
    const sslstore::connector::v1::RevokeCertificateResponse& response,
    const std::string& message);

// "status: REVOKED (50)" (or "status: GENERATED (40), revocation pending",
// or "status: FAILED (11)") and "message: ...".
std::string ConfirmationText(const RevokeConfirmation& confirmation);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_REVOKE_CONFIRMATION_H_
