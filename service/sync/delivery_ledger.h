#ifndef SERVICE_SYNC_DELIVERY_LEDGER_H_
#define SERVICE_SYNC_DELIVERY_LEDGER_H_

#include <cstdint>
#include <deque>
#include <set>
#include <vector>

namespace sslstore::service::sync {

// Which inventory positions a sync has delivered, for exactly-once resume.
// Rows are dispatched in position order; they finish in any order. The
// ledger keeps the first position not yet handled (everything before it
// was delivered) and a window of the dispatched positions after it, whose
// handled order ids go into a resume token. Not thread-safe.
class DeliveryLedger {
 public:
  // Positions before `start` are already handled; `skip_ids` are orders an
  // earlier stream delivered after `start` (from its resume token).
  DeliveryLedger(int64_t start, const std::vector<int64_t>& skip_ids);

  // True (once) when `order_id` was delivered by the earlier stream: the row
  // needs no work and counts as handled.
  bool TakeSkip(int64_t order_id);

  // Notes that the row at `position` (> every earlier one) is in progress.
  // Gaps (rows the page no longer has) count as handled.
  void Dispatch(int64_t position, int64_t order_id);

  // Notes that the row at `position` was delivered (or needs no delivery).
  void Handled(int64_t position);

  // First position not yet handled.
  int64_t first_unhandled() const { return base_; }
  // Dispatched positions from first_unhandled() on, handled or not.
  int64_t window_size() const { return static_cast<int64_t>(window_.size()); }

  // Ids of the orders handled after first_unhandled(), plus the skip ids not
  // met yet: what a resume token must list.
  std::vector<int64_t> DeliveredBeyond() const;

 private:
  struct Slot {
    int64_t order_id = 0;
    bool handled = false;
  };
  void Advance();

  int64_t base_;
  std::deque<Slot> window_;  // window_[i] is position base_ + i
  std::set<int64_t> skip_ids_;
};

}  // namespace sslstore::service::sync

#endif  // SERVICE_SYNC_DELIVERY_LEDGER_H_
