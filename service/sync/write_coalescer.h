#ifndef SERVICE_SYNC_WRITE_COALESCER_H_
#define SERVICE_SYNC_WRITE_COALESCER_H_

#include "absl/time/time.h"

namespace sslstore::service::sync {

// Decides when a sync stream writes the messages it has queued. Records
// complete one by one, a few milliseconds apart; writing each at once wakes
// gRPC's threads once per record. The coalescer holds a first message for
// at most `hold`, or until `batch` messages wait, and then lets the stream
// write everything queued back to back (each write started from the last
// one's completion, on the thread gRPC already woke) until the queue is
// empty. Not thread-safe: the stream calls it under its own lock.
class WriteCoalescer {
 public:
  // What the stream does with its queue.
  enum class Decision {
    kWrite,  // take the next message and write it now
    kHold,   // wait: nothing written before due()
  };

  // Messages that make a batch (at least 1), and the longest a message is
  // held.
  WriteCoalescer(int batch, absl::Duration hold);

  // Called when no write is in flight and `queued` (at least 1) messages
  // wait. `urgent`: the stream must not hold (it is ending, nothing that
  // could add a message is in flight, or it has no timer to end a hold).
  Decision Decide(int queued, bool urgent, absl::Time now);

  // When the current hold ends; meaningful after Decide returned kHold (arm
  // a timer for it, then call Decide again).
  absl::Time due() const { return due_; }

  // Called when a write completed and the queue is empty: the burst is
  // over, and the next message starts a new hold.
  void QueueEmptied() { writing_burst_ = false; }

  // Messages that make a batch.
  int batch() const { return batch_; }

 private:
  Decision StartBurst();

  const int batch_;
  const absl::Duration hold_;
  bool writing_burst_ = false;
  bool holding_ = false;
  absl::Time due_;
};

}  // namespace sslstore::service::sync

#endif  // SERVICE_SYNC_WRITE_COALESCER_H_
