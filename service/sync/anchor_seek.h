#ifndef SERVICE_SYNC_ANCHOR_SEEK_H_
#define SERVICE_SYNC_ANCHOR_SEEK_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "service/sync/delivery_ledger.h"
#include "service/sync/page_feed.h"
#include "service/sync/resume_token.h"

namespace sslstore::service::sync {

// A resumed sync's search for its anchor: the last order delivered before
// the interruption. Orders placed since (newest-first listings) move every
// row down, so the search reads from a page before where the anchor was and
// holds the rows it reads meanwhile. Found, the stream continues right after
// it; not found within `window_limit` rows past where it was (or before the
// listing ends), the held rows are all dispatched, some perhaps repeats, and
// the summary says so. Not thread-safe.
class AnchorSeek {
 public:
  // What the search decided.
  struct Outcome {
    // The anchor was found (otherwise the search gave up).
    bool found = false;
    // The first position to dispatch, and its anchor (the same anchor when
    // found, none when not).
    int64_t restart = 0;
    ResumeAnchor anchor;
    // Found: the ids of the anchor and of the rows listed before it, which
    // this stream must pass over from now on.
    std::vector<int64_t> seen_ids;
    // Found elsewhere than expected: the listing moved.
    bool listing_moved = false;
    // Not found: the rows read meanwhile, to dispatch before the feed's,
    // and the summary warning that says orders may arrive again.
    std::deque<FeedRow> released;
    std::string warning;
  };

  // The search for `start`'s anchor, giving up `window_limit` rows past its
  // expected position; nullopt when `start` names no anchor or the anchor
  // would lie before the first row (nothing to look for).
  static std::optional<AnchorSeek> For(const SyncPosition& start,
                                       int window_limit);

  // Where the feed must start reading: a page of `page_size` rows before the
  // anchor's expected position (never before 0).
  int64_t FeedStart(int page_size) const;

  // Reads every row `feed` has buffered. The outcome once the anchor is
  // found or the search gives up; nullopt while it reads on (call again once
  // the next page is received).
  std::optional<Outcome> Read(PageFeed& feed);

 private:
  AnchorSeek(ResumeAnchor anchor, int64_t start, int64_t expected,
             int window_limit);

  // True once the held rows reach `window_limit_` rows past `expected_`.
  bool PastWindow() const;
  Outcome Found(const FeedRow& anchor_row);
  Outcome GaveUp();

  ResumeAnchor anchor_;
  // Where the token says the stream starts.
  int64_t start_;
  // Where the anchor was: start_ - 1 less the id-less rows after it.
  int64_t expected_;
  int window_limit_;
  std::deque<FeedRow> held_;
};

}  // namespace sslstore::service::sync

#endif  // SERVICE_SYNC_ANCHOR_SEEK_H_
