#include "sslstore_client/retry_rules.h"

#include "gtest/gtest.h"
#include "sslstore_client/errors.h"

namespace sslstore::client::internal {
namespace {

TEST(RetryRulesTest, BackoffOptionsFollowTheRetryPolicy) {
  RetryPolicy retry;
  retry.initial_backoff = absl::Milliseconds(100);
  retry.max_backoff = absl::Milliseconds(1000);
  retry.multiplier = 3;
  retry.jitter = 0;
  BackoffPolicy policy(BackoffOptions(retry));
  EXPECT_EQ(policy.NextDelay(), absl::Milliseconds(100));
  EXPECT_EQ(policy.NextDelay(), absl::Milliseconds(300));
  EXPECT_EQ(policy.NextDelay(), absl::Milliseconds(900));
  EXPECT_EQ(policy.NextDelay(), absl::Milliseconds(1000));
}

TEST(RetryRulesTest, OnlyTransientErrorsOfIdempotentRequestsAreRetried) {
  const absl::Status transient =
      MakeError(ErrorKind::kTransport, "reset", /*transient=*/true);
  const absl::Status permanent = MakeError(ErrorKind::kBadResponse, "bad");
  EXPECT_TRUE(MayRetry(transient, /*idempotent=*/true, 1, 5));
  EXPECT_TRUE(MayRetry(transient, true, 5, 5));
  EXPECT_FALSE(MayRetry(transient, true, 6, 5));
  EXPECT_FALSE(MayRetry(transient, /*idempotent=*/false, 1, 5));
  EXPECT_FALSE(MayRetry(permanent, true, 1, 5));
  EXPECT_FALSE(MayRetry(absl::UnavailableError("no info"), true, 1, 5));
  EXPECT_FALSE(MayRetry(transient, true, 1, 0));
}

TEST(RetryRulesTest, RetryAfterLengthensTheWaitUpToItsCap) {
  const absl::Duration cap = absl::Seconds(60);
  EXPECT_EQ(RetryWait(absl::Seconds(1), std::nullopt, cap), absl::Seconds(1));
  EXPECT_EQ(RetryWait(absl::Seconds(1), absl::Seconds(3), cap),
            absl::Seconds(3));
  EXPECT_EQ(RetryWait(absl::Seconds(5), absl::Seconds(3), cap),
            absl::Seconds(5));
  EXPECT_EQ(RetryWait(absl::Seconds(1), absl::Hours(1), cap), cap);
}

TEST(RetryRulesTest, HttpStatusErrors) {
  const absl::Status unavailable = HttpStatusError(503, "Service Unavailable");
  EXPECT_EQ(unavailable.message(),
            "server replied HTTP 503 Service Unavailable");
  EXPECT_TRUE(GetErrorInfo(unavailable)->transient);
  EXPECT_EQ(GetErrorInfo(unavailable)->kind, ErrorKind::kTransport);
  EXPECT_TRUE(GetErrorInfo(HttpStatusError(429, ""))->transient);
  EXPECT_EQ(HttpStatusError(429, "").message(), "server replied HTTP 429");
  const absl::Status missing = HttpStatusError(404, "Not Found");
  EXPECT_EQ(missing.message(), "unexpected HTTP 404 Not Found");
  EXPECT_EQ(GetErrorInfo(missing)->kind, ErrorKind::kBadResponse);
  EXPECT_FALSE(GetErrorInfo(missing)->transient);
}

TEST(RetryRulesTest, ClassifyAttempt) {
  EXPECT_EQ(ClassifyAttempt(absl::OkStatus(), 200, false),
            UpstreamOutcome::kOk);
  const absl::Status transport =
      MakeError(ErrorKind::kTransport, "x", /*transient=*/true);
  EXPECT_EQ(ClassifyAttempt(transport, 503, false), UpstreamOutcome::kHttp5xx);
  EXPECT_EQ(ClassifyAttempt(transport, 429, false), UpstreamOutcome::kHttp429);
  EXPECT_EQ(ClassifyAttempt(transport, 0, true), UpstreamOutcome::kTimeout);
  EXPECT_EQ(ClassifyAttempt(transport, 0, false), UpstreamOutcome::kTransport);
  EXPECT_EQ(ClassifyAttempt(MakeError(ErrorKind::kTls, "x"), 0, true),
            UpstreamOutcome::kTls);
  EXPECT_EQ(ClassifyAttempt(MakeError(ErrorKind::kCancelled, "x"), 0, false),
            UpstreamOutcome::kCancelled);
  EXPECT_EQ(ClassifyAttempt(MakeError(ErrorKind::kDeadline, "x"), 0, false),
            UpstreamOutcome::kDeadline);
  EXPECT_EQ(ClassifyAttempt(MakeError(ErrorKind::kBusiness, "x"), 200, false),
            UpstreamOutcome::kSslStoreError);
  EXPECT_EQ(
      ClassifyAttempt(MakeError(ErrorKind::kAuthentication, "x"), 200, false),
      UpstreamOutcome::kAuthError);
  EXPECT_EQ(
      ClassifyAttempt(MakeError(ErrorKind::kBadResponse, "x"), 404, false),
      UpstreamOutcome::kBadResponse);
  EXPECT_EQ(ClassifyAttempt(absl::InternalError("plain"), 0, false),
            UpstreamOutcome::kTransport);
}

TEST(RetryRulesTest, RedactStatusKeepsCodeAndPayload) {
  const absl::Status error =
      MakeError(ErrorKind::kTransport, "token s3cret leaked", true);
  const absl::Status redacted = RedactStatus(error, "s3cret");
  EXPECT_EQ(redacted.code(), error.code());
  EXPECT_EQ(redacted.message().find("s3cret"), absl::string_view::npos);
  EXPECT_TRUE(GetErrorInfo(redacted)->transient);
  EXPECT_EQ(RedactStatus(error, "absent"), error);
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
