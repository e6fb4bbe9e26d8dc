#include "service/sync/page_feed.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace sslstore::service::sync {
namespace {

client::QueryResponse Page(int first_id, int rows) {
  client::QueryResponse response;
  for (int i = 0; i < rows; ++i) {
    client::OrderResponse order;
    order.the_ssl_store_order_id = absl::StrCat(first_id + i);
    response.orders.push_back(order);
  }
  response.row_count = rows;
  return response;
}

TEST(PageFeedTest, FetchesOnePageAheadAndStopsOnShortPage) {
  PageFeed feed(1, 3, 0);
  EXPECT_EQ(feed.TakePageToFetch(), 1);
  EXPECT_EQ(feed.TakePageToFetch(), std::nullopt);  // one outstanding
  feed.OnPage(1, Page(1, 3));
  EXPECT_EQ(feed.TakePageToFetch(), 2);  // prefetch while page 1 is used
  feed.OnPage(2, Page(4, 3));
  EXPECT_EQ(feed.TakePageToFetch(), std::nullopt);  // two pages buffered
  FeedRow row;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(feed.NextRow(&row));
  EXPECT_EQ(row.position, 2);
  EXPECT_EQ(feed.TakePageToFetch(), 3);
  feed.OnPage(3, Page(7, 1));
  EXPECT_EQ(feed.TakePageToFetch(), std::nullopt);  // short page: the end
  int taken = 0;
  while (feed.NextRow(&row)) ++taken;
  EXPECT_EQ(taken, 4);
  EXPECT_EQ(row.position, 6);
  EXPECT_EQ(row.order.the_ssl_store_order_id, "7");
  EXPECT_TRUE(feed.Finished());
  EXPECT_EQ(feed.pages_fetched(), 3);
  EXPECT_EQ(feed.end_position(), 7);
}

TEST(PageFeedTest, EmptyPageEnds) {
  PageFeed feed(1, 3, 0);
  ASSERT_EQ(feed.TakePageToFetch(), 1);
  feed.OnPage(1, Page(1, 0));
  EXPECT_TRUE(feed.Finished());
  EXPECT_EQ(feed.TakePageToFetch(), std::nullopt);
}

TEST(PageFeedTest, ResumeSkipsDeliveredRows) {
  PageFeed feed(4, 5, 2);
  ASSERT_EQ(feed.TakePageToFetch(), 4);
  feed.OnPage(4, Page(16, 5));
  FeedRow row;
  ASSERT_TRUE(feed.NextRow(&row));
  EXPECT_EQ(row.position, 17);  // (4-1)*5 + 2
  EXPECT_EQ(row.order.the_ssl_store_order_id, "18");
}

TEST(PageFeedTest, RejectedRowsKeepTheirPlaceAndFailureStopsFetching) {
  PageFeed feed(1, 3, 0);
  ASSERT_EQ(feed.TakePageToFetch(), 1);
  client::QueryResponse page = Page(1, 2);
  page.rejected_rows.push_back(absl::InternalError("row 2: bad"));
  page.row_count = 3;
  feed.OnPage(1, page);
  FeedRow row;
  ASSERT_TRUE(feed.NextRow(&row));
  EXPECT_FALSE(row.rejected.ok());
  EXPECT_EQ(feed.TakePageToFetch(), 2);
  feed.OnPageFailed();
  EXPECT_EQ(feed.TakePageToFetch(), std::nullopt);
  EXPECT_FALSE(feed.Finished());
}

}  // namespace
}  // namespace sslstore::service::sync
