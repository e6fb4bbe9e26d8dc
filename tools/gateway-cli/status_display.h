// How sslstore-gateway shows a certificate's state: the status name and
// number operators know from the AnyCA Gateway (NEW 10, FAILED 11,
// GENERATED 40, REVOKED 50, EXTERNALVALIDATION 90), and SSL Store's own
// major/minor status.
#ifndef TOOLS_GATEWAY_CLI_STATUS_DISPLAY_H_
#define TOOLS_GATEWAY_CLI_STATUS_DISPLAY_H_

#include <string>

#include "sslstore/connector/v1/certificate.pb.h"

namespace sslstore::gateway::cli {

// A status as printed: "GENERATED (40)" in text, "status": 40 and
// "status_name": "GENERATED" in JSON.
struct ShownStatus {
  const char* name;
  int number;
};

inline constexpr ShownStatus kShownNew = {"NEW", 10};
inline constexpr ShownStatus kShownFailed = {"FAILED", 11};
inline constexpr ShownStatus kShownGenerated = {"GENERATED", 40};
inline constexpr ShownStatus kShownRevoked = {"REVOKED", 50};
inline constexpr ShownStatus kShownExternalValidation = {"EXTERNALVALIDATION",
                                                         90};

// ISSUED -> GENERATED, PENDING_VALIDATION -> EXTERNALVALIDATION, REVOKED ->
// REVOKED, FAILED -> FAILED, NEW and anything else -> NEW.
ShownStatus ShowStatus(sslstore::connector::v1::CertificateStatus status);

// "GENERATED (40)".
std::string StatusText(ShownStatus status);

// SSL Store's status of the record: "Active", or "Pending (Awaiting DCV)"
// with a minor status.
std::string CaStatusText(
    const sslstore::connector::v1::CertificateRecord& record);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_STATUS_DISPLAY_H_
