// The keepalive section becomes gRPC core's keepalive arguments.
#include "service/server/keepalive.h"

#include <map>
#include <string>

#include "gmock/gmock.h"
#include "grpc/grpc.h"
#include "gtest/gtest.h"

namespace sslstore::service {
namespace {

using ::testing::Pair;
using ::testing::UnorderedElementsAre;

TEST(KeepaliveTest, DefaultsSuitLongStreamsBehindLoadBalancers) {
  EXPECT_THAT(
      KeepaliveArguments(KeepaliveConfig{}),
      UnorderedElementsAre(
          Pair(GRPC_ARG_KEEPALIVE_TIME_MS, 30000),
          Pair(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000),
          Pair(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1),
          Pair(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0),
          Pair(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10000)));
}

TEST(KeepaliveTest, ConfiguredSecondsBecomeMilliseconds) {
  KeepaliveConfig config;
  config.time_seconds = 120;
  config.timeout_seconds = 5;
  config.min_client_ping_interval_seconds = 60;
  std::map<std::string, int> arguments;
  for (const auto& [name, value] : KeepaliveArguments(config)) {
    arguments[name] = value;
  }
  EXPECT_EQ(arguments[GRPC_ARG_KEEPALIVE_TIME_MS], 120000);
  EXPECT_EQ(arguments[GRPC_ARG_KEEPALIVE_TIMEOUT_MS], 5000);
  EXPECT_EQ(arguments[GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS],
            60000);
}

}  // namespace
}  // namespace sslstore::service
