#ifndef SSLSTORE_CLIENT_BACKOFF_POLICY_H_
#define SSLSTORE_CLIENT_BACKOFF_POLICY_H_

#include <functional>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/time/time.h"

namespace sslstore::client {

// The delays between attempts of one operation: exponential from `initial`
// (x `multiplier` per retry, at least 1), capped at `maximum`, then reduced
// by a random fraction of up to `jitter` (clamped to [0, 1]) of itself:
//   delay(n) = min(initial * multiplier^(n-1), maximum) * (1 - jitter * U)
// with U uniform in [0, 1) from the random source. Never negative.
//
// A policy keeps the history of one operation (the retries so far); `Clone`
// gives a fresh one with the same parameters for the next operation, so a
// prototype can be configured once and cloned per call. Not thread-safe; a
// clone may be used on another thread.
class BackoffPolicy {
 public:
  // Returns a uniform double in [0, 1). Called once per delay with jitter.
  using RandomSource = std::function<double()>;

  struct Options {
    absl::Duration initial = absl::Milliseconds(200);
    absl::Duration maximum = absl::Seconds(10);
    double multiplier = 2.0;
    // 0 = every delay is exact (the random source is never called).
    double jitter = 0.0;
  };

  // `random` defaults to a per-thread generator.
  explicit BackoffPolicy(Options options, RandomSource random = nullptr);

  // A policy with the same options and random source and no history.
  BackoffPolicy Clone() const;

  // The delay before the next retry; counts that retry.
  absl::Duration NextDelay();

  // Retries counted so far by NextDelay (0 for a fresh policy).
  int retries() const { return retries_; }

  const Options& options() const { return options_; }

  // The delay before retry number `retry` (1 = first), given the uniform
  // `unit` in [0, 1) that draws the jitter. Pure; the formula above.
  static absl::Duration DelayFor(const Options& options, int retry,
                                 double unit);

 private:
  Options options_;
  RandomSource random_;
  int retries_ = 0;
};

// Waits out a back-off delay without blocking the caller. Production code
// implements it with its own timer (for example on the transport's strand);
// tests inject a fake that records delays and wakes when told, so no test
// waits real time.
class Sleeper {
 public:
  // Receives OK once the delay has passed, or CANCELLED when Cancel() came
  // first.
  using Wake = absl::AnyInvocable<void(absl::Status) &&>;

  virtual ~Sleeper() = default;

  // Calls `wake` exactly once after `delay` (at once for a delay <= 0),
  // possibly on another thread. At most one sleep is pending at a time.
  virtual void Sleep(absl::Duration delay, Wake wake) = 0;

  // Ends the pending sleep early: its wake gets CANCELLED. Nothing when no
  // sleep is pending. Must not block.
  virtual void Cancel() = 0;
};

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_BACKOFF_POLICY_H_
