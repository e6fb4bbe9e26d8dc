#include "service/sync/sync_report.h"

#include "gtest/gtest.h"

namespace sslstore::service::sync {
namespace {

using observability::SyncEvent;

SyncCounters Sample() {
  SyncCounters counters;
  counters.pages_fetched = 3;
  counters.orders_seen = 250;
  counters.orders_processed = 240;
  counters.records_emitted = 200;
  counters.orders_skipped = 30;
  counters.orders_failed = 4;
  counters.orders_unchanged = 6;
  counters.upstream_calls = 500;
  counters.rows_repeated = 10;
  return counters;
}

TEST(SyncReportTest, EachEventCountsInItsOwnField) {
  SyncCounters counters;
  counters.Count(SyncEvent::kOrderProcessed);
  counters.Count(SyncEvent::kOrderProcessed);
  counters.Count(SyncEvent::kRecordEmitted);
  counters.Count(SyncEvent::kOrderSkipped);
  counters.Count(SyncEvent::kOrderFailed);
  counters.Count(SyncEvent::kOrderUnchanged);
  counters.Count(SyncEvent::kOrderUnchanged);
  counters.Count(SyncEvent::kOrderUnchanged);
  EXPECT_EQ(counters.orders_processed, 2);
  EXPECT_EQ(counters.records_emitted, 1);
  EXPECT_EQ(counters.orders_skipped, 1);
  EXPECT_EQ(counters.orders_failed, 1);
  EXPECT_EQ(counters.orders_unchanged, 3);
  EXPECT_EQ(counters.pages_fetched, 0);
  EXPECT_EQ(counters.upstream_calls, 0);
}

TEST(SyncReportTest, ProgressCountsUnchangedOrdersAsSkipped) {
  const sslstore::connector::v1::SyncProgress progress =
      MakeProgress(Sample(), "token");
  EXPECT_EQ(progress.pages_fetched(), 3);
  EXPECT_EQ(progress.orders_seen(), 250);
  EXPECT_EQ(progress.records_emitted(), 200);
  EXPECT_EQ(progress.orders_skipped(), 36);
  EXPECT_EQ(progress.orders_failed(), 4);
  EXPECT_EQ(progress.resume_token(), "token");
}

TEST(SyncReportTest, SummaryCarriesEveryCountAndTheNotes) {
  SummaryNotes notes;
  notes.full_sync = false;
  notes.warnings = {"second warning"};
  const sslstore::connector::v1::SyncSummary summary =
      MakeSummary(Sample(), notes, absl::Milliseconds(2500));
  EXPECT_EQ(summary.orders_processed(), 240);
  EXPECT_EQ(summary.records_emitted(), 200);
  EXPECT_EQ(summary.orders_skipped(), 30);
  EXPECT_EQ(summary.orders_failed(), 4);
  EXPECT_EQ(summary.orders_unchanged(), 6);
  EXPECT_EQ(summary.pages_fetched(), 3);
  EXPECT_EQ(summary.upstream_calls(), 500);
  EXPECT_EQ(summary.rows_repeated(), 10);
  EXPECT_FALSE(summary.full_sync());
  EXPECT_EQ(summary.elapsed().seconds(), 2);
  EXPECT_EQ(summary.elapsed().nanos(), 500000000);
  ASSERT_EQ(summary.warnings_size(), 1);
  EXPECT_EQ(summary.warnings(0), "second warning");
}

TEST(SyncReportTest, AMovedListingIsTheFirstWarning) {
  SummaryNotes notes;
  notes.listing_moved = true;
  notes.warnings = {"later"};
  const sslstore::connector::v1::SyncSummary summary =
      MakeSummary(SyncCounters{}, notes, absl::ZeroDuration());
  ASSERT_EQ(summary.warnings_size(), 2);
  EXPECT_NE(summary.warnings(0).find("the order list moved"),
            std::string::npos);
  EXPECT_EQ(summary.warnings(1), "later");
  EXPECT_TRUE(summary.full_sync());
}

}  // namespace
}  // namespace sslstore::service::sync
