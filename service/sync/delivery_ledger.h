#ifndef SERVICE_SYNC_DELIVERY_LEDGER_H_
#define SERVICE_SYNC_DELIVERY_LEDGER_H_

#include <cstdint>
#include <deque>
#include <set>
#include <vector>

namespace sslstore::service::sync {

// The last order with an id handled before a sync's first unhandled
// position: what a resumed sync looks for to tell whether the listing moved.
struct ResumeAnchor {
  // Its TheSSLStoreOrderID; 0 when unknown.
  int64_t order_id = 0;
  // Rows without an id (rejected rows, gaps) between it and the position.
  int64_t rows_after = 0;
};

// Which inventory positions a sync has delivered, for exactly-once resume.
// Rows are dispatched in position order; they finish in any order. The
// ledger keeps the first position not yet handled (everything before it
// was delivered) and a window of the dispatched positions after it, whose
// handled order ids go into a resume token. Not thread-safe.
class DeliveryLedger {
 public:
  using Anchor = ResumeAnchor;

  // Positions before `start` are already handled; `skip_ids` are orders an
  // earlier stream delivered after `start` (from its resume token). `anchor`
  // is the last order with an id handled before `start`, if known.
  DeliveryLedger(int64_t start, const std::vector<int64_t>& skip_ids,
                 Anchor anchor = Anchor());

  // Starts again at `start` with `anchor` (before anything was dispatched,
  // e.g. once a resumed sync found where the listing moved to). The skip
  // ids not met yet are kept.
  void Restart(int64_t start, Anchor anchor);

  // True (once) when `order_id` was delivered by the earlier stream: the row
  // needs no work and counts as handled.
  bool TakeSkip(int64_t order_id);

  // Notes that the row at `position` (> every earlier one) is in progress.
  // Gaps (rows the page no longer has) count as handled.
  void Dispatch(int64_t position, int64_t order_id);

  // Notes that the row at `position` (> every earlier one) lists again an
  // order dispatched earlier in this stream (rows moved down): handled at
  // once, but never counted as that order's delivery, which is the earlier
  // row's (it may still fail). Only once everything before it is handled
  // does it become the anchor.
  void Repeat(int64_t position, int64_t order_id);

  // Notes that the row at `position` was delivered (or needs no delivery).
  void Handled(int64_t position);

  // First position not yet handled.
  int64_t first_unhandled() const { return base_; }
  // Dispatched positions from first_unhandled() on, handled or not.
  int64_t window_size() const { return static_cast<int64_t>(window_.size()); }
  // The position the next Dispatch() must have at least.
  int64_t next_position() const { return base_ + window_size(); }
  // The anchor of first_unhandled().
  Anchor anchor() const { return anchor_; }

  // Ids of the orders handled after first_unhandled(), plus the skip ids not
  // met yet: what a resume token must list.
  std::vector<int64_t> DeliveredBeyond() const;

 private:
  struct Slot {
    int64_t order_id = 0;
    bool handled = false;
    bool repeat = false;  // the order's delivery is an earlier row's
  };
  // Appends a slot for `position`, gaps before it counting as handled.
  void Append(int64_t position, Slot slot);
  void Advance();

  int64_t base_;
  std::deque<Slot> window_;  // window_[i] is position base_ + i
  std::set<int64_t> skip_ids_;
  Anchor anchor_;
};

}  // namespace sslstore::service::sync

#endif  // SERVICE_SYNC_DELIVERY_LEDGER_H_
