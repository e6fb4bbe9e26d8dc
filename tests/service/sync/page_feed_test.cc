#include "service/sync/page_feed.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace sslstore::service::sync {
namespace {

client::QueryResponse Page(int first_id, int rows) {
  client::QueryResponse response;
  for (int i = 0; i < rows; ++i) {
    client::OrderResponse order;
    order.the_sslstore_order_id = absl::StrCat(first_id + i);
    response.orders.push_back(order);
  }
  response.row_count = rows;
  return response;
}

// The page a server with `total` orders (ids 1..total, ascending) serves for
// `request` when it caps the page size at `cap` (0: no cap). With
// `offset_by_cap` it computes the offset with its capped size, otherwise
// with the requested one.
client::QueryResponse Serve(const PageRequest& request, int total, int cap,
                            bool offset_by_cap) {
  const int64_t served =
      cap > 0 ? std::min(request.page_size, cap) : request.page_size;
  const int64_t offset =
      (request.page - 1) * (offset_by_cap ? served : request.page_size);
  const int64_t rows =
      std::max<int64_t>(0, std::min<int64_t>(served, total - offset));
  return Page(static_cast<int>(offset + 1), static_cast<int>(rows));
}

// Runs a feed from `start` against Serve() until it ends; returns the ids
// of the rows taken, in order, and counts the query calls.
std::vector<int64_t> Drain(PageFeed& feed, int total, int cap,
                           bool offset_by_cap, int* calls) {
  std::vector<int64_t> ids;
  FeedRow row;
  *calls = 0;
  while (!feed.Finished()) {
    std::optional<PageRequest> request = feed.TakePageToFetch();
    if (!request.has_value()) {
      EXPECT_TRUE(feed.NextRow(&row)) << "stuck";
      if (::testing::Test::HasFailure()) break;
      ids.push_back(std::stoll(row.order.the_sslstore_order_id));
      EXPECT_EQ(row.position + 1, ids.back()) << "position of a row";
      continue;
    }
    ++*calls;
    feed.OnPage(request->page, Serve(*request, total, cap, offset_by_cap));
    if (*calls > 1000) {
      ADD_FAILURE() << "no end";
      break;
    }
  }
  return ids;
}

std::vector<int64_t> Range(int64_t from, int64_t to) {
  std::vector<int64_t> ids;
  for (int64_t id = from; id <= to; ++id) ids.push_back(id);
  return ids;
}

TEST(PageFeedTest, FetchesOnePageAheadAndStopsOnShortPageAfterAFullOne) {
  PageFeed feed(0, 3);
  EXPECT_EQ(feed.TakePageToFetch()->page, 1);
  EXPECT_EQ(feed.TakePageToFetch(), std::nullopt);  // one outstanding
  feed.OnPage(1, Page(1, 3));
  std::optional<PageRequest> next = feed.TakePageToFetch();
  ASSERT_TRUE(next.has_value());  // prefetch while page 1 is used
  EXPECT_EQ(next->page, 2);
  EXPECT_EQ(next->page_size, 3);
  feed.OnPage(2, Page(4, 3));
  EXPECT_EQ(feed.TakePageToFetch(), std::nullopt);  // two pages buffered
  FeedRow row;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(feed.NextRow(&row));
  EXPECT_EQ(row.position, 2);
  EXPECT_EQ(feed.TakePageToFetch()->page, 3);
  feed.OnPage(3, Page(7, 1));
  EXPECT_EQ(feed.TakePageToFetch(), std::nullopt);  // short after full: end
  int taken = 0;
  while (feed.NextRow(&row)) ++taken;
  EXPECT_EQ(taken, 4);
  EXPECT_EQ(row.position, 6);
  EXPECT_EQ(row.order.the_sslstore_order_id, "7");
  EXPECT_TRUE(feed.Finished());
  EXPECT_EQ(feed.pages_fetched(), 3);
  EXPECT_EQ(feed.rows_seen(), 7);
}

TEST(PageFeedTest, EmptyPageEnds) {
  PageFeed feed(0, 3);
  ASSERT_EQ(feed.TakePageToFetch()->page, 1);
  feed.OnPage(1, Page(1, 0));
  EXPECT_TRUE(feed.Finished());
  EXPECT_EQ(feed.TakePageToFetch(), std::nullopt);
}

TEST(PageFeedTest, ShortFirstPageDoesNotEndTheListing) {
  PageFeed feed(0, 100);
  ASSERT_EQ(feed.TakePageToFetch()->page, 1);
  feed.OnPage(1, Page(1, 40));  // a cap of 40, or the whole listing
  EXPECT_FALSE(feed.Finished());
  std::optional<PageRequest> next = feed.TakePageToFetch();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->page, 2);
  EXPECT_EQ(next->page_size, 40);  // offset 40: right after what we have
  EXPECT_EQ(feed.page_size(), 40);
  feed.OnPage(2, Page(41, 0));
  FeedRow row;
  int taken = 0;
  while (feed.NextRow(&row)) ++taken;
  EXPECT_EQ(taken, 40);
  EXPECT_TRUE(feed.Finished());
}

TEST(PageFeedTest, CappedServerDeliversEveryRowOnceWhicheverOffsetsItUses) {
  for (bool offset_by_cap : {true, false}) {
    for (int cap : {1, 7, 25, 50, 99}) {
      for (int total : {0, 1, 24, 25, 26, 99, 100, 101, 250}) {
        SCOPED_TRACE(absl::StrCat("cap ", cap, " total ", total, " offsets ",
                                  offset_by_cap ? "capped" : "requested"));
        PageFeed feed(0, 100);
        int calls = 0;
        EXPECT_EQ(Drain(feed, total, cap, offset_by_cap, &calls),
                  Range(1, total));
        // One call per page of the capped size, plus the empty or short
        // final one.
        EXPECT_LE(calls, total / std::min(cap, 100) + 2);
        EXPECT_EQ(feed.pages_refetched(), 0);
      }
    }
  }
}

TEST(PageFeedTest, UncappedServerEndsOnTheShortPage) {
  PageFeed feed(0, 10);
  int calls = 0;
  EXPECT_EQ(Drain(feed, 35, 0, false, &calls), Range(1, 35));
  EXPECT_EQ(calls, 4);  // 3 full pages and the short one
}

TEST(PageFeedTest, ResumeSkipsDeliveredRows) {
  PageFeed feed(17, 5);  // page 4, 2 rows in
  ASSERT_EQ(feed.TakePageToFetch()->page, 4);
  feed.OnPage(4, Page(16, 5));
  FeedRow row;
  ASSERT_TRUE(feed.NextRow(&row));
  EXPECT_EQ(row.position, 17);  // (4-1)*5 + 2
  EXPECT_EQ(row.order.the_sslstore_order_id, "18");
}

TEST(PageFeedTest, ResumeUnderANewCapRefetchesTheShortPageAtItsSize) {
  for (bool offset_by_cap : {true, false}) {
    SCOPED_TRACE(offset_by_cap ? "capped offsets" : "requested offsets");
    PageFeed feed(23, 10);  // page 3, 3 rows in, at a size of 10
    int calls = 0;
    EXPECT_EQ(Drain(feed, 60, 4, offset_by_cap, &calls), Range(24, 60));
    EXPECT_EQ(feed.pages_refetched(), 1);
    EXPECT_EQ(feed.page_size(), 4);
  }
}

TEST(PageFeedTest, ShortFirstPageOfAResumeInsidePageOne) {
  // A token 5 rows into page 1 at size 10; the server now serves 3 a page.
  PageFeed feed(5, 10);
  int calls = 0;
  EXPECT_EQ(Drain(feed, 12, 3, true, &calls), Range(6, 12));
}

TEST(PageFeedTest, CompletedPagesAreReportedInOrderOnceTheirRowsAreHandled) {
  PageFeed feed(0, 3);
  feed.TakePageToFetch();
  feed.OnPage(1, Page(1, 3));
  feed.TakePageToFetch();
  feed.OnPage(2, Page(4, 0));
  EXPECT_FALSE(feed.TakeCompletedPage(2));
  EXPECT_TRUE(feed.TakeCompletedPage(3));   // page 1: rows 0..2
  EXPECT_TRUE(feed.TakeCompletedPage(3));   // page 2: empty
  EXPECT_FALSE(feed.TakeCompletedPage(3));  // nothing more
}

TEST(PageFeedTest, RejectedRowsKeepTheirPlaceAndFailureStopsFetching) {
  PageFeed feed(0, 3);
  ASSERT_EQ(feed.TakePageToFetch()->page, 1);
  client::QueryResponse page = Page(1, 2);
  page.rejected_rows.push_back(absl::InternalError("row 2: bad"));
  page.row_count = 3;
  feed.OnPage(1, page);
  FeedRow row;
  ASSERT_TRUE(feed.NextRow(&row));
  EXPECT_FALSE(row.rejected.ok());
  EXPECT_EQ(feed.TakePageToFetch()->page, 2);
  feed.OnPageFailed();
  EXPECT_EQ(feed.TakePageToFetch(), std::nullopt);
  EXPECT_FALSE(feed.Finished());
}

}  // namespace
}  // namespace sslstore::service::sync
