#include "service/sync/page_feed.h"

#include <algorithm>
#include <utility>

namespace sslstore::service::sync {

PageFeed::PageFeed(int64_t first_page, int page_size, int64_t skip_rows)
    : page_size_(page_size),
      next_page_(first_page),
      skip_rows_(skip_rows),
      end_position_((first_page - 1) * page_size + skip_rows) {}

std::optional<int64_t> PageFeed::TakePageToFetch() {
  if (fetching_ || reached_end_ || stopped_ || pages_.size() >= 2) {
    return std::nullopt;
  }
  fetching_ = true;
  return next_page_;
}

void PageFeed::OnPage(int64_t page, client::QueryResponse response) {
  fetching_ = false;
  if (page != next_page_) return;  // not the outstanding fetch
  ++pages_fetched_;
  ++next_page_;
  last_page_ = page;
  const int64_t rows = static_cast<int64_t>(response.rejected_rows.size()) +
                       static_cast<int64_t>(response.orders.size());
  const int64_t count = std::max<int64_t>(response.row_count, rows);
  if (count < page_size_) reached_end_ = true;
  Page buffered;
  buffered.number = page;
  const int64_t base = (page - 1) * page_size_;
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
  skip_rows_ = 0;
  end_position_ = base + std::min<int64_t>(index, page_size_);
  if (!buffered.rows.empty()) pages_.push_back(std::move(buffered));
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

bool PageFeed::Finished() const { return reached_end_ && pages_.empty(); }

}  // namespace sslstore::service::sync
