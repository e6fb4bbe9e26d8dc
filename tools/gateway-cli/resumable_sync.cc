#include "tools/gateway-cli/resumable_sync.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tools/gateway-cli/connector_errors.h"
#include "tools/gateway-cli/exit_codes.h"
#include "tools/gateway-cli/record_output.h"
#include "tools/gateway-cli/status_display.h"

namespace sslstore::gateway::cli {
namespace {

namespace v1 = sslstore::connector::v1;

// What one stream delivered.
struct StreamResult {
  grpc::Status status;
  SyncCounts counts;  // from the stream's progress and summary messages
  bool summary_seen = false;
};

// Adds the connector's counts of one stream to `total`.
void AddStreamCounts(const SyncCounts& stream, SyncCounts& total) {
  total.processed += stream.processed;
  total.skipped += stream.skipped;
  total.failed += stream.failed;
  total.unchanged += stream.unchanged;
  total.pages += stream.pages;
  total.warnings.insert(total.warnings.end(), stream.warnings.begin(),
                        stream.warnings.end());
}

// Hands `record` to the listener, or reports it skipped when it lacks the
// certificate its status promises.
void DeliverRecord(const v1::CertificateRecord& record, SyncListener& listener,
                   SyncCounts& total) {
  if (LacksCertificate(record)) {
    ++total.skipped;
    listener.OnSkipped(
        record.ca_request_id(),
        absl::StrCat(ShowStatus(record.status()).name,
                     " record without a certificate (", CaStatusText(record),
                     "); not printed as a record"));
    return;
  }
  ++total.emitted;
  listener.OnRecord(record);
}

void ApplyProgress(const v1::SyncProgress& progress, SyncCounts& stream) {
  stream.pages = progress.pages_fetched();
  stream.failed = progress.orders_failed();
  stream.skipped = progress.orders_skipped();
  stream.processed = progress.records_emitted() + progress.orders_skipped() +
                     progress.orders_failed();
}

void ApplySummary(const v1::SyncSummary& summary, SyncCounts& stream) {
  stream.processed = summary.orders_processed();
  stream.skipped = summary.orders_skipped();
  stream.failed = summary.orders_failed();
  stream.unchanged = summary.orders_unchanged();
  stream.pages = summary.pages_fetched();
  stream.warnings.assign(summary.warnings().begin(), summary.warnings().end());
}

// Reads one stream to its end; `total` holds the counts of earlier streams
// and receives the records delivered.
StreamResult ReadStream(ConnectorClient& client,
                        const v1::SyncCertificatesRequest& request,
                        SyncListener& listener, SyncCounts& total,
                        SyncCancel* cancel) {
  StreamResult result;
  std::unique_ptr<grpc::ClientContext> context =
      client.NewContext(absl::InfiniteDuration());
  if (cancel != nullptr) cancel->SetCall(context.get());
  auto reader = client.stub().SyncCertificates(context.get(), request);
  v1::SyncCertificatesResponse message;
  while (reader->Read(&message)) {
    switch (message.event_case()) {
      case v1::SyncCertificatesResponse::kRecord:
        DeliverRecord(message.record(), listener, total);
        break;
      case v1::SyncCertificatesResponse::kSkipped:
        listener.OnSkipped(message.skipped().ca_request_id(),
                           client.Scrub(message.skipped().reason()));
        break;
      case v1::SyncCertificatesResponse::kProgress: {
        ApplyProgress(message.progress(), result.counts);
        if (!message.progress().resume_token().empty()) {
          total.resume_token = message.progress().resume_token();
        }
        SyncCounts live = total;
        AddStreamCounts(result.counts, live);
        listener.OnProgress(live);
        break;
      }
      case v1::SyncCertificatesResponse::kSummary:
        ApplySummary(message.summary(), result.counts);
        result.summary_seen = true;
        break;
      default:
        break;
    }
  }
  result.status = reader->Finish();
  if (cancel != nullptr) cancel->SetCall(nullptr);
  return result;
}

// The pause before resume attempt `attempt` (0 for the first).
absl::Duration ResumePause(int attempt) {
  return std::min(absl::Milliseconds(250) * (1 << std::min(attempt, 5)),
                  absl::Seconds(5));
}

}  // namespace

absl::Status RunResumableSync(ConnectorClient& client,
                              v1::SyncCertificatesRequest request,
                              int resume_attempts, SyncListener& listener,
                              SyncCounts& counts, SyncCancel* cancel) {
  counts = SyncCounts();
  counts.resume_token = request.resume_token();
  const auto interrupted = [&] {
    return Interrupted(counts.resume_token.empty()
                           ? "Synchronize: interrupted before the first page "
                             "was done; no resume token yet"
                           : "Synchronize: interrupted");
  };
  for (int attempt = 0;; ++attempt) {
    const StreamResult stream =
        ReadStream(client, request, listener, counts, cancel);
    AddStreamCounts(stream.counts, counts);
    if (cancel != nullptr && cancel->cancelled() && !stream.summary_seen) {
      return interrupted();
    }
    if (stream.status.ok()) {
      if (stream.summary_seen) return absl::OkStatus();
      return absl::UnavailableError(
          "Synchronize: the connector ended the stream without its summary; "
          "some orders may be missing");
    }
    const std::optional<v1::SyncResumeInfo> resume =
        ResumeInfoOf(stream.status);
    if (resume.has_value()) counts.resume_token = resume->resume_token();
    if (!resume.has_value() || attempt >= resume_attempts) {
      return client.Error(stream.status, "Synchronize");
    }
    request.set_resume_token(resume->resume_token());
    ++counts.resumes;
    if (cancel == nullptr) {
      absl::SleepFor(ResumePause(attempt));
    } else if (cancel->WaitForCancel(ResumePause(attempt))) {
      return interrupted();
    }
  }
}

}  // namespace sslstore::gateway::cli
