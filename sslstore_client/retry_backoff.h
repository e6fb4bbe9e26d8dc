#ifndef SSLSTORE_CLIENT_RETRY_BACKOFF_H_
#define SSLSTORE_CLIENT_RETRY_BACKOFF_H_

#include <optional>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "sslstore_client/client_options.h"

namespace sslstore::client::internal {

// The jittered delay before retry number `retry` (1 = first retry), given a
// uniform random `unit` in [0, 1): exponential from `initial_backoff`,
// capped at `max_backoff`, then reduced by up to `jitter` of itself.
absl::Duration BackoffDelay(const RetryPolicy& policy, int retry, double unit);

// Reads a Retry-After header: delay-seconds or an IMF-fixdate
// ("Sun, 06 Nov 1994 08:49:37 GMT") relative to `now`. nullopt when absent
// or unreadable; never negative.
std::optional<absl::Duration> ParseRetryAfter(absl::string_view value,
                                              absl::Time now);

}  // namespace sslstore::client::internal

#endif  // SSLSTORE_CLIENT_RETRY_BACKOFF_H_
