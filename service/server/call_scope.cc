#include "service/server/call_scope.h"

#include <utility>
#include <vector>

namespace sslstore::service {

void CallScope::Cancel() {
  std::vector<absl::AnyInvocable<void() &&>> hooks;
  {
    absl::MutexLock lock(&mutex_);
    cancelled_ = true;
    for (auto& [id, handle] : in_flight_) handle.Cancel();
    hooks.swap(cancel_hooks_);
  }
  for (auto& hook : hooks) std::move(hook)();
}

void CallScope::OnCancel(absl::AnyInvocable<void() &&> hook) {
  {
    absl::MutexLock lock(&mutex_);
    if (!cancelled_) {
      cancel_hooks_.push_back(std::move(hook));
      return;
    }
  }
  std::move(hook)();
}

absl::Status CallScope::CheckAlive() const {
  {
    absl::MutexLock lock(&mutex_);
    if (cancelled_) return absl::CancelledError("the call was cancelled");
  }
  if (absl::Now() >= deadline_) {
    return absl::DeadlineExceededError("the call's deadline has passed");
  }
  return absl::OkStatus();
}

int64_t CallScope::Track(client::CallHandle handle) {
  absl::MutexLock lock(&mutex_);
  // Cancel() may have run after the caller's CheckAlive().
  if (cancelled_) handle.Cancel();
  const int64_t id = next_id_++;
  in_flight_.emplace(id, std::move(handle));
  return id;
}

void CallScope::Untrack(int64_t id, bool cancel) {
  absl::MutexLock lock(&mutex_);
  auto found = in_flight_.find(id);
  if (found == in_flight_.end()) return;
  if (cancel) found->second.Cancel();
  in_flight_.erase(found);
}

}  // namespace sslstore::service
