#ifndef SERVICE_SYNC_SYNC_PHASE_H_
#define SERVICE_SYNC_SYNC_PHASE_H_

#include "absl/strings/string_view.h"

namespace sslstore::service::sync {

// Where a SyncCertificates stream is in its life. Whether a message is being
// written, and how many orders are in flight, are not phases: they are
// counted beside it.
enum class SyncPhase {
  // A resumed stream looks for its anchor order (the last one delivered
  // before the interruption) and holds the rows it reads meanwhile; nothing
  // is dispatched yet. Pages are fetched.
  kSeeking,
  // Rows are dispatched as pages arrive; records are written as their orders
  // complete.
  kStreaming,
  // A page failed for good: no page is fetched any more, but the rows of the
  // pages already received are still dispatched and delivered. Ends with the
  // stop status (UNAVAILABLE or the failure's code, and a resume token).
  kDraining,
  // An order failed for good, or the server is shutting down: nothing new is
  // dispatched or fetched; the orders in flight finish and are delivered.
  // Ends with the stop status.
  kStopping,
  // Every row is handled and the summary is queued, the last message; the
  // stream ends OK once it is written.
  kSummarizing,
  // The client cancelled or a write failed: nothing is written or started
  // and the calls in flight are cancelled. Ends CANCELLED once the write
  // and the page fetch in flight are over.
  kCancelled,
  // Finish() was called; nothing more happens.
  kFinished,
};

// What moves a stream from one phase to another.
enum class PhaseEvent {
  // The resumed stream found its anchor, or gave up looking.
  kSeekEnded,
  // A page fetch failed after the client's retries.
  kPageFailed,
  // An order failed for good or its upstream call was cancelled, or the
  // server began shutting down.
  kStopRequested,
  // Every row is handled and written: the summary is queued.
  kAllHandled,
  // The client cancelled the call, or a write failed.
  kCancelled,
  // The stream's final status is decided and Finish() is about to be called.
  kFinishing,
};

// The phase after `event` in `from`. The transitions (every other pair
// leaves the phase as it is, e.g. a stop request after a cancellation):
//
//   kSeeking     --kSeekEnded-->     kStreaming
//   kSeeking     --kPageFailed-->    kStopping  (no row was dispatched)
//   kSeeking     --kStopRequested--> kStopping
//   kStreaming   --kPageFailed-->    kDraining
//   kStreaming   --kStopRequested--> kStopping
//   kStreaming   --kAllHandled-->    kSummarizing
//   kDraining    --kStopRequested--> kStopping  (the page's status is kept)
//   kSummarizing --kStopRequested--> kStopping  (the summary is still sent)
//   any phase but kFinished --kCancelled--> kCancelled
//   kDraining, kStopping, kSummarizing, kCancelled --kFinishing--> kFinished
SyncPhase NextPhase(SyncPhase from, PhaseEvent event);

// True in the phases that dispatch rows: kSeeking (to its anchor search),
// kStreaming and kDraining.
bool DispatchesRows(SyncPhase phase);

// True in the phases that fetch pages: kSeeking and kStreaming.
bool FetchesPages(SyncPhase phase);

// True in kDraining and kStopping: the stream ends with the stop status once
// the work in progress is delivered.
bool IsStopping(SyncPhase phase);

// True in kCancelled and kFinished: no message is written and no upstream
// call starts; a call that starts anyway is cancelled at once.
bool IsOver(SyncPhase phase);

// The phase's name without the k, e.g. "Seeking" (for tests and logs).
absl::string_view PhaseName(SyncPhase phase);

}  // namespace sslstore::service::sync

#endif  // SERVICE_SYNC_SYNC_PHASE_H_
