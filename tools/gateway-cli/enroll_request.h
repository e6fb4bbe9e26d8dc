// The Enroll request of `sslstore-gateway enroll`, built from its flags.
#ifndef TOOLS_GATEWAY_CLI_ENROLL_REQUEST_H_
#define TOOLS_GATEWAY_CLI_ENROLL_REQUEST_H_

#include <string>

#include "absl/status/statusor.h"
#include "sslstore/connector/v1/connector_service.pb.h"
#include "tools/gateway-cli/cli_args.h"

namespace sslstore::gateway::cli {

// The enrollment type of --type: new, renew, reissue or renew-or-reissue
// (any case; renew_or_reissue and reneworreissue too).
absl::StatusOr<sslstore::connector::v1::EnrollmentType> ParseEnrollmentType(
    const std::string& text);

// The request for `connection` from --csr (required, not empty),
// --product (required), --idempotency_key (the request_id), --param, --subject,
// --san TYPE=NAME, --type,
// --prior_request_id (required for every type but new), --prior_serial
// (sent as the PriorCertSN parameter) and --wait (0-3600 seconds, default
// 10; 0 = do not wait for issuance). Usage errors name the flag.
absl::StatusOr<sslstore::connector::v1::EnrollRequest> EnrollRequestFromFlags(
    const CliArgs& args,
    const sslstore::connector::v1::ConnectionRef& connection);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_ENROLL_REQUEST_H_
