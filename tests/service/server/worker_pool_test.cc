// service/server/worker_pool: jobs run on the pool's threads, the queue is
// bounded (RESOURCE_EXHAUSTED when full), and destruction drains the queue.
#include "service/server/worker_pool.h"

#include <atomic>
#include <memory>
#include <thread>

#include "absl/status/status.h"
#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sslstore::service {
namespace {

// Generous bound on waits, so a broken pool fails instead of hanging.
constexpr absl::Duration kWait = absl::Seconds(30);

TEST(WorkerPoolTest, RunsSubmittedJobsOffTheCallingThread) {
  WorkerPool pool(2, 10);
  const std::thread::id caller = std::this_thread::get_id();
  absl::BlockingCounter done(5);
  std::atomic<int> on_caller{0};
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(pool.Submit([&] {
                      if (std::this_thread::get_id() == caller) ++on_caller;
                      done.DecrementCount();
                    })
                    .ok());
  }
  done.Wait();
  EXPECT_EQ(on_caller.load(), 0);
}

TEST(WorkerPoolTest, ThreadsRunJobsConcurrently) {
  WorkerPool pool(2, 10);
  absl::Notification first_started, second_started;
  std::atomic<bool> first_saw_second{false}, second_saw_first{false};
  absl::BlockingCounter done(2);
  ASSERT_TRUE(pool.Submit([&] {
                    first_started.Notify();
                    first_saw_second =
                        second_started.WaitForNotificationWithTimeout(kWait);
                    done.DecrementCount();
                  })
                  .ok());
  ASSERT_TRUE(pool.Submit([&] {
                    second_started.Notify();
                    second_saw_first =
                        first_started.WaitForNotificationWithTimeout(kWait);
                    done.DecrementCount();
                  })
                  .ok());
  done.Wait();
  EXPECT_TRUE(first_saw_second.load());
  EXPECT_TRUE(second_saw_first.load());
}

TEST(WorkerPoolTest, FullQueueIsResourceExhaustedAndDropsTheJob) {
  WorkerPool pool(1, 2);
  absl::Notification running, release;
  std::atomic<int> ran{0};
  ASSERT_TRUE(pool.Submit([&] {
                    running.Notify();
                    release.WaitForNotification();
                    ++ran;
                  })
                  .ok());
  ASSERT_TRUE(running.WaitForNotificationWithTimeout(kWait));
  // The only thread is busy: two jobs may wait, the third may not.
  absl::BlockingCounter queued_done(2);
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(pool.Submit([&] {
                      ++ran;
                      queued_done.DecrementCount();
                    })
                    .ok());
  }
  bool dropped_ran = false;
  const absl::Status full = pool.Submit([&] { dropped_ran = true; });
  EXPECT_EQ(full.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(full.message(), ::testing::HasSubstr("retry later"));

  release.Notify();
  queued_done.Wait();
  EXPECT_EQ(ran.load(), 3);

  // With the queue drained there is room again.
  absl::Notification after;
  ASSERT_TRUE(pool.Submit([&] { after.Notify(); }).ok());
  ASSERT_TRUE(after.WaitForNotificationWithTimeout(kWait));
  EXPECT_FALSE(dropped_ran);
}

TEST(WorkerPoolTest, DestructorRunsQueuedJobsToCompletion) {
  std::atomic<int> ran{0};
  absl::Notification running, release;
  auto pool = std::make_unique<WorkerPool>(1, 10);
  ASSERT_TRUE(pool->Submit([&] {
                    running.Notify();
                    release.WaitForNotification();
                    ++ran;
                  })
                  .ok());
  ASSERT_TRUE(running.WaitForNotificationWithTimeout(kWait));
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(pool->Submit([&] { ++ran; }).ok());
  }
  EXPECT_EQ(ran.load(), 0);
  release.Notify();
  pool.reset();  // joins after the queue is empty
  EXPECT_EQ(ran.load(), 6);
}

}  // namespace
}  // namespace sslstore::service
