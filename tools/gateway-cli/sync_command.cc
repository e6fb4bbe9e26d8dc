// sync: every certificate through a resumable SyncCertificates stream.
#include <unistd.h>

#include <cstdio>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "google/protobuf/util/time_util.h"
#include "tools/gateway-cli/commands.h"
#include "tools/gateway-cli/exit_codes.h"
#include "tools/gateway-cli/flag_values.h"
#include "tools/gateway-cli/interrupt_watch.h"
#include "tools/gateway-cli/resumable_sync.h"
#include "tools/gateway-cli/sync_cancel.h"
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
  if (std::optional<std::string> token = context.args.Get("resume_token")) {
    if (token->empty()) return UsageError("--resume_token: empty token");
    request.set_resume_token(*token);
  }
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
  SyncPrinter printer(context.out, context.err, json_lines,
                      context.args.Has("certificates"));
  SyncCounts counts;
  SyncCancel cancel;
  absl::Status status;
  {
    // Ctrl-C cancels the stream; the sync then ends as interrupted.
    InterruptWatch watch([&cancel] { cancel.Cancel(); });
    status =
        RunResumableSync(context.client, *std::move(request),
                         static_cast<int>(*attempts), printer, counts, &cancel);
  }
  printer.Finish(counts, status);
  if (!status.ok()) {
    if (!counts.resume_token.empty()) {
      std::fprintf(context.err, "sslstore-gateway: resume token: %s\n",
                   counts.resume_token.c_str());
    }
    return status;
  }
  if (counts.failed > 0) {
    return OrdersFailed(absl::StrCat(
        "Synchronize: SSL Store failed ", counts.failed,
        " order(s) (listed as skipped); the next sync fetches them again"));
  }
  return absl::OkStatus();
}

}  // namespace sslstore::gateway::cli
