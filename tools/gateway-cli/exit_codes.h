// The exit codes of sslstore-gateway and how a command's outcome maps to
// them.
#ifndef TOOLS_GATEWAY_CLI_EXIT_CODES_H_
#define TOOLS_GATEWAY_CLI_EXIT_CODES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace sslstore::gateway::cli {

// Exit codes (documented in MainHelp()).
inline constexpr int kExitOk = 0;
inline constexpr int kExitOther = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInvalid = 3;
inline constexpr int kExitNotFound = 4;
inline constexpr int kExitUnavailable = 5;
// A sync ran to its end but SSL Store failed some orders.
inline constexpr int kExitOrdersFailed = 6;
// Interrupted by SIGINT (Ctrl-C), as shells report it (128 + 2).
inline constexpr int kExitInterrupted = 130;

// A usage error: a bad flag value or an unreadable input file (exit 2).
absl::Status UsageError(absl::string_view message);
// A sync stopped by SIGINT (exit 130).
absl::Status Interrupted(absl::string_view message);
// A sync that ended but whose summary counts failed orders (exit 6).
absl::Status OrdersFailed(absl::string_view message);

// The reason sslstore-gateway itself gave `status` ("USAGE", "INTERRUPTED",
// "ORDERS_FAILED"); empty for any other status.
std::string CliReason(const absl::Status& status);

// A failure the command has already reported on its output (e.g. a FAILED
// enrollment): exit code as for `code`, and no further error message.
absl::Status ReportedFailure(absl::StatusCode code);
// True for a status made by ReportedFailure.
bool IsReported(const absl::Status& status);

// The exit code for a command's outcome: OK 0, usage errors 2, interrupted
// 130, failed orders 6, INVALID_ARGUMENT/FAILED_PRECONDITION 3, NOT_FOUND 4,
// UNAVAILABLE/DEADLINE_EXCEEDED 5, anything else 1.
int ExitCodeFor(const absl::Status& status);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_EXIT_CODES_H_
