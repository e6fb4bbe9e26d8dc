#ifndef SERVICE_OBSERVABILITY_SYNC_PROGRESS_H_
#define SERVICE_OBSERVABILITY_SYNC_PROGRESS_H_

namespace sslstore::service::observability {

// What a SyncCertificates stream reports as it goes.
enum class SyncEvent {
  kOrderProcessed,  // an order row was looked at (counts once per order)
  kRecordEmitted,   // a certificate record was sent to the caller
  kOrderSkipped,    // an order was reported skipped
  kOrderFailed,     // an order was reported failed
  kOrderUnchanged,  // an incremental sync left an unchanged order out
};

// Receives the progress of every sync stream (implemented by Metrics). The
// sync reactor calls it while holding its own lock: implementations must be
// fast, thread-safe and must not call back into the sync.
class SyncProgress {
 public:
  virtual ~SyncProgress() = default;
  // A stream started running (after its request was accepted).
  virtual void SyncStarted() = 0;
  // A started stream ended, however it ended (called as its final status
  // is sent, before the caller sees it).
  virtual void SyncEnded() = 0;
  // One occurrence of `event`.
  virtual void Count(SyncEvent event) = 0;
};

}  // namespace sslstore::service::observability

#endif  // SERVICE_OBSERVABILITY_SYNC_PROGRESS_H_
