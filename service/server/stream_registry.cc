#include "service/server/stream_registry.h"

#include <vector>

namespace sslstore::service {

bool StreamRegistry::Add(StoppableStream* stream) {
  absl::MutexLock lock(&mutex_);
  streams_.insert(stream);
  return !stopping_;
}

void StreamRegistry::Remove(StoppableStream* stream) {
  absl::MutexLock lock(&mutex_);
  streams_.erase(stream);
}

void StreamRegistry::StopAll() {
  std::vector<StoppableStream*> retained;
  {
    // A stream being destroyed blocks in Remove() until this block ends, so
    // every stream in the set is alive here; TryRetain keeps it alive after.
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
    for (StoppableStream* stream : streams_) {
      if (stream->TryRetain()) retained.push_back(stream);
    }
  }
  for (StoppableStream* stream : retained) {
    stream->StopForShutdown();
    stream->Release();
  }
}

int StreamRegistry::size() const {
  absl::MutexLock lock(&mutex_);
  return static_cast<int>(streams_.size());
}

}  // namespace sslstore::service
