#include "service/sync/in_flight_calls.h"

#include "gtest/gtest.h"

namespace sslstore::service::sync {
namespace {

TEST(InFlightCallsTest, TracksCallsUntilTheyEnd) {
  InFlightCalls calls;
  const int64_t first = calls.Add();
  const int64_t second = calls.Add();
  EXPECT_NE(first, second);
  EXPECT_GT(first, 0);
  EXPECT_EQ(calls.Handles().size(), 2u);
  EXPECT_TRUE(calls.SetHandle(first, client::CallHandle()));
  calls.Remove(second);
  EXPECT_EQ(calls.Handles().size(), 1u);
  EXPECT_FALSE(calls.SetHandle(second, client::CallHandle()))
      << "a call that ended takes no handle";
  calls.Remove(first);
  EXPECT_TRUE(calls.Handles().empty());
}

}  // namespace
}  // namespace sslstore::service::sync
