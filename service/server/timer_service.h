#ifndef SERVICE_SERVER_TIMER_SERVICE_H_
#define SERVICE_SERVER_TIMER_SERVICE_H_

#include <map>
#include <memory>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "sslstore_client/call_handle.h"

namespace sslstore::service {

// One-shot timers on a dedicated thread, so waits between polls never hold
// a worker thread. Thread-safe.
class TimerService {
 public:
  // Receives OK when the timer's time came, CANCELLED when it was cancelled
  // first or the service stopped. Runs on the timer thread; must not block.
  using Fire = absl::AnyInvocable<void(absl::Status) &&>;

  // Starts the timer thread.
  TimerService();
  // Fires every pending timer with CANCELLED, then joins the thread.
  ~TimerService();

  TimerService(const TimerService&) = delete;
  TimerService& operator=(const TimerService&) = delete;

  // Calls `fire` once at `when` (at once when it has passed). The handle
  // cancels it; the handle must not be used after the service is destroyed.
  client::CallHandle Schedule(absl::Time when, Fire fire);

  // Timers scheduled and not yet fired.
  int pending() const;

 private:
  class Timer;
  using Queue = std::multimap<absl::Time, std::shared_ptr<Timer>>;

  void Cancel(Timer& timer);
  void Run();

  mutable absl::Mutex mutex_;
  absl::CondVar wake_;
  Queue queue_ ABSL_GUARDED_BY(mutex_);
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread thread_;
};

}  // namespace sslstore::service

#endif  // SERVICE_SERVER_TIMER_SERVICE_H_
