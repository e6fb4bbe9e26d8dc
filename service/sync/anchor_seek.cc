#include "service/sync/anchor_seek.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "service/sync/order_work.h"

namespace sslstore::service::sync {
namespace {

int64_t IdOf(const FeedRow& row) {
  return row.rejected.ok() ? OrderIdOf(row.order) : 0;
}

}  // namespace

std::optional<AnchorSeek> AnchorSeek::For(const SyncPosition& start,
                                          int window_limit) {
  const int64_t first = RowsBefore(start);
  const int64_t expected = first - 1 - start.anchor_rows_after;
  if (start.anchor_order_id <= 0 || expected < 0) return std::nullopt;
  return AnchorSeek(
      ResumeAnchor{start.anchor_order_id, start.anchor_rows_after}, first,
      expected, window_limit);
}

AnchorSeek::AnchorSeek(ResumeAnchor anchor, int64_t start, int64_t expected,
                       int window_limit)
    : anchor_(anchor),
      start_(start),
      expected_(expected),
      window_limit_(window_limit) {}

int64_t AnchorSeek::FeedStart(int page_size) const {
  return std::max<int64_t>(0, expected_ - page_size);
}

std::optional<AnchorSeek::Outcome> AnchorSeek::Read(PageFeed& feed) {
  FeedRow row;
  while (feed.NextRow(&row)) {
    if (IdOf(row) == anchor_.order_id) return Found(row);
    held_.push_back(std::move(row));
    if (PastWindow()) break;
  }
  if (!feed.Finished() && !PastWindow()) return std::nullopt;
  return GaveUp();
}

bool AnchorSeek::PastWindow() const {
  return !held_.empty() && held_.back().position - expected_ >= window_limit_;
}

AnchorSeek::Outcome AnchorSeek::Found(const FeedRow& anchor_row) {
  Outcome outcome;
  outcome.found = true;
  for (const FeedRow& held : held_) {
    const int64_t id = IdOf(held);
    if (id > 0) outcome.seen_ids.push_back(id);
  }
  outcome.seen_ids.push_back(anchor_.order_id);
  outcome.listing_moved = anchor_row.position != expected_;
  outcome.restart = anchor_row.position + 1 + anchor_.rows_after;
  outcome.anchor = anchor_;
  held_.clear();
  return outcome;
}

AnchorSeek::Outcome AnchorSeek::GaveUp() {
  Outcome outcome;
  outcome.restart = held_.empty() ? start_ : held_.front().position;
  outcome.warning = absl::StrCat(
      "the resumed sync did not find order ", anchor_.order_id,
      ", the last one delivered before the interruption, near where it was: "
      "the order list changed; up to ",
      std::max<int64_t>(0, start_ - outcome.restart),
      " orders delivered before the interruption may arrive again");
  outcome.released = std::move(held_);
  held_.clear();
  return outcome;
}

}  // namespace sslstore::service::sync
