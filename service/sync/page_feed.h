#ifndef SERVICE_SYNC_PAGE_FEED_H_
#define SERVICE_SYNC_PAGE_FEED_H_

#include <cstdint>
#include <deque>
#include <optional>

#include "absl/status/status.h"
#include "sslstore_client/order_models.h"

namespace sslstore::service::sync {

// One row of a /rest/order/query page, with its position in the inventory:
// (page - 1) * page_size + index in the page, i.e. the rows listed before it.
struct FeedRow {
  int64_t position = 0;
  // The order, or the parse error of a row the client rejected.
  client::OrderResponse order;
  absl::Status rejected;
};

// One /rest/order/query call to make.
struct PageRequest {
  // 1-based page number.
  int64_t page = 0;
  // Rows per page to ask for.
  int page_size = 0;
};

// The paging state of a sync: which page to fetch next, with at most one
// page fetched ahead of the page being dispatched (prefetch). Holds at most
// two pages of rows. Not thread-safe.
//
// The server's page-size cap is unknown, so a short page ends the listing
// only after an earlier full page; otherwise the page size shrinks to the
// rows the server served and the pages are renumbered so that the next
// page's offset, (page - 1) * page_size, is exactly the position reached.
// A short first page (offset 0 whatever size the server used) is kept; a
// short page at a later offset, whose rows depend on how the server
// computes offsets under its cap, is dropped and fetched again at the new
// size. An empty page always ends the listing.
class PageFeed {
 public:
  // Starts at inventory position `start` (rows before it are not wanted),
  // asking for `page_size` rows per page.
  PageFeed(int64_t start, int page_size);

  // The page to fetch now, if any: none while a fetch is outstanding, after
  // the last page, after Stop(), or while two pages are buffered. Marks the
  // fetch outstanding.
  std::optional<PageRequest> TakePageToFetch();

  // Records the answer for `page` (the outstanding fetch). Rejected rows
  // come first.
  void OnPage(int64_t page, client::QueryResponse response);

  // The outstanding fetch failed (or is abandoned): fetch nothing more.
  void OnPageFailed();

  // Fetch nothing more (the rows already buffered may still be taken).
  void Stop() { stopped_ = true; }

  // Takes the next buffered row in inventory order; false when none is
  // buffered.
  bool NextRow(FeedRow* row);

  // True (once per page, in page order) when every row of the oldest
  // received page not yet reported lies before `first_unhandled`. Empty
  // pages count; dropped short pages do not.
  bool TakeCompletedPage(int64_t first_unhandled);

  // True once the last page was received and every row taken.
  bool Finished() const;
  // True while a fetch is outstanding.
  bool fetching() const { return fetching_; }
  // Rows per page in force (positions and resume tokens refer to it).
  int page_size() const { return page_size_; }
  // Query calls answered (dropped short pages included).
  int64_t pages_fetched() const { return pages_fetched_; }
  // Short pages dropped and fetched again at a smaller page size.
  int64_t pages_refetched() const { return pages_refetched_; }
  // Orders listed on the received pages (accepted and rejected rows).
  int64_t rows_seen() const { return rows_seen_; }

 private:
  struct Page {
    std::deque<FeedRow> rows;
  };

  int page_size_;
  int64_t next_page_;
  int64_t skip_rows_;
  // A page with page_size_ rows was received (so a shorter page is the end).
  bool had_full_page_ = false;
  std::deque<Page> pages_;
  std::deque<int64_t> page_ends_;  // end position of each received page
  bool fetching_ = false;
  bool reached_end_ = false;
  bool stopped_ = false;
  int64_t pages_fetched_ = 0;
  int64_t pages_refetched_ = 0;
  int64_t rows_seen_ = 0;
};

}  // namespace sslstore::service::sync

#endif  // SERVICE_SYNC_PAGE_FEED_H_
