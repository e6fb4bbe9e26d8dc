#ifndef SERVICE_SERVER_STREAM_REGISTRY_H_
#define SERVICE_SERVER_STREAM_REGISTRY_H_

#include <set>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace sslstore::service {

// A long-running server stream that a shutdown can end early.
class StoppableStream {
 public:
  virtual ~StoppableStream() = default;
  // Takes a reference that keeps the stream alive; false when the stream is
  // already being destroyed (then it must not be touched).
  virtual bool TryRetain() = 0;
  // Ends the stream soon with a status the caller can act on (a sync ends
  // with UNAVAILABLE and a resume token). Later calls do nothing.
  virtual void StopForShutdown() = 0;
  // Drops the reference taken by TryRetain.
  virtual void Release() = 0;
};

// The open streams of a server, so that a graceful shutdown can end them
// with a status instead of cutting them off. A stream adds itself when it
// starts and removes itself in its destructor.
class StreamRegistry {
 public:
  // Registers `stream`. Returns false when a shutdown has begun: the caller
  // should stop the stream at once.
  bool Add(StoppableStream* stream);
  // Unregisters `stream`; waits for a running StopAll to let go of it.
  void Remove(StoppableStream* stream);
  // Marks the registry as shutting down and stops every open stream.
  void StopAll();
  // Open streams (for tests and metrics).
  int size() const;

 private:
  mutable absl::Mutex mutex_;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::set<StoppableStream*> streams_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace sslstore::service

#endif  // SERVICE_SERVER_STREAM_REGISTRY_H_
