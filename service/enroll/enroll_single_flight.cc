#include "service/enroll/enroll_single_flight.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace sslstore::service::enroll {

// One follower's callback, called exactly once: with the outcome or, when
// cancelled first, with CANCELLED.
class EnrollSingleFlight::Follower : public client::internal::Cancellable {
 public:
  explicit Follower(FollowCallback done) : done_(std::move(done)) {}

  void Cancel() override {
    Deliver(absl::CancelledError(
        "cancelled while waiting for a concurrent Enroll of the same order"));
  }

  // Calls the callback unless it was called already.
  void Deliver(absl::StatusOr<client::OrderResponse> outcome) {
    FollowCallback done;
    {
      absl::MutexLock lock(&mutex_);
      if (!done_) return;
      done.swap(done_);
    }
    done(std::move(outcome));
  }

 private:
  absl::Mutex mutex_;
  FollowCallback done_ ABSL_GUARDED_BY(mutex_);
};

EnrollSingleFlight::Lease::Lease(Lease&& other) noexcept
    : flights_(other.flights_), key_(std::move(other.key_)) {
  other.flights_ = nullptr;
}

EnrollSingleFlight::Lease& EnrollSingleFlight::Lease::operator=(
    Lease&& other) noexcept {
  if (this != &other) {
    if (flights_ != nullptr) flights_->Finish(key_, std::nullopt);
    flights_ = other.flights_;
    key_ = std::move(other.key_);
    other.flights_ = nullptr;
  }
  return *this;
}

EnrollSingleFlight::Lease::~Lease() {
  if (flights_ != nullptr) flights_->Finish(key_, std::nullopt);
}

void EnrollSingleFlight::Lease::Succeed(const client::OrderResponse& order) {
  if (flights_ == nullptr) return;
  EnrollSingleFlight* flights = flights_;
  flights_ = nullptr;
  flights->Finish(key_, order);
}

EnrollSingleFlight& EnrollSingleFlight::Shared() {
  static EnrollSingleFlight* const shared = new EnrollSingleFlight();
  return *shared;
}

std::string EnrollSingleFlight::Key(absl::string_view sslstore_url,
                                    absl::string_view partner_code,
                                    absl::string_view custom_order_id) {
  // NUL separators: no two triples run together.
  const std::string separator(1, '\0');
  return absl::StrCat(sslstore_url, separator, partner_code, separator,
                      custom_order_id);
}

absl::Status EnrollSingleFlight::FlightEnded() {
  return absl::AbortedError(
      "a concurrent Enroll of the same order ended without an order");
}

bool EnrollSingleFlight::IsFlightEnded(const absl::Status& status) {
  return status.code() == absl::StatusCode::kAborted &&
         status.message() == FlightEnded().message();
}

std::optional<EnrollSingleFlight::Lease> EnrollSingleFlight::TryLead(
    const std::string& key) {
  absl::MutexLock lock(&mutex_);
  if (!flights_.emplace(key, std::vector<std::shared_ptr<Follower>>()).second) {
    return std::nullopt;
  }
  return Lease(this, key);
}

client::CallHandle EnrollSingleFlight::Follow(const std::string& key,
                                              FollowCallback done) {
  auto follower = std::make_shared<Follower>(std::move(done));
  {
    absl::MutexLock lock(&mutex_);
    auto flight = flights_.find(key);
    if (flight != flights_.end()) {
      flight->second.push_back(follower);
      return client::CallHandle(follower);
    }
  }
  follower->Deliver(FlightEnded());
  return client::CallHandle(follower);
}

int EnrollSingleFlight::RunningFlights() const {
  absl::MutexLock lock(&mutex_);
  return static_cast<int>(flights_.size());
}

int EnrollSingleFlight::Followers() const {
  absl::MutexLock lock(&mutex_);
  int followers = 0;
  for (const auto& [key, waiting] : flights_) {
    followers += static_cast<int>(waiting.size());
  }
  return followers;
}

void EnrollSingleFlight::Finish(
    const std::string& key, const std::optional<client::OrderResponse>& order) {
  std::vector<std::shared_ptr<Follower>> followers;
  {
    absl::MutexLock lock(&mutex_);
    auto flight = flights_.find(key);
    if (flight == flights_.end()) return;
    followers = std::move(flight->second);
    flights_.erase(flight);
  }
  for (const std::shared_ptr<Follower>& follower : followers) {
    if (order.has_value()) {
      follower->Deliver(*order);
    } else {
      follower->Deliver(FlightEnded());
    }
  }
}

}  // namespace sslstore::service::enroll
