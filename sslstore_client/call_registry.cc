#include "sslstore_client/call_registry.h"

#include <vector>

namespace sslstore::client::internal {

void CallRegistry::Add(const std::shared_ptr<Cancellable>& call) {
  std::lock_guard<std::mutex> lock(mu_);
  calls_[call.get()] = call;
}

void CallRegistry::Remove(const Cancellable* call) {
  std::lock_guard<std::mutex> lock(mu_);
  calls_.erase(call);
  if (calls_.empty()) empty_.notify_all();
}

int CallRegistry::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(calls_.size());
}

void CallRegistry::CancelAllAndWait() {
  std::vector<std::shared_ptr<Cancellable>> calls;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [key, weak] : calls_) {
      if (std::shared_ptr<Cancellable> call = weak.lock()) {
        calls.push_back(std::move(call));
      }
    }
  }
  for (const std::shared_ptr<Cancellable>& call : calls) call->Cancel();
  calls.clear();
  std::unique_lock<std::mutex> lock(mu_);
  empty_.wait(lock, [this] { return calls_.empty(); });
}

}  // namespace sslstore::client::internal
