#include "tools/gateway-cli/sync_cancel.h"

namespace sslstore::gateway::cli {

void SyncCancel::Cancel() {
  absl::MutexLock lock(&mu_);
  cancelled_ = true;
  if (call_ != nullptr) call_->TryCancel();
}

bool SyncCancel::cancelled() const {
  absl::MutexLock lock(&mu_);
  return cancelled_;
}

void SyncCancel::SetCall(grpc::ClientContext* call) {
  absl::MutexLock lock(&mu_);
  call_ = call;
  if (cancelled_ && call_ != nullptr) call_->TryCancel();
}

bool SyncCancel::WaitForCancel(absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  return mu_.AwaitWithTimeout(absl::Condition(&cancelled_), timeout);
}

}  // namespace sslstore::gateway::cli
