#ifndef TESTS_SSLSTORE_CLIENT_FAKE_SLEEPER_H_
#define TESTS_SSLSTORE_CLIENT_FAKE_SLEEPER_H_

#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "sslstore_client/backoff_policy.h"

namespace sslstore::client::testing {

// A Sleeper that never waits real time: it records each requested delay and
// holds the wake until the test calls Wake(); with `wake_at_once` it wakes
// inside Sleep(). Cancel() wakes the pending sleep with CANCELLED. Single
// thread only.
class FakeSleeper : public Sleeper {
 public:
  explicit FakeSleeper(bool wake_at_once = false)
      : wake_at_once_(wake_at_once) {}

  void Sleep(absl::Duration delay, Wake wake) override {
    delays_.push_back(delay);
    pending_ = std::move(wake);
    if (wake_at_once_) Wake();
  }

  void Cancel() override { Finish(absl::CancelledError("sleep cancelled")); }

  // Ends the pending sleep normally; false when none is pending.
  bool Wake() { return Finish(absl::OkStatus()); }

  bool pending() const { return static_cast<bool>(pending_); }
  const std::vector<absl::Duration>& delays() const { return delays_; }

 private:
  bool Finish(absl::Status status) {
    if (!pending_) return false;
    Sleeper::Wake wake = std::move(pending_);
    pending_ = nullptr;
    std::move(wake)(std::move(status));
    return true;
  }

  const bool wake_at_once_;
  std::vector<absl::Duration> delays_;
  Sleeper::Wake pending_;
};

}  // namespace sslstore::client::testing

#endif  // TESTS_SSLSTORE_CLIENT_FAKE_SLEEPER_H_
