#include "service/server/timer_service.h"

#include <utility>
#include <vector>

#include "absl/time/clock.h"

namespace sslstore::service {

// One scheduled timer; its handle cancels it through the service.
class TimerService::Timer final : public client::internal::Cancellable {
 public:
  Timer(TimerService& service, Fire fire)
      : service_(service), fire_(std::move(fire)) {}

  void Cancel() override { service_.Cancel(*this); }

  // Where the timer sits in the queue while pending.
  Queue::iterator position;
  bool queued = false;
  // Set when the timer is due or cancelled.
  absl::Status outcome;

  // Runs the callback (once).
  void FireNow() { std::move(fire_)(outcome); }

 private:
  TimerService& service_;
  Fire fire_;
};

TimerService::TimerService() : thread_([this] { Run(); }) {}

TimerService::~TimerService() {
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
    wake_.Signal();
  }
  thread_.join();
}

client::CallHandle TimerService::Schedule(absl::Time when, Fire fire) {
  auto timer = std::make_shared<Timer>(*this, std::move(fire));
  {
    absl::MutexLock lock(&mutex_);
    if (!stopping_) {
      timer->position = queue_.emplace(when, timer);
      timer->queued = true;
      wake_.Signal();
      return client::CallHandle(timer);
    }
  }
  timer->outcome = absl::CancelledError("the timer service has stopped");
  timer->FireNow();
  return client::CallHandle();
}

int TimerService::pending() const {
  absl::MutexLock lock(&mutex_);
  return static_cast<int>(queue_.size());
}

void TimerService::Cancel(Timer& timer) {
  absl::MutexLock lock(&mutex_);
  if (!timer.queued) return;
  // Moved to the front as cancelled: the thread fires it at once.
  std::shared_ptr<Timer> owned = timer.position->second;
  queue_.erase(timer.position);
  owned->outcome = absl::CancelledError("the timer was cancelled");
  owned->position = queue_.emplace(absl::InfinitePast(), owned);
  wake_.Signal();
}

void TimerService::Run() {
  mutex_.Lock();
  for (;;) {
    if (queue_.empty()) {
      if (stopping_) break;
      wake_.Wait(&mutex_);
      continue;
    }
    auto first = queue_.begin();
    const bool due = first->first <= absl::Now();
    if (!due && !stopping_) {
      wake_.WaitWithDeadline(&mutex_, first->first);
      continue;
    }
    std::shared_ptr<Timer> timer = std::move(first->second);
    queue_.erase(first);
    timer->queued = false;
    if (!due) {
      timer->outcome = absl::CancelledError("the timer service has stopped");
    }
    mutex_.Unlock();
    timer->FireNow();
    timer.reset();
    mutex_.Lock();
  }
  mutex_.Unlock();
}

}  // namespace sslstore::service
