#include "service/sync/sync_phase.h"

namespace sslstore::service::sync {

SyncPhase NextPhase(SyncPhase from, PhaseEvent event) {
  if (from == SyncPhase::kFinished) return from;
  switch (event) {
    case PhaseEvent::kSeekEnded:
      return from == SyncPhase::kSeeking ? SyncPhase::kStreaming : from;
    case PhaseEvent::kPageFailed:
      if (from == SyncPhase::kSeeking) return SyncPhase::kStopping;
      return from == SyncPhase::kStreaming ? SyncPhase::kDraining : from;
    case PhaseEvent::kStopRequested:
      return from == SyncPhase::kCancelled ? from : SyncPhase::kStopping;
    case PhaseEvent::kAllHandled:
      return from == SyncPhase::kStreaming ? SyncPhase::kSummarizing : from;
    case PhaseEvent::kCancelled:
      return SyncPhase::kCancelled;
    case PhaseEvent::kFinishing:
      return from == SyncPhase::kSeeking || from == SyncPhase::kStreaming
                 ? from
                 : SyncPhase::kFinished;
  }
  return from;
}

bool DispatchesRows(SyncPhase phase) {
  return phase == SyncPhase::kSeeking || phase == SyncPhase::kStreaming ||
         phase == SyncPhase::kDraining;
}

bool FetchesPages(SyncPhase phase) {
  return phase == SyncPhase::kSeeking || phase == SyncPhase::kStreaming;
}

bool IsStopping(SyncPhase phase) {
  return phase == SyncPhase::kDraining || phase == SyncPhase::kStopping;
}

bool IsOver(SyncPhase phase) {
  return phase == SyncPhase::kCancelled || phase == SyncPhase::kFinished;
}

absl::string_view PhaseName(SyncPhase phase) {
  switch (phase) {
    case SyncPhase::kSeeking:
      return "Seeking";
    case SyncPhase::kStreaming:
      return "Streaming";
    case SyncPhase::kDraining:
      return "Draining";
    case SyncPhase::kStopping:
      return "Stopping";
    case SyncPhase::kSummarizing:
      return "Summarizing";
    case SyncPhase::kCancelled:
      return "Cancelled";
    case SyncPhase::kFinished:
      return "Finished";
  }
  return "Unknown";
}

}  // namespace sslstore::service::sync
