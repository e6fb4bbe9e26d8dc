#include "service/sync/write_coalescer.h"

#include "gtest/gtest.h"

namespace sslstore::service::sync {
namespace {

using Decision = WriteCoalescer::Decision;

const absl::Time kStart = absl::FromUnixSeconds(1'700'000'000);
constexpr absl::Duration kHold = absl::Milliseconds(20);

TEST(WriteCoalescerTest, AFirstMessageIsHeldUntilItsDueTime) {
  WriteCoalescer coalescer(8, kHold);
  EXPECT_EQ(coalescer.Decide(1, false, kStart), Decision::kHold);
  EXPECT_EQ(coalescer.due(), kStart + kHold);
  // Later messages do not push the due time back.
  EXPECT_EQ(coalescer.Decide(3, false, kStart + absl::Milliseconds(19)),
            Decision::kHold);
  EXPECT_EQ(coalescer.due(), kStart + kHold);
  EXPECT_EQ(coalescer.Decide(3, false, kStart + kHold), Decision::kWrite);
}

TEST(WriteCoalescerTest, AFullBatchIsWrittenAtOnce) {
  WriteCoalescer coalescer(8, kHold);
  EXPECT_EQ(coalescer.Decide(7, false, kStart), Decision::kHold);
  EXPECT_EQ(coalescer.Decide(8, false, kStart + absl::Milliseconds(1)),
            Decision::kWrite);
}

TEST(WriteCoalescerTest, AnUrgentStreamNeverHolds) {
  WriteCoalescer coalescer(8, kHold);
  EXPECT_EQ(coalescer.Decide(1, true, kStart), Decision::kWrite);
}

TEST(WriteCoalescerTest, ABurstWritesEveryQueuedMessageThenTheNextOneIsHeld) {
  WriteCoalescer coalescer(8, kHold);
  ASSERT_EQ(coalescer.Decide(8, false, kStart), Decision::kWrite);
  // Until the queue runs empty, each completed write starts the next one,
  // also for messages queued during the burst.
  for (int queued = 7; queued >= 1; --queued) {
    EXPECT_EQ(coalescer.Decide(queued, false, kStart), Decision::kWrite);
  }
  EXPECT_EQ(coalescer.Decide(2, false, kStart), Decision::kWrite);
  coalescer.QueueEmptied();
  const absl::Time later = kStart + absl::Milliseconds(50);
  EXPECT_EQ(coalescer.Decide(1, false, later), Decision::kHold);
  EXPECT_EQ(coalescer.due(), later + kHold);
}

TEST(WriteCoalescerTest, AHoldEndedByItsDueTimeStartsABurst) {
  WriteCoalescer coalescer(8, kHold);
  ASSERT_EQ(coalescer.Decide(1, false, kStart), Decision::kHold);
  ASSERT_EQ(coalescer.Decide(1, false, kStart + kHold), Decision::kWrite);
  EXPECT_EQ(coalescer.Decide(1, false, kStart + kHold), Decision::kWrite);
}

TEST(WriteCoalescerTest, ABatchOfOneNeverHolds) {
  WriteCoalescer coalescer(0, kHold);  // raised to 1
  EXPECT_EQ(coalescer.batch(), 1);
  EXPECT_EQ(coalescer.Decide(1, false, kStart), Decision::kWrite);
}

}  // namespace
}  // namespace sslstore::service::sync
