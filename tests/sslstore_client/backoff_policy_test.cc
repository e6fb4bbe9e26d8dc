#include "sslstore_client/backoff_policy.h"

#include <vector>

#include "gtest/gtest.h"
#include "tests/sslstore_client/fake_sleeper.h"

namespace sslstore::client {
namespace {

BackoffPolicy::Options Exact(absl::Duration initial, absl::Duration maximum) {
  BackoffPolicy::Options options;
  options.initial = initial;
  options.maximum = maximum;
  options.multiplier = 2;
  options.jitter = 0;
  return options;
}

TEST(BackoffPolicyTest, DelayFollowsTheFormula) {
  const BackoffPolicy::Options exact =
      Exact(absl::Milliseconds(100), absl::Milliseconds(1000));
  BackoffPolicy::Options jittered = exact;
  jittered.jitter = 0.5;
  struct Case {
    const BackoffPolicy::Options& options;
    int retry;
    double unit;
    absl::Duration delay;
  };
  const Case cases[] = {
      {exact, 1, 0.7, absl::Milliseconds(100)},
      {exact, 2, 0.7, absl::Milliseconds(200)},
      {exact, 4, 0.7, absl::Milliseconds(800)},
      {exact, 5, 0.7, absl::Milliseconds(1000)},  // capped
      {exact, 500, 0.7, absl::Milliseconds(1000)},
      {jittered, 1, 0.0, absl::Milliseconds(100)},
      {jittered, 1, 0.5, absl::Milliseconds(75)},
      {jittered, 3, 0.5, absl::Milliseconds(300)},
      {jittered, 9, 0.999, absl::Microseconds(500500)},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(BackoffPolicy::DelayFor(c.options, c.retry, c.unit), c.delay)
        << "retry " << c.retry << " unit " << c.unit;
  }
}

TEST(BackoffPolicyTest, OutOfRangeParametersAreClamped) {
  BackoffPolicy::Options o;
  o.initial = absl::Milliseconds(100);
  o.maximum = absl::Seconds(10);
  o.multiplier = 0.5;  // Treated as 1: the delay never shrinks.
  o.jitter = 3;        // Treated as 1.
  EXPECT_EQ(BackoffPolicy::DelayFor(o, 3, 0.0), absl::Milliseconds(100));
  EXPECT_EQ(BackoffPolicy::DelayFor(o, 3, 2.0), absl::ZeroDuration());
  EXPECT_EQ(BackoffPolicy::DelayFor(o, 3, -1.0), absl::Milliseconds(100));
}

TEST(BackoffPolicyTest, NextDelayCountsRetriesAndDrawsTheJitter) {
  BackoffPolicy::Options o =
      Exact(absl::Milliseconds(100), absl::Milliseconds(300));
  o.jitter = 0.5;
  std::vector<double> units = {0.0, 0.5, 0.0, 0.5};
  size_t next = 0;
  BackoffPolicy policy(o, [&] { return units[next++]; });
  EXPECT_EQ(policy.retries(), 0);
  EXPECT_EQ(policy.NextDelay(), absl::Milliseconds(100));
  EXPECT_EQ(policy.NextDelay(), absl::Milliseconds(150));
  EXPECT_EQ(policy.NextDelay(), absl::Milliseconds(300));
  EXPECT_EQ(policy.NextDelay(), absl::Milliseconds(225));
  EXPECT_EQ(policy.retries(), 4);
  EXPECT_EQ(next, 4u);
}

TEST(BackoffPolicyTest, WithoutJitterTheRandomSourceIsNeverCalled) {
  int calls = 0;
  BackoffPolicy policy(Exact(absl::Seconds(1), absl::Seconds(4)), [&] {
    ++calls;
    return 0.9;
  });
  EXPECT_EQ(policy.NextDelay(), absl::Seconds(1));
  EXPECT_EQ(policy.NextDelay(), absl::Seconds(2));
  EXPECT_EQ(calls, 0);
}

TEST(BackoffPolicyTest, CloneKeepsTheParametersAndDropsTheHistory) {
  BackoffPolicy::Options o = Exact(absl::Milliseconds(10), absl::Seconds(1));
  o.jitter = 1;
  int calls = 0;
  BackoffPolicy policy(o, [&] {
    ++calls;
    return 0.5;
  });
  policy.NextDelay();
  policy.NextDelay();
  BackoffPolicy clone = policy.Clone();
  EXPECT_EQ(clone.retries(), 0);
  EXPECT_EQ(clone.options().initial, absl::Milliseconds(10));
  EXPECT_EQ(clone.NextDelay(), absl::Milliseconds(5));
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(policy.NextDelay(), absl::Milliseconds(20));
  EXPECT_EQ(policy.retries(), 3);
}

TEST(BackoffPolicyTest, DefaultRandomSourceStaysWithinTheJitter) {
  BackoffPolicy::Options o =
      Exact(absl::Milliseconds(100), absl::Milliseconds(100));
  o.jitter = 0.5;
  BackoffPolicy policy(o);
  for (int i = 0; i < 100; ++i) {
    absl::Duration d = policy.NextDelay();
    EXPECT_GT(d, absl::Milliseconds(50));
    EXPECT_LE(d, absl::Milliseconds(100));
  }
}

TEST(FakeSleeperTest, RecordsDelaysAndWakesWhenTold) {
  testing::FakeSleeper sleeper;
  BackoffPolicy policy(Exact(absl::Milliseconds(10), absl::Seconds(1)));
  std::vector<absl::Status> woken;
  Sleeper& as_sleeper = sleeper;
  as_sleeper.Sleep(policy.NextDelay(),
                   [&](absl::Status s) { woken.push_back(s); });
  EXPECT_TRUE(sleeper.pending());
  EXPECT_TRUE(woken.empty());
  EXPECT_TRUE(sleeper.Wake());
  as_sleeper.Sleep(policy.NextDelay(),
                   [&](absl::Status s) { woken.push_back(s); });
  as_sleeper.Cancel();
  EXPECT_FALSE(sleeper.Wake());
  ASSERT_EQ(woken.size(), 2u);
  EXPECT_TRUE(woken[0].ok());
  EXPECT_EQ(woken[1].code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(sleeper.delays(),
            (std::vector<absl::Duration>{absl::Milliseconds(10),
                                         absl::Milliseconds(20)}));
}

}  // namespace
}  // namespace sslstore::client
