#include "service/sync/page_feed.h"

#include <algorithm>
#include <utility>

namespace sslstore::service::sync {

PageFeed::PageFeed(int64_t start, int page_size)
    : page_size_(std::max(page_size, 1)),
      next_page_(std::max<int64_t>(start, 0) / page_size_ + 1),
      skip_rows_(std::max<int64_t>(start, 0) % page_size_) {}

std::optional<PageRequest> PageFeed::TakePageToFetch() {
  if (fetching_ || reached_end_ || stopped_ || pages_.size() >= 2) {
    return std::nullopt;
  }
  fetching_ = true;
  return PageRequest{next_page_, page_size_};
}

void PageFeed::OnPage(int64_t page, client::QueryResponse response) {
  fetching_ = false;
  if (page != next_page_) return;  // not the outstanding fetch
  ++pages_fetched_;
  const int64_t rows = static_cast<int64_t>(response.rejected_rows.size()) +
                       static_cast<int64_t>(response.orders.size());
  const int64_t count = std::max<int64_t>(response.row_count, rows);
  const int64_t base = (page - 1) * page_size_;
  if (count == 0) {
    reached_end_ = true;
    page_ends_.push_back(base + skip_rows_);
    return;
  }
  if (count < page_size_ && !had_full_page_ && base > 0) {
    // Which rows a capped server served depends on whether it computed the
    // offset with its size or ours: fetch them again at its size.
    const int64_t from = base + skip_rows_;
    page_size_ = static_cast<int>(count);
    next_page_ = from / page_size_ + 1;
    skip_rows_ = from % page_size_;
    ++pages_refetched_;
    return;
  }
  // Shorter than an earlier full page: the end.
  if (count < page_size_ && had_full_page_) reached_end_ = true;
  Page buffered;
  int64_t index = 0;
  auto add = [&](FeedRow row) {
    row.position = base + index++;
    if (index <= skip_rows_ || index > page_size_) return;
    buffered.rows.push_back(std::move(row));
  };
  for (absl::Status& rejected : response.rejected_rows) {
    FeedRow row;
    row.rejected = std::move(rejected);
    add(std::move(row));
  }
  for (client::OrderResponse& order : response.orders) {
    FeedRow row;
    row.order = std::move(order);
    add(std::move(row));
  }
  rows_seen_ += static_cast<int64_t>(buffered.rows.size());
  const int64_t end = base + std::min<int64_t>(index, page_size_);
  page_ends_.push_back(end);
  if (!buffered.rows.empty()) pages_.push_back(std::move(buffered));
  if (count < page_size_ && !reached_end_) {
    // A short first page (offset 0 whatever size the server used): ask for
    // this many rows from now on, the next page starting where we are.
    const int64_t next = std::max(base + skip_rows_, end);
    page_size_ = static_cast<int>(count);
    next_page_ = next / page_size_ + 1;
    skip_rows_ = next % page_size_;
  } else {
    ++next_page_;
    skip_rows_ = 0;
  }
  had_full_page_ = true;  // this page was full at the size now in force
}

void PageFeed::OnPageFailed() {
  fetching_ = false;
  stopped_ = true;
}

bool PageFeed::NextRow(FeedRow* row) {
  while (!pages_.empty() && pages_.front().rows.empty()) pages_.pop_front();
  if (pages_.empty()) return false;
  *row = std::move(pages_.front().rows.front());
  pages_.front().rows.pop_front();
  if (pages_.front().rows.empty()) pages_.pop_front();
  return true;
}

bool PageFeed::TakeCompletedPage(int64_t first_unhandled) {
  if (page_ends_.empty() || page_ends_.front() > first_unhandled) return false;
  page_ends_.pop_front();
  return true;
}

bool PageFeed::Finished() const { return reached_end_ && pages_.empty(); }

}  // namespace sslstore::service::sync
