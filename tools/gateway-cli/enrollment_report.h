// What sslstore-gateway reports for an enrollment: built from the
// connector's Enroll response, or from the error of a rejected request.
#ifndef TOOLS_GATEWAY_CLI_ENROLLMENT_REPORT_H_
#define TOOLS_GATEWAY_CLI_ENROLLMENT_REPORT_H_

#include <map>
#include <string>

#include "absl/status/status.h"
#include "sslstore/connector/v1/connector_service.pb.h"
#include "tools/gateway-cli/status_display.h"

namespace sslstore::gateway::cli {

// One enrollment's outcome.
struct EnrollmentReport {
  // "{TheSSLStoreOrderID}-{PartnerOrderID}"; empty when nothing was ordered.
  std::string ca_request_id;
  // GENERATED, EXTERNALVALIDATION, NEW or FAILED.
  ShownStatus status = kShownFailed;
  // SSL Store's state, or every problem of a rejected request.
  std::string message;
  // Order ids, the action taken and the DCV records (see ContextOf).
  std::map<std::string, std::string> context;
  // The issued certificate as PEM; empty unless GENERATED.
  std::string certificate;
};

// The enrollment context of an Enroll response: "action",
// "sslstore_order_id", "partner_order_id", "custom_order_id",
// "vendor_order_id", "validity_months" (when known) and, per DCV record,
// "dcv.<domain>.<item>" with items method, status, approver_email,
// cname_name, cname_value, file_name, file_contents, file_path (when set).
std::map<std::string, std::string> ContextOf(
    const sslstore::connector::v1::EnrollResponse& response);

// The report of an Enroll response. GENERATED only comes with a
// certificate: an issued order whose certificate did not come back is
// EXTERNALVALIDATION (the next sync delivers it).
EnrollmentReport ReportOf(
    const sslstore::connector::v1::EnrollResponse& response);

// The FAILED report of a request the connector or SSL Store rejected.
EnrollmentReport RejectionReport(const absl::Status& error);

// True for the codes of a request the connector or SSL Store rejected (as
// opposed to a failure to get an answer): INVALID_ARGUMENT,
// FAILED_PRECONDITION, NOT_FOUND, ALREADY_EXISTS, OUT_OF_RANGE, ABORTED,
// PERMISSION_DENIED.
bool IsRejection(absl::StatusCode code);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_ENROLLMENT_REPORT_H_
