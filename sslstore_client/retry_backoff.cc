#include "sslstore_client/retry_backoff.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"

namespace sslstore::client::internal {

absl::Duration BackoffDelay(const RetryPolicy& policy, int retry, double unit) {
  double multiplier = std::max(1.0, policy.multiplier);
  double factor = std::pow(multiplier, std::max(0, retry - 1));
  absl::Duration delay = policy.initial_backoff;
  if (!std::isfinite(factor) ||
      absl::ToDoubleSeconds(policy.initial_backoff) * factor >
          absl::ToDoubleSeconds(policy.max_backoff)) {
    delay = policy.max_backoff;
  } else {
    delay = policy.initial_backoff * factor;
  }
  double jitter = std::clamp(policy.jitter, 0.0, 1.0);
  unit = std::clamp(unit, 0.0, 1.0);
  delay -= delay * (jitter * unit);
  return std::max(delay, absl::ZeroDuration());
}

std::optional<absl::Duration> ParseRetryAfter(absl::string_view value,
                                              absl::Time now) {
  value = absl::StripAsciiWhitespace(value);
  if (value.empty()) return std::nullopt;
  int64_t seconds = 0;
  if (absl::SimpleAtoi(value, &seconds)) {
    if (seconds < 0) return std::nullopt;
    return absl::Seconds(std::min<int64_t>(seconds, 365LL * 24 * 3600));
  }
  absl::Time at;
  std::string error;
  if (!absl::ParseTime("%a, %d %b %Y %H:%M:%S GMT", std::string(value), &at,
                       &error)) {
    return std::nullopt;
  }
  return std::max(at - now, absl::ZeroDuration());
}

}  // namespace sslstore::client::internal
