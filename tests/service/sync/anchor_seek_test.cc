#include "service/sync/anchor_seek.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace sslstore::service::sync {
namespace {

constexpr int kPageSize = 5;

client::QueryResponse Page(const std::vector<int64_t>& ids) {
  client::QueryResponse response;
  for (int64_t id : ids) {
    client::OrderResponse order;
    order.the_sslstore_order_id = absl::StrCat(id);
    response.orders.push_back(order);
  }
  response.row_count = static_cast<int>(ids.size());
  return response;
}

// A position after the first page of kPageSize rows, whose last row (at
// position 4) was order `anchor_id`.
SyncPosition AfterFirstPage(int64_t anchor_id) {
  SyncPosition position;
  position.page = 2;
  position.page_size = kPageSize;
  position.anchor_order_id = anchor_id;
  return position;
}

// Feeds `ids` to `feed` as its next page.
void Receive(PageFeed& feed, const std::vector<int64_t>& ids) {
  std::optional<PageRequest> request = feed.TakePageToFetch();
  ASSERT_TRUE(request.has_value());
  feed.OnPage(request->page, Page(ids));
}

std::vector<int64_t> Positions(const std::deque<FeedRow>& rows) {
  std::vector<int64_t> positions;
  for (const FeedRow& row : rows) positions.push_back(row.position);
  return positions;
}

TEST(AnchorSeekTest, NothingToSeekWithoutAnAnchorBeforeTheFirstRow) {
  EXPECT_FALSE(AnchorSeek::For(AfterFirstPage(0), 1024).has_value());
  SyncPosition first_row;
  first_row.anchor_order_id = 7;  // page 1, nothing done: no row before
  EXPECT_FALSE(AnchorSeek::For(first_row, 1024).has_value());
  std::optional<AnchorSeek> seek = AnchorSeek::For(AfterFirstPage(6), 1024);
  ASSERT_TRUE(seek.has_value());
  EXPECT_EQ(seek->FeedStart(kPageSize), 0);
  EXPECT_EQ(seek->FeedStart(2), 2);
}

TEST(AnchorSeekTest, AnchorWhereItWasContinuesRightAfterIt) {
  std::optional<AnchorSeek> seek = AnchorSeek::For(AfterFirstPage(6), 1024);
  ASSERT_TRUE(seek.has_value());
  PageFeed feed(seek->FeedStart(kPageSize), kPageSize);
  Receive(feed, {10, 9, 8, 7, 6});
  std::optional<AnchorSeek::Outcome> outcome = seek->Read(feed);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_TRUE(outcome->found);
  EXPECT_FALSE(outcome->listing_moved);
  EXPECT_EQ(outcome->restart, 5);
  EXPECT_EQ(outcome->anchor.order_id, 6);
  EXPECT_EQ(outcome->seen_ids, (std::vector<int64_t>{10, 9, 8, 7, 6}));
  EXPECT_TRUE(outcome->released.empty());
  EXPECT_TRUE(outcome->warning.empty());
}

TEST(AnchorSeekTest, AnchorMovedDownByNewOrdersIsFoundOnALaterPage) {
  std::optional<AnchorSeek> seek = AnchorSeek::For(AfterFirstPage(6), 1024);
  ASSERT_TRUE(seek.has_value());
  PageFeed feed(seek->FeedStart(kPageSize), kPageSize);
  Receive(feed, {100, 99, 10, 9, 8});
  EXPECT_FALSE(seek->Read(feed).has_value()) << "reads on";
  Receive(feed, {7, 6, 5, 4, 3});
  std::optional<AnchorSeek::Outcome> outcome = seek->Read(feed);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_TRUE(outcome->found);
  EXPECT_TRUE(outcome->listing_moved);
  EXPECT_EQ(outcome->restart, 7);
  EXPECT_EQ(outcome->seen_ids, (std::vector<int64_t>{100, 99, 10, 9, 8, 7, 6}));
  FeedRow next;
  ASSERT_TRUE(feed.NextRow(&next)) << "rows after the anchor stay in the feed";
  EXPECT_EQ(next.position, 7);
}

TEST(AnchorSeekTest, GivesUpPastTheWindowAndReleasesTheHeldRows) {
  std::optional<AnchorSeek> seek = AnchorSeek::For(AfterFirstPage(999), 3);
  ASSERT_TRUE(seek.has_value());
  PageFeed feed(seek->FeedStart(kPageSize), kPageSize);
  Receive(feed, {10, 9, 8, 7, 6});
  EXPECT_FALSE(seek->Read(feed).has_value());
  Receive(feed, {5, 4, 3, 2, 1});
  std::optional<AnchorSeek::Outcome> outcome = seek->Read(feed);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_FALSE(outcome->found);
  EXPECT_EQ(outcome->restart, 0);
  EXPECT_EQ(outcome->anchor.order_id, 0);
  EXPECT_TRUE(outcome->seen_ids.empty());
  // Expected at 4, so the window of 3 ends at position 7.
  EXPECT_EQ(Positions(outcome->released),
            (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_NE(outcome->warning.find("order 999"), std::string::npos);
  EXPECT_NE(outcome->warning.find("up to 5 orders"), std::string::npos);
}

TEST(AnchorSeekTest, GivesUpWhenTheListingEnds) {
  std::optional<AnchorSeek> seek = AnchorSeek::For(AfterFirstPage(999), 1024);
  ASSERT_TRUE(seek.has_value());
  PageFeed feed(seek->FeedStart(kPageSize), kPageSize);
  Receive(feed, {10, 9, 8, 7, 6});
  EXPECT_FALSE(seek->Read(feed).has_value());
  Receive(feed, {5, 4});  // short after a full page: the end
  std::optional<AnchorSeek::Outcome> outcome = seek->Read(feed);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_FALSE(outcome->found);
  EXPECT_EQ(Positions(outcome->released),
            (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6}));
}

TEST(AnchorSeekTest, RejectedRowsAreHeldButNeverTheAnchor) {
  std::optional<AnchorSeek> seek = AnchorSeek::For(AfterFirstPage(6), 1024);
  ASSERT_TRUE(seek.has_value());
  PageFeed feed(seek->FeedStart(kPageSize), kPageSize);
  client::QueryResponse page = Page({9, 8, 7, 6});
  page.rejected_rows.push_back(absl::InvalidArgumentError("bad row"));
  page.row_count = 5;
  std::optional<PageRequest> request = feed.TakePageToFetch();
  ASSERT_TRUE(request.has_value());
  feed.OnPage(request->page, std::move(page));
  std::optional<AnchorSeek::Outcome> outcome = seek->Read(feed);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_TRUE(outcome->found);
  EXPECT_EQ(outcome->seen_ids, (std::vector<int64_t>{9, 8, 7, 6}));
}

}  // namespace
}  // namespace sslstore::service::sync
