#include "sslstore_client/retry_backoff.h"

#include "gtest/gtest.h"

namespace sslstore::client::internal {
namespace {

TEST(BackoffDelayTest, GrowsExponentiallyUpToTheCap) {
  RetryPolicy p;
  p.initial_backoff = absl::Milliseconds(100);
  p.max_backoff = absl::Milliseconds(1000);
  p.multiplier = 2;
  p.jitter = 0;
  EXPECT_EQ(BackoffDelay(p, 1, 0.7), absl::Milliseconds(100));
  EXPECT_EQ(BackoffDelay(p, 2, 0.7), absl::Milliseconds(200));
  EXPECT_EQ(BackoffDelay(p, 4, 0.7), absl::Milliseconds(800));
  EXPECT_EQ(BackoffDelay(p, 5, 0.7), absl::Milliseconds(1000));
  EXPECT_EQ(BackoffDelay(p, 500, 0.7), absl::Milliseconds(1000));
}

TEST(BackoffDelayTest, JitterTakesUpToItsFraction) {
  RetryPolicy p;
  p.initial_backoff = absl::Milliseconds(100);
  p.jitter = 0.5;
  EXPECT_EQ(BackoffDelay(p, 1, 0.0), absl::Milliseconds(100));
  EXPECT_EQ(BackoffDelay(p, 1, 0.5), absl::Milliseconds(75));
  EXPECT_GE(BackoffDelay(p, 1, 0.999), absl::Milliseconds(50));
}

TEST(ParseRetryAfterTest, SecondsAndDates) {
  absl::Time now = absl::FromUnixSeconds(784111777);  // 1994-11-06 08:49:37
  EXPECT_EQ(ParseRetryAfter("3", now), absl::Seconds(3));
  EXPECT_EQ(ParseRetryAfter(" 0 ", now), absl::ZeroDuration());
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:49:47 GMT", now),
            absl::Seconds(10));
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:00:00 GMT", now),
            absl::ZeroDuration());
  EXPECT_FALSE(ParseRetryAfter("", now).has_value());
  EXPECT_FALSE(ParseRetryAfter("-5", now).has_value());
  EXPECT_FALSE(ParseRetryAfter("soon", now).has_value());
}

}  // namespace
}  // namespace sslstore::client::internal
