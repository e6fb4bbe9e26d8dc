// EnrollSingleFlight: one leader per key, followers hear its order or that
// it failed, a follower never outlives its call's deadline or cancellation.

#include "service/enroll/enroll_single_flight.h"

#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "service/server/call_scope.h"

namespace sslstore::service::enroll {
namespace {

client::OrderResponse Order(const std::string& id) {
  client::OrderResponse order;
  order.the_sslstore_order_id = id;
  return order;
}

// What one follower heard.
struct Heard {
  int calls = 0;
  absl::StatusOr<client::OrderResponse> outcome = absl::UnknownError("none");
};

EnrollSingleFlight::FollowCallback Record(Heard& heard) {
  return [&heard](absl::StatusOr<client::OrderResponse> outcome) {
    ++heard.calls;
    heard.outcome = std::move(outcome);
  };
}

TEST(EnrollSingleFlightTest, FollowersHearTheLeadersOrder) {
  EnrollSingleFlight flights;
  const std::string key = EnrollSingleFlight::Key("https://a", "P1", "sc-1");
  std::optional<EnrollSingleFlight::Lease> lease = flights.TryLead(key);
  ASSERT_TRUE(lease.has_value());
  EXPECT_FALSE(flights.TryLead(key).has_value());
  Heard first, second;
  flights.Follow(key, Record(first));
  flights.Follow(key, Record(second));
  EXPECT_EQ(first.calls, 0);
  lease->Succeed(Order("4500001"));
  for (const Heard* heard : {&first, &second}) {
    EXPECT_EQ(heard->calls, 1);
    ASSERT_TRUE(heard->outcome.ok()) << heard->outcome.status();
    EXPECT_EQ(heard->outcome->the_sslstore_order_id, "4500001");
  }
  EXPECT_EQ(flights.RunningFlights(), 0);
  lease.reset();  // a finished lease ends nothing twice
  EXPECT_EQ(first.calls, 1);
  EXPECT_TRUE(flights.TryLead(key).has_value());
}

TEST(EnrollSingleFlightTest, AFailedLeaderFreesTheKeyForTheNextCall) {
  EnrollSingleFlight flights;
  const std::string key = EnrollSingleFlight::Key("https://a", "P1", "sc-2");
  Heard heard;
  {
    std::optional<EnrollSingleFlight::Lease> lease = flights.TryLead(key);
    ASSERT_TRUE(lease.has_value());
    flights.Follow(key, Record(heard));
  }  // destroyed without an order
  EXPECT_EQ(heard.calls, 1);
  EXPECT_TRUE(EnrollSingleFlight::IsFlightEnded(heard.outcome.status()));
  EXPECT_EQ(flights.RunningFlights(), 0);
  EXPECT_TRUE(flights.TryLead(key).has_value());
}

TEST(EnrollSingleFlightTest, FollowingAnEndedFlightAnswersAtOnce) {
  EnrollSingleFlight flights;
  Heard heard;
  flights.Follow(EnrollSingleFlight::Key("https://a", "P1", "sc-3"),
                 Record(heard));
  EXPECT_EQ(heard.calls, 1);
  EXPECT_TRUE(EnrollSingleFlight::IsFlightEnded(heard.outcome.status()));
  EXPECT_FALSE(EnrollSingleFlight::IsFlightEnded(absl::AbortedError("other")));
}

TEST(EnrollSingleFlightTest, KeysOfOtherAccountsOrIdsAreIndependent) {
  EnrollSingleFlight flights;
  auto a = flights.TryLead(EnrollSingleFlight::Key("https://a", "P1", "x"));
  auto b = flights.TryLead(EnrollSingleFlight::Key("https://a", "P2", "x"));
  auto c = flights.TryLead(EnrollSingleFlight::Key("https://b", "P1", "x"));
  auto d = flights.TryLead(EnrollSingleFlight::Key("https://a", "P1", "y"));
  EXPECT_TRUE(a.has_value() && b.has_value() && c.has_value() && d.has_value());
  EXPECT_EQ(flights.RunningFlights(), 4);
  // The separator keeps "ab"+"c" apart from "a"+"bc".
  EXPECT_NE(EnrollSingleFlight::Key("ab", "c", "x"),
            EnrollSingleFlight::Key("a", "bc", "x"));
}

TEST(EnrollSingleFlightTest, CancelledFollowerHearsCancelledOnce) {
  EnrollSingleFlight flights;
  const std::string key = EnrollSingleFlight::Key("https://a", "P1", "sc-4");
  std::optional<EnrollSingleFlight::Lease> lease = flights.TryLead(key);
  ASSERT_TRUE(lease.has_value());
  Heard heard;
  client::CallHandle handle = flights.Follow(key, Record(heard));
  handle.Cancel();
  EXPECT_EQ(heard.calls, 1);
  EXPECT_EQ(heard.outcome.status().code(), absl::StatusCode::kCancelled);
  lease->Succeed(Order("4500002"));
  EXPECT_EQ(heard.calls, 1);
}

TEST(EnrollSingleFlightTest, AWaitingFollowerStopsAtItsDeadline) {
  EnrollSingleFlight flights;
  const std::string key = EnrollSingleFlight::Key("https://a", "P1", "sc-5");
  std::optional<EnrollSingleFlight::Lease> lease = flights.TryLead(key);
  ASSERT_TRUE(lease.has_value());
  CallScope scope(absl::Now() + absl::Milliseconds(50));
  absl::StatusOr<client::OrderResponse> joined =
      scope.Await<client::OrderResponse>("follow", [&](auto done) {
        return flights.Follow(key, std::move(done));
      });
  EXPECT_EQ(joined.status().code(), absl::StatusCode::kDeadlineExceeded);
  lease->Succeed(Order("4500003"));  // the expired follower is not called
  EXPECT_EQ(flights.RunningFlights(), 0);
}

TEST(EnrollSingleFlightTest, AWaitingFollowerStopsWhenItsCallIsCancelled) {
  EnrollSingleFlight flights;
  const std::string key = EnrollSingleFlight::Key("https://a", "P1", "sc-6");
  std::optional<EnrollSingleFlight::Lease> lease = flights.TryLead(key);
  ASSERT_TRUE(lease.has_value());
  CallScope scope(absl::InfiniteFuture());
  absl::StatusOr<client::OrderResponse> joined = absl::UnknownError("not run");
  std::thread follower([&] {
    joined = scope.Await<client::OrderResponse>("follow", [&](auto done) {
      return flights.Follow(key, std::move(done));
    });
  });
  scope.Cancel();  // before or after the follower registered: both end it
  follower.join();
  EXPECT_EQ(joined.status().code(), absl::StatusCode::kCancelled);
}

TEST(EnrollSingleFlightTest, AFollowerOnAnotherThreadGetsTheOrder) {
  EnrollSingleFlight flights;
  const std::string key = EnrollSingleFlight::Key("https://a", "P1", "sc-7");
  std::optional<EnrollSingleFlight::Lease> lease = flights.TryLead(key);
  ASSERT_TRUE(lease.has_value());
  CallScope scope(absl::InfiniteFuture());
  absl::Notification registered;
  absl::StatusOr<client::OrderResponse> joined = absl::UnknownError("not run");
  std::thread follower([&] {
    joined = scope.Await<client::OrderResponse>("follow", [&](auto done) {
      client::CallHandle handle = flights.Follow(key, std::move(done));
      registered.Notify();
      return handle;
    });
  });
  registered.WaitForNotification();
  lease->Succeed(Order("4500004"));
  follower.join();
  ASSERT_TRUE(joined.ok()) << joined.status();
  EXPECT_EQ(joined->the_sslstore_order_id, "4500004");
}

}  // namespace
}  // namespace sslstore::service::enroll
