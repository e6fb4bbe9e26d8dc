#include "tools/gateway-cli/exit_codes.h"

#include <optional>

#include "absl/strings/cord.h"

namespace sslstore::gateway::cli {
namespace {

constexpr char kReasonPayload[] = "sslstore-gateway/reason";
constexpr char kReportedPayload[] = "sslstore-gateway/reported";

constexpr char kUsageReason[] = "USAGE";
constexpr char kInterruptedReason[] = "INTERRUPTED";
constexpr char kOrdersFailedReason[] = "ORDERS_FAILED";

// `code` and `message`, tagged with the CLI's own `reason`.
absl::Status WithReason(absl::StatusCode code, absl::string_view message,
                        const char* reason) {
  absl::Status status(code, message);
  status.SetPayload(kReasonPayload, absl::Cord(reason));
  return status;
}

}  // namespace

absl::Status UsageError(absl::string_view message) {
  return WithReason(absl::StatusCode::kInvalidArgument, message, kUsageReason);
}

absl::Status Interrupted(absl::string_view message) {
  return WithReason(absl::StatusCode::kCancelled, message, kInterruptedReason);
}

absl::Status OrdersFailed(absl::string_view message) {
  return WithReason(absl::StatusCode::kUnavailable, message,
                    kOrdersFailedReason);
}

std::string CliReason(const absl::Status& status) {
  auto reason = status.GetPayload(kReasonPayload);
  return reason.has_value() ? std::string(*reason) : std::string();
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
  const std::string reason = CliReason(status);
  if (reason == kUsageReason) return kExitUsage;
  if (reason == kInterruptedReason) return kExitInterrupted;
  if (reason == kOrdersFailedReason) return kExitOrdersFailed;
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
