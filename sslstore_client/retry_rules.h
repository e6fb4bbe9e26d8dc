#ifndef SSLSTORE_CLIENT_RETRY_RULES_H_
#define SSLSTORE_CLIENT_RETRY_RULES_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "sslstore_client/backoff_policy.h"
#include "sslstore_client/client_options.h"
#include "sslstore_client/upstream_call_event.h"

// What the transport's retry loop decides after an attempt, apart from the
// call itself: which failures are retried, how long to wait, how an attempt
// is reported, and what a non-200 reply means. Internal to sslstore_client.

namespace sslstore::client::internal {

// The back-off of `retry`: its delays, multiplier and jitter.
BackoffPolicy::Options BackoffOptions(const RetryPolicy& retry);

// True when a failed attempt may be retried: the request is idempotent, the
// error transient (ErrorInfo), and `attempts` made so far do not exceed
// `max_retries`.
bool MayRetry(const absl::Status& error, bool idempotent, int attempts,
              int max_retries);

// The wait before the next attempt: the back-off delay, or the server's
// Retry-After (capped at `max_retry_after`) when that is longer.
absl::Duration RetryWait(absl::Duration backoff,
                         std::optional<absl::Duration> retry_after,
                         absl::Duration max_retry_after);

// The error of a complete reply whose HTTP status is not 200: transient for
// 429 and 5xx ("server replied HTTP 503 Service Unavailable"), else a bad
// response ("unexpected HTTP 404 Not Found").
absl::Status HttpStatusError(int http_status, absl::string_view reason);

// How an attempt that ended with `status` is reported to on_call, given the
// attempt's HTTP status (0 = none) and whether a step timed out.
UpstreamOutcome ClassifyAttempt(const absl::Status& status, int http_status,
                                bool timed_out);

// The same status with `secret` removed from its message; payloads kept.
absl::Status RedactStatus(const absl::Status& status, absl::string_view secret);

// Reads a Retry-After header: delay-seconds or an IMF-fixdate
// ("Sun, 06 Nov 1994 08:49:37 GMT") relative to `now`. nullopt when absent
// or unreadable; never negative.
std::optional<absl::Duration> ParseRetryAfter(absl::string_view value,
                                              absl::Time now);

}  // namespace sslstore::client::internal

#endif  // SSLSTORE_CLIENT_RETRY_RULES_H_
