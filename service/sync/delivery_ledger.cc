#include "service/sync/delivery_ledger.h"

#include <cstddef>

namespace sslstore::service::sync {

DeliveryLedger::DeliveryLedger(int64_t start,
                               const std::vector<int64_t>& skip_ids,
                               Anchor anchor)
    : base_(start),
      skip_ids_(skip_ids.begin(), skip_ids.end()),
      anchor_(anchor) {}

void DeliveryLedger::Restart(int64_t start, Anchor anchor) {
  window_.clear();
  base_ = start;
  anchor_ = anchor;
}

bool DeliveryLedger::TakeSkip(int64_t order_id) {
  return skip_ids_.erase(order_id) > 0;
}

void DeliveryLedger::Dispatch(int64_t position, int64_t order_id) {
  Append(position, Slot{order_id, false, false});
}

void DeliveryLedger::Repeat(int64_t position, int64_t order_id) {
  Append(position, Slot{order_id, true, true});
}

void DeliveryLedger::Append(int64_t position, Slot slot) {
  const int64_t next = base_ + static_cast<int64_t>(window_.size());
  if (position < next) return;  // out of order: ignore (never happens)
  for (int64_t gap = next; gap < position; ++gap) {
    window_.push_back(Slot{0, true, false});
  }
  window_.push_back(slot);
  Advance();
}

void DeliveryLedger::Handled(int64_t position) {
  const int64_t index = position - base_;
  if (index < 0 || index >= static_cast<int64_t>(window_.size())) return;
  window_[static_cast<size_t>(index)].handled = true;
  Advance();
}

void DeliveryLedger::Advance() {
  while (!window_.empty() && window_.front().handled) {
    if (window_.front().order_id > 0) {
      anchor_ = Anchor{window_.front().order_id, 0};
    } else {
      ++anchor_.rows_after;
    }
    window_.pop_front();
    ++base_;
  }
}

std::vector<int64_t> DeliveryLedger::DeliveredBeyond() const {
  std::vector<int64_t> ids(skip_ids_.begin(), skip_ids_.end());
  for (const Slot& slot : window_) {
    if (slot.handled && !slot.repeat && slot.order_id > 0) {
      ids.push_back(slot.order_id);
    }
  }
  return ids;
}

}  // namespace sslstore::service::sync
