#include "service/sync/sync_report.h"

#include <utility>

#include "google/protobuf/util/time_util.h"

namespace sslstore::service::sync {

namespace v1 = sslstore::connector::v1;

void SyncCounters::Count(observability::SyncEvent event) {
  switch (event) {
    case observability::SyncEvent::kOrderProcessed:
      ++orders_processed;
      break;
    case observability::SyncEvent::kRecordEmitted:
      ++records_emitted;
      break;
    case observability::SyncEvent::kOrderSkipped:
      ++orders_skipped;
      break;
    case observability::SyncEvent::kOrderFailed:
      ++orders_failed;
      break;
    case observability::SyncEvent::kOrderUnchanged:
      ++orders_unchanged;
      break;
  }
}

v1::SyncProgress MakeProgress(const SyncCounters& counters,
                              std::string resume_token) {
  v1::SyncProgress progress;
  progress.set_pages_fetched(counters.pages_fetched);
  progress.set_orders_seen(counters.orders_seen);
  progress.set_records_emitted(counters.records_emitted);
  progress.set_orders_skipped(counters.orders_skipped +
                              counters.orders_unchanged);
  progress.set_orders_failed(counters.orders_failed);
  progress.set_resume_token(std::move(resume_token));
  return progress;
}

v1::SyncSummary MakeSummary(const SyncCounters& counters,
                            const SummaryNotes& notes, absl::Duration elapsed) {
  v1::SyncSummary summary;
  summary.set_orders_processed(counters.orders_processed);
  summary.set_records_emitted(counters.records_emitted);
  summary.set_orders_skipped(counters.orders_skipped);
  summary.set_orders_failed(counters.orders_failed);
  summary.set_orders_unchanged(counters.orders_unchanged);
  summary.set_pages_fetched(counters.pages_fetched);
  summary.set_upstream_calls(counters.upstream_calls);
  *summary.mutable_elapsed() =
      google::protobuf::util::TimeUtil::NanosecondsToDuration(
          absl::ToInt64Nanoseconds(elapsed));
  summary.set_full_sync(notes.full_sync);
  summary.set_rows_repeated(counters.rows_repeated);
  if (notes.listing_moved) {
    summary.add_warnings(
        "the order list moved while it was paged (orders placed during the "
        "sync move the rows of a newest-first listing): rows listed again "
        "were passed over, and orders placed during the sync may arrive "
        "only with the next sync");
  }
  for (const std::string& warning : notes.warnings) {
    summary.add_warnings(warning);
  }
  return summary;
}

}  // namespace sslstore::service::sync
