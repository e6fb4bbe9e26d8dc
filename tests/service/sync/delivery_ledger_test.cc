#include "service/sync/delivery_ledger.h"

#include <algorithm>

#include "gtest/gtest.h"

namespace sslstore::service::sync {
namespace {

std::vector<int64_t> Sorted(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST(DeliveryLedgerTest, PrefixAdvancesOnlyOverHandledRows) {
  DeliveryLedger ledger(10, {});
  ledger.Dispatch(10, 100);
  ledger.Dispatch(11, 101);
  ledger.Dispatch(12, 102);
  ledger.Handled(12);
  EXPECT_EQ(ledger.first_unhandled(), 10);
  EXPECT_EQ(ledger.DeliveredBeyond(), std::vector<int64_t>{102});
  ledger.Handled(10);
  EXPECT_EQ(ledger.first_unhandled(), 11);
  ledger.Handled(11);
  EXPECT_EQ(ledger.first_unhandled(), 13);
  EXPECT_TRUE(ledger.DeliveredBeyond().empty());
  EXPECT_EQ(ledger.window_size(), 0);
}

TEST(DeliveryLedgerTest, SkipIdsAreTakenOnceAndCarriedUntilMet) {
  DeliveryLedger ledger(0, {5, 9});
  EXPECT_EQ(Sorted(ledger.DeliveredBeyond()), (std::vector<int64_t>{5, 9}));
  EXPECT_TRUE(ledger.TakeSkip(5));
  EXPECT_FALSE(ledger.TakeSkip(5));
  EXPECT_FALSE(ledger.TakeSkip(6));
  EXPECT_EQ(ledger.DeliveredBeyond(), std::vector<int64_t>{9});
}

TEST(DeliveryLedgerTest, GapsCountAsHandled) {
  DeliveryLedger ledger(0, {});
  ledger.Dispatch(3, 7);
  EXPECT_EQ(ledger.first_unhandled(), 3);
  ledger.Handled(3);
  EXPECT_EQ(ledger.first_unhandled(), 4);
  ledger.Handled(99);  // unknown position: ignored
  EXPECT_EQ(ledger.first_unhandled(), 4);
}

TEST(DeliveryLedgerTest, AnchorIsTheLastHandledOrderBeforeThePosition) {
  DeliveryLedger ledger(4, {}, ResumeAnchor{33, 0});
  EXPECT_EQ(ledger.anchor().order_id, 33);
  ledger.Dispatch(4, 40);
  ledger.Dispatch(5, 0);  // a rejected row: no id
  ledger.Dispatch(6, 60);
  ledger.Handled(6);
  EXPECT_EQ(ledger.anchor().order_id, 33);  // position 4 is not handled
  ledger.Handled(5);
  ledger.Handled(4);
  EXPECT_EQ(ledger.first_unhandled(), 7);
  EXPECT_EQ(ledger.anchor().order_id, 60);
  EXPECT_EQ(ledger.anchor().rows_after, 0);
  ledger.Dispatch(7, 0);
  ledger.Handled(7);
  EXPECT_EQ(ledger.anchor().order_id, 60);
  EXPECT_EQ(ledger.anchor().rows_after, 1);
}

TEST(DeliveryLedgerTest, RepeatedRowsNeverCountAsTheOrdersDelivery) {
  DeliveryLedger ledger(0, {});
  ledger.Dispatch(0, 10);
  ledger.Dispatch(1, 11);  // in flight when it is listed again
  ledger.Repeat(2, 11);
  ledger.Dispatch(3, 12);
  ledger.Handled(3);
  // Order 11 may still fail: only order 12 was delivered beyond position 0.
  EXPECT_EQ(ledger.DeliveredBeyond(), std::vector<int64_t>{12});
  ledger.Handled(0);
  EXPECT_EQ(ledger.first_unhandled(), 1);
  EXPECT_EQ(ledger.anchor().order_id, 10);
  ledger.Handled(1);
  EXPECT_EQ(ledger.first_unhandled(), 4);
  EXPECT_EQ(ledger.anchor().order_id, 12);
  EXPECT_TRUE(ledger.DeliveredBeyond().empty());
}

TEST(DeliveryLedgerTest, ARepeatBecomesTheAnchorOnceEverythingBeforeIsHandled) {
  DeliveryLedger ledger(0, {});
  ledger.Dispatch(0, 10);
  ledger.Repeat(1, 10);
  ledger.Dispatch(2, 20);
  ledger.Handled(0);
  EXPECT_EQ(ledger.first_unhandled(), 2);
  EXPECT_EQ(ledger.anchor().order_id, 10);
  EXPECT_EQ(ledger.anchor().rows_after, 0);
}

TEST(DeliveryLedgerTest, RestartMovesThePositionAndKeepsTheSkipIds) {
  DeliveryLedger ledger(10, {77}, ResumeAnchor{9, 0});
  ledger.Restart(14, ResumeAnchor{9, 0});
  EXPECT_EQ(ledger.first_unhandled(), 14);
  EXPECT_EQ(ledger.next_position(), 14);
  EXPECT_EQ(ledger.DeliveredBeyond(), std::vector<int64_t>{77});
  ledger.Dispatch(14, 5);
  EXPECT_EQ(ledger.next_position(), 15);
}

}  // namespace
}  // namespace sslstore::service::sync
