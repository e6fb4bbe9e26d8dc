#ifndef SERVICE_SYNC_SYNC_REPORT_H_
#define SERVICE_SYNC_SYNC_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "service/observability/sync_progress.h"
#include "sslstore/connector/v1/sync.pb.h"

namespace sslstore::service::sync {

// The counts a sync stream reports: its SyncProgress messages and its
// SyncSummary are both filled from one of these.
struct SyncCounters {
  // /rest/order/query calls answered (PageFeed::pages_fetched()).
  int64_t pages_fetched = 0;
  // Rows listed on the received pages (PageFeed::rows_seen()).
  int64_t orders_seen = 0;
  // Rows handled as orders of this stream, rejected rows included (rows
  // delivered before a resume and rows listed again are not).
  int64_t orders_processed = 0;
  // CertificateRecord messages written.
  int64_t records_emitted = 0;
  // SkippedOrder messages written for orders that did not fail.
  int64_t orders_skipped = 0;
  // SkippedOrder messages written for orders that failed.
  int64_t orders_failed = 0;
  // Incremental mode: orders left out as unchanged.
  int64_t orders_unchanged = 0;
  // WBAPI requests made, retries included.
  int64_t upstream_calls = 0;
  // Rows passed over because they listed an order this stream already had.
  int64_t rows_repeated = 0;

  // Adds one occurrence of `event` to its count.
  void Count(observability::SyncEvent event);
};

// What a SyncSummary says besides the counts.
struct SummaryNotes {
  // Full sync (true) or incremental (false).
  bool full_sync = true;
  // The listing moved while it was paged (a row listed again, or a resumed
  // stream's anchor found elsewhere than expected).
  bool listing_moved = false;
  // Further warnings, in the order they arose.
  std::vector<std::string> warnings;
};

// The SyncProgress message for `counters`, with the token that resumes after
// what was delivered. Its orders_skipped counts unchanged orders too.
sslstore::connector::v1::SyncProgress MakeProgress(const SyncCounters& counters,
                                                   std::string resume_token);

// The SyncSummary message for `counters` and `notes`, `elapsed` after the
// stream started. A moved listing comes first among the warnings.
sslstore::connector::v1::SyncSummary MakeSummary(const SyncCounters& counters,
                                                 const SummaryNotes& notes,
                                                 absl::Duration elapsed);

}  // namespace sslstore::service::sync

#endif  // SERVICE_SYNC_SYNC_REPORT_H_
