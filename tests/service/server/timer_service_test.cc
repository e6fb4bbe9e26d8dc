// TimerService: timers fire at their time in order, a cancelled timer fires
// at once with CANCELLED, and stopping the service cancels what is pending.

#include "service/server/timer_service.h"

#include <memory>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace sslstore::service {
namespace {

TEST(TimerServiceTest, TimersFireInTheOrderOfTheirTimes) {
  TimerService timers;
  absl::Mutex mutex;
  std::vector<int> fired;
  absl::Notification last;
  const absl::Time now = absl::Now();
  for (int i : {3, 1, 2}) {
    timers.Schedule(now + absl::Milliseconds(10 * i), [&, i](absl::Status s) {
      EXPECT_TRUE(s.ok()) << s;
      absl::MutexLock lock(&mutex);
      fired.push_back(i);
      if (fired.size() == 3) last.Notify();
    });
  }
  ASSERT_TRUE(last.WaitForNotificationWithTimeout(absl::Seconds(10)));
  absl::MutexLock lock(&mutex);
  EXPECT_EQ(fired, (std::vector<int>{1, 2, 3}));
  EXPECT_GE(absl::Now(), now + absl::Milliseconds(30));
}

TEST(TimerServiceTest, CancelFiresAtOnceWithCancelled) {
  TimerService timers;
  absl::Notification fired;
  absl::Status outcome;
  client::CallHandle handle =
      timers.Schedule(absl::Now() + absl::Hours(1), [&](absl::Status s) {
        outcome = s;
        fired.Notify();
      });
  EXPECT_EQ(timers.pending(), 1);
  const absl::Time cancelled_at = absl::Now();
  handle.Cancel();
  ASSERT_TRUE(fired.WaitForNotificationWithTimeout(absl::Seconds(10)));
  EXPECT_LT(absl::Now() - cancelled_at, absl::Milliseconds(100));
  EXPECT_EQ(outcome.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(timers.pending(), 0);
  handle.Cancel();  // after firing: nothing
}

TEST(TimerServiceTest, StoppingCancelsPendingTimers) {
  absl::Status outcome;
  int calls = 0;
  {
    TimerService timers;
    timers.Schedule(absl::Now() + absl::Hours(1), [&](absl::Status s) {
      outcome = s;
      ++calls;
    });
  }
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(outcome.code(), absl::StatusCode::kCancelled);
}

}  // namespace
}  // namespace sslstore::service
