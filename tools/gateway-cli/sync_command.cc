// sync: every certificate through a resumable SyncCertificates stream.
#include <unistd.h>

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "google/protobuf/util/time_util.h"
#include "tools/gateway-cli/commands.h"
#include "tools/gateway-cli/exit_codes.h"
#include "tools/gateway-cli/flag_values.h"
#include "tools/gateway-cli/resumable_sync.h"
#include "tools/gateway-cli/sync_printer.h"

namespace sslstore::gateway::cli {
namespace {

namespace v1 = sslstore::connector::v1;

// The request of --full or --since (a full sync when neither is given).
absl::StatusOr<v1::SyncCertificatesRequest> SyncRequestFromFlags(
    const CommandContext& context) {
  v1::SyncCertificatesRequest request;
  *request.mutable_connection() = context.options.connection;
  request.set_emit_progress(true);
  std::optional<std::string> since = context.args.Get("since");
  if (!since.has_value()) {
    request.set_full_sync(true);
    return request;
  }
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, *since, &time, &error)) {
    return UsageError(
        absl::StrCat("--since: expected RFC 3339 time (e.g. "
                     "2024-05-01T00:00:00Z), got \"",
                     *since, "\""));
  }
  if (context.args.Has("full")) {
    return UsageError("--full and --since exclude each other");
  }
  *request.mutable_last_sync() =
      google::protobuf::util::TimeUtil::SecondsToTimestamp(
          absl::ToUnixSeconds(time));
  return request;
}

}  // namespace

absl::Status RunSync(const CommandContext& context) {
  absl::StatusOr<v1::SyncCertificatesRequest> request =
      SyncRequestFromFlags(context);
  if (!request.ok()) return request.status();
  absl::StatusOr<int64_t> attempts =
      IntegerFlag(context.args, "resume_attempts", 0, 100, 3);
  if (!attempts.ok()) return attempts.status();
  const bool json_lines =
      context.args.Has("json") || !isatty(fileno(context.out));
  SyncPrinter printer(context.out, json_lines,
                      context.args.Has("certificates"));
  SyncCounts counts;
  absl::Status status =
      RunResumableSync(context.client, *std::move(request),
                       static_cast<int>(*attempts), printer, counts);
  printer.Finish(counts, status);
  return status;
}

}  // namespace sslstore::gateway::cli
