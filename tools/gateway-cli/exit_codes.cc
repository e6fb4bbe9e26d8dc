#include "tools/gateway-cli/exit_codes.h"

#include "absl/strings/cord.h"

namespace sslstore::gateway::cli {
namespace {

constexpr char kUsagePayload[] = "sslstore-gateway/usage";
constexpr char kReportedPayload[] = "sslstore-gateway/reported";

}  // namespace

absl::Status UsageError(absl::string_view message) {
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kUsagePayload, absl::Cord("1"));
  return status;
}

absl::Status ReportedFailure(absl::StatusCode code) {
  absl::Status status(code, "reported");
  status.SetPayload(kReportedPayload, absl::Cord("1"));
  return status;
}

bool IsReported(const absl::Status& status) {
  return status.GetPayload(kReportedPayload).has_value();
}

int ExitCodeFor(const absl::Status& status) {
  if (status.ok()) return kExitOk;
  if (status.GetPayload(kUsagePayload).has_value()) return kExitUsage;
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
      return kExitInvalid;
    case absl::StatusCode::kNotFound:
      return kExitNotFound;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
      return kExitUnavailable;
    default:
      return kExitOther;
  }
}

}  // namespace sslstore::gateway::cli
