// enroll: one Enroll call; a request the connector or SSL Store rejects is
// printed as a FAILED enrollment.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "proto/time/proto_time.h"
#include "tools/gateway-cli/commands.h"
#include "tools/gateway-cli/enroll_request.h"
#include "tools/gateway-cli/enroll_routing.h"
#include "tools/gateway-cli/enrollment_output.h"
#include "tools/gateway-cli/enrollment_report.h"
#include "tools/gateway-cli/exit_codes.h"
#include "tools/gateway-cli/pem_file.h"

namespace sslstore::gateway::cli {
namespace {

namespace v1 = sslstore::connector::v1;

// Writes the certificate to --out when given, or says why there is none.
absl::Status WriteOut(const CommandContext& context,
                      const EnrollmentReport& report) {
  std::optional<std::string> path = context.args.Get("out");
  if (!path.has_value()) return absl::OkStatus();
  if (report.certificate.empty()) {
    std::fprintf(context.err,
                 "sslstore-gateway: no certificate yet; %s not written\n",
                 path->c_str());
    return absl::OkStatus();
  }
  return WritePemFile(*path, report.certificate);
}

}  // namespace

absl::Status RunEnroll(const CommandContext& context) {
  absl::StatusOr<v1::EnrollRequest> request =
      EnrollRequestFromFlags(context.args, context.options.connection);
  if (!request.ok()) return request.status();
  // The connector may wait for issuance on top of the usual deadline.
  const absl::Duration timeout =
      context.options.connector.timeout +
      proto_time::FromProtoDuration(request->wait_for_issuance());
  v1::EnrollResponse response;
  std::unique_ptr<grpc::ClientContext> call =
      context.client.NewContext(timeout);
  if (auto routing = EnrollRoutingMetadata(*request); routing.has_value()) {
    call->AddMetadata(routing->first, routing->second);
  }
  absl::Status status = context.client.Error(
      context.client.stub().Enroll(call.get(), *request, &response), "Enroll");
  if (!status.ok() && !IsRejection(status.code())) return status;
  const EnrollmentReport report =
      status.ok() ? ReportOf(response) : RejectionReport(status);
  Print(context.out, context.args.Has("json") ? EnrollmentJson(report)
                                              : EnrollmentText(report));
  if (report.status.number == kShownFailed.number) {
    std::fprintf(context.err, "sslstore-gateway: the enrollment failed\n");
    return ReportedFailure(status.ok() ? absl::StatusCode::kFailedPrecondition
                                       : status.code());
  }
  return WriteOut(context, report);
}

}  // namespace sslstore::gateway::cli
