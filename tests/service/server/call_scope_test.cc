// service/server/call_scope: upstream calls started through a scope get
// their results, and are cancelled when the scope is cancelled or its
// deadline passes; cancel hooks run once.
#include "service/server/call_scope.h"

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sslstore_client/call_handle.h"

namespace sslstore::service {
namespace {

using ::testing::HasSubstr;

// An upstream call that completes when the test says so, or with CANCELLED
// when cancelled.
class FakeCall : public client::internal::Cancellable {
 public:
  void Cancel() override {
    ++cancels;
    Complete(absl::CancelledError("upstream call cancelled"));
  }
  void Complete(absl::StatusOr<int> result) {
    if (!callback) return;
    std::function<void(absl::StatusOr<int>)> done = std::move(callback);
    callback = nullptr;
    done(std::move(result));
  }

  std::function<void(absl::StatusOr<int>)> callback;
  int cancels = 0;
};

// A start function for CallScope::Start that hands the callback to `call`.
auto StartOn(const std::shared_ptr<FakeCall>& call, int* starts) {
  return [call, starts](auto done) {
    ++*starts;
    call->callback = std::move(done);
    return client::CallHandle(call);
  };
}

TEST(CallScopeTest, ResultOfACompletedCall) {
  CallScope scope(absl::InfiniteFuture());
  auto call = std::make_shared<FakeCall>();
  int starts = 0;
  auto pending = scope.Start<int>(StartOn(call, &starts));
  EXPECT_EQ(starts, 1);
  call->Complete(42);
  absl::StatusOr<int> result = scope.Wait("order/status", *pending);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(*result, 42);
  EXPECT_EQ(call->cancels, 0);
  EXPECT_TRUE(scope.CheckAlive().ok());
}

TEST(CallScopeTest, UpstreamErrorPassesThrough) {
  CallScope scope(absl::InfiniteFuture());
  auto call = std::make_shared<FakeCall>();
  int starts = 0;
  auto pending = scope.Start<int>(StartOn(call, &starts));
  call->Complete(absl::NotFoundError("no such order"));
  absl::StatusOr<int> result = scope.Wait("order/status", *pending);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound);
}

TEST(CallScopeTest, CancelledScopeStartsNothing) {
  CallScope scope(absl::InfiniteFuture());
  scope.Cancel();
  EXPECT_EQ(scope.CheckAlive().code(), absl::StatusCode::kCancelled);
  auto call = std::make_shared<FakeCall>();
  int starts = 0;
  absl::StatusOr<int> result =
      scope.Await<int>("order/status", StartOn(call, &starts));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(starts, 0);
}

TEST(CallScopeTest, CancelCancelsCallsInFlight) {
  CallScope scope(absl::InfiniteFuture());
  auto first = std::make_shared<FakeCall>();
  auto second = std::make_shared<FakeCall>();
  int starts = 0;
  auto pending_first = scope.Start<int>(StartOn(first, &starts));
  auto pending_second = scope.Start<int>(StartOn(second, &starts));
  scope.Cancel();
  EXPECT_EQ(first->cancels, 1);
  EXPECT_EQ(second->cancels, 1);
  EXPECT_EQ(scope.Wait("a", *pending_first).status().code(),
            absl::StatusCode::kCancelled);
  EXPECT_EQ(scope.Wait("b", *pending_second).status().code(),
            absl::StatusCode::kCancelled);
}

TEST(CallScopeTest, PassedDeadlineStartsNothing) {
  CallScope scope(absl::Now() - absl::Seconds(1));
  EXPECT_EQ(scope.CheckAlive().code(), absl::StatusCode::kDeadlineExceeded);
  auto call = std::make_shared<FakeCall>();
  int starts = 0;
  absl::StatusOr<int> result =
      scope.Await<int>("order/status", StartOn(call, &starts));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(starts, 0);
}

TEST(CallScopeTest, DeadlineWhileWaitingCancelsTheCall) {
  CallScope scope(absl::Now() + absl::Milliseconds(50));
  auto call = std::make_shared<FakeCall>();
  int starts = 0;
  // The call never completes on its own.
  absl::StatusOr<int> result =
      scope.Await<int>("order/download", StartOn(call, &starts));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(result.status().message(), HasSubstr("order/download"));
  EXPECT_EQ(starts, 1);
  EXPECT_EQ(call->cancels, 1);
}

TEST(CallScopeTest, CancelHooksRunOnce) {
  CallScope scope(absl::InfiniteFuture());
  int before = 0;
  scope.OnCancel([&before] { ++before; });
  EXPECT_EQ(before, 0);
  scope.Cancel();
  EXPECT_EQ(before, 1);
  scope.Cancel();
  EXPECT_EQ(before, 1);
  // A hook added after the cancel runs at once.
  int after = 0;
  scope.OnCancel([&after] { ++after; });
  EXPECT_EQ(after, 1);
}

}  // namespace
}  // namespace sslstore::service
