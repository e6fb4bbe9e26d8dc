#include "sslstore_client/backoff_policy.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/random/random.h"

namespace sslstore::client {
namespace {

double ThreadLocalUniform() {
  thread_local absl::InsecureBitGen gen;
  return absl::Uniform(gen, 0.0, 1.0);
}

}  // namespace

BackoffPolicy::BackoffPolicy(Options options, RandomSource random)
    : options_(options),
      random_(random ? std::move(random) : RandomSource(ThreadLocalUniform)) {}

BackoffPolicy BackoffPolicy::Clone() const {
  return BackoffPolicy(options_, random_);
}

absl::Duration BackoffPolicy::NextDelay() {
  ++retries_;
  const double unit = options_.jitter > 0 ? random_() : 0.0;
  return DelayFor(options_, retries_, unit);
}

absl::Duration BackoffPolicy::DelayFor(const Options& options, int retry,
                                       double unit) {
  const double multiplier = std::max(1.0, options.multiplier);
  const double factor = std::pow(multiplier, std::max(0, retry - 1));
  absl::Duration delay = options.initial;
  if (!std::isfinite(factor) ||
      absl::ToDoubleSeconds(options.initial) * factor >
          absl::ToDoubleSeconds(options.maximum)) {
    delay = options.maximum;
  } else {
    delay = options.initial * factor;
  }
  const double jitter = std::clamp(options.jitter, 0.0, 1.0);
  unit = std::clamp(unit, 0.0, 1.0);
  delay -= delay * (jitter * unit);
  return std::max(delay, absl::ZeroDuration());
}

}  // namespace sslstore::client
