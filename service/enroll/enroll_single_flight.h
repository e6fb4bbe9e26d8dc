#ifndef SERVICE_ENROLL_ENROLL_SINGLE_FLIGHT_H_
#define SERVICE_ENROLL_ENROLL_SINGLE_FLIGHT_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "sslstore_client/call_handle.h"
#include "sslstore_client/order_models.h"

namespace sslstore::service::enroll {

// Joins concurrent enrollments of the same order in this process, so that
// they never race to place two orders: the first call for a key leads (does
// the upstream work), the others follow and hear the order it obtained.
// A key names one upstream account and one CustomOrderID. Thread-safe.
//
//   for (;;) {
//     if (std::optional<Lease> lease = flights.TryLead(key)) {
//       ... obtain the order ...; lease->Succeed(order); break;
//     }
//     wait for flights.Follow(key, done): an order, or FlightEnded() (the
//     leader failed or is gone: try to lead again).
//   }
class EnrollSingleFlight {
 public:
  // What a follower hears: the leader's order, FlightEnded(), or CANCELLED
  // when the follower's handle was cancelled.
  using FollowCallback =
      std::function<void(absl::StatusOr<client::OrderResponse>)>;

  // The leader's hold on a key. Succeed() hands the order to every follower
  // and frees the key; destroying an unfinished lease (the leader failed)
  // tells the followers FlightEnded() and frees the key, so the next call
  // leads anew. Movable, not copyable.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    // Ends the flight with `order`; later calls do nothing.
    void Succeed(const client::OrderResponse& order);

   private:
    friend class EnrollSingleFlight;
    Lease(EnrollSingleFlight* flights, std::string key)
        : flights_(flights), key_(std::move(key)) {}

    EnrollSingleFlight* flights_;  // null once finished or moved from
    std::string key_;
  };

  EnrollSingleFlight() = default;
  EnrollSingleFlight(const EnrollSingleFlight&) = delete;
  EnrollSingleFlight& operator=(const EnrollSingleFlight&) = delete;

  // The process-wide instance the Enroll handler uses.
  static EnrollSingleFlight& Shared();

  // The key of an enrollment: the upstream account (base URL and partner
  // code) and the CustomOrderID.
  static std::string Key(absl::string_view sslstore_url,
                         absl::string_view partner_code,
                         absl::string_view custom_order_id);

  // The status a follower hears when the leader ended without an order
  // (the follower then tries to lead; it never reaches a caller).
  static absl::Status FlightEnded();
  // True for FlightEnded().
  static bool IsFlightEnded(const absl::Status& status);

  // A lease when no call leads `key`; nullopt when one does.
  std::optional<Lease> TryLead(const std::string& key);

  // Registers `done` to hear how the flight of `key` ends; when no flight is
  // running any more, calls it at once with FlightEnded(). The handle's
  // Cancel() calls `done` with CANCELLED (once; never after the outcome).
  // `done` runs on the thread that ends the flight or cancels, never under
  // this object's lock.
  client::CallHandle Follow(const std::string& key, FollowCallback done);

  // Number of keys with a flight running (for tests).
  int RunningFlights() const;

  // Followers registered with the running flights (for tests).
  int Followers() const;

 private:
  class Follower;

  // Ends the flight of `key`: `order` set = success.
  void Finish(const std::string& key,
              const std::optional<client::OrderResponse>& order);

  mutable absl::Mutex mutex_;
  std::map<std::string, std::vector<std::shared_ptr<Follower>>> flights_
      ABSL_GUARDED_BY(mutex_);
};

}  // namespace sslstore::service::enroll

#endif  // SERVICE_ENROLL_ENROLL_SINGLE_FLIGHT_H_
