#ifndef SERVICE_SYNC_PAGE_FEED_H_
#define SERVICE_SYNC_PAGE_FEED_H_

#include <cstdint>
#include <deque>
#include <optional>

#include "absl/status/status.h"
#include "sslstore_client/order_models.h"

namespace sslstore::service::sync {

// One row of a /rest/order/query page, with its position in the inventory:
// (page - 1) * page_size + index in the page.
struct FeedRow {
  int64_t position = 0;
  // The order, or the parse error of a row the client rejected.
  client::OrderResponse order;
  absl::Status rejected;
};

// The paging state of a sync: which page to fetch next, with at most one
// page fetched ahead of the page being dispatched (prefetch), stopping after
// a short or empty page. Holds at most two pages of rows. Not thread-safe.
class PageFeed {
 public:
  // Starts at 1-based `first_page`, dropping its first `skip_rows` rows
  // (already delivered by an interrupted sync).
  PageFeed(int64_t first_page, int page_size, int64_t skip_rows);

  // The page to fetch now, if any: none while a fetch is outstanding, after
  // the last page, after Stop(), or while two pages are buffered. Marks the
  // fetch outstanding.
  std::optional<int64_t> TakePageToFetch();

  // Records the answer for `page` (the outstanding fetch). A page with fewer
  // rows than the page size is the last one. Rejected rows come first.
  void OnPage(int64_t page, client::QueryResponse response);

  // The outstanding fetch failed (or is abandoned): fetch nothing more.
  void OnPageFailed();

  // Fetch nothing more (the rows already buffered may still be taken).
  void Stop() { stopped_ = true; }

  // Takes the next buffered row in inventory order; false when none is
  // buffered.
  bool NextRow(FeedRow* row);

  // True once the last page was received and every row taken.
  bool Finished() const;
  // True while a fetch is outstanding.
  bool fetching() const { return fetching_; }
  // Pages received.
  int64_t pages_fetched() const { return pages_fetched_; }
  // Orders listed on the received pages (accepted and rejected rows).
  int64_t rows_seen() const { return rows_seen_; }
  // The last page received (0 before the first).
  int64_t last_page() const { return last_page_; }
  // The position after the last row received.
  int64_t end_position() const { return end_position_; }

 private:
  struct Page {
    int64_t number = 0;
    std::deque<FeedRow> rows;
  };

  const int page_size_;
  int64_t next_page_;
  int64_t skip_rows_;
  std::deque<Page> pages_;
  bool fetching_ = false;
  bool reached_end_ = false;
  bool stopped_ = false;
  int64_t pages_fetched_ = 0;
  int64_t rows_seen_ = 0;
  int64_t last_page_ = 0;
  int64_t end_position_ = 0;
};

}  // namespace sslstore::service::sync

#endif  // SERVICE_SYNC_PAGE_FEED_H_
