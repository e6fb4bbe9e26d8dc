// How sslstore-gateway prints an enrollment: text lines or one JSON object.
#ifndef TOOLS_GATEWAY_CLI_ENROLLMENT_OUTPUT_H_
#define TOOLS_GATEWAY_CLI_ENROLLMENT_OUTPUT_H_

#include <string>

#include "tools/gateway-cli/enrollment_report.h"

namespace sslstore::gateway::cli {

// "request id: ...", "status: GENERATED (40)", "message: ...", the context
// ("context:" then "  key: value" lines), the certificate PEM last.
std::string EnrollmentText(const EnrollmentReport& report);

// One JSON object: ca_request_id, status, status_name, status_message,
// enrollment_context (an object) and certificate.
std::string EnrollmentJson(const EnrollmentReport& report);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_ENROLLMENT_OUTPUT_H_
