#include "service/sync/write_coalescer.h"

#include <algorithm>

namespace sslstore::service::sync {

WriteCoalescer::WriteCoalescer(int batch, absl::Duration hold)
    : batch_(std::max(batch, 1)), hold_(hold) {}

WriteCoalescer::Decision WriteCoalescer::Decide(int queued, bool urgent,
                                                absl::Time now) {
  if (writing_burst_ || urgent || queued >= batch_) return StartBurst();
  if (!holding_) {
    holding_ = true;
    due_ = now + hold_;
  }
  return now >= due_ ? StartBurst() : Decision::kHold;
}

WriteCoalescer::Decision WriteCoalescer::StartBurst() {
  writing_burst_ = true;
  holding_ = false;
  return Decision::kWrite;
}

}  // namespace sslstore::service::sync
