// The "logging" and "metrics" sections as the server's configuration file
// carries them (service/server_config.cc dispatches them to
// ParseObservabilityConfig).

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/config/server_config.h"

namespace sslstore::service {
namespace {

using ::testing::HasSubstr;

TEST(ServerConfigObservabilityTest, DefaultsWithoutTheSections) {
  absl::StatusOr<ServerConfig> config = ParseServerConfig("{}", "c.json");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->observability.logging.level,
            observability::LogLevel::kInfo);
  EXPECT_EQ(config->observability.logging.format,
            observability::LogFormat::kJson);
  EXPECT_TRUE(config->observability.metrics.listen_address.empty());
}

TEST(ServerConfigObservabilityTest, ReadsTheSections) {
  absl::StatusOr<ServerConfig> config = ParseServerConfig(
      R"({"logging": {"level": "debug", "format": "text"},
          "metrics": {"listen_address": "127.0.0.1:9464"}})",
      "c.json");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->observability.logging.level,
            observability::LogLevel::kDebug);
  EXPECT_EQ(config->observability.logging.format,
            observability::LogFormat::kText);
  EXPECT_EQ(config->observability.metrics.listen_address, "127.0.0.1:9464");
}

TEST(ServerConfigObservabilityTest, ErrorsNameTheFileAndTheKey) {
  absl::StatusOr<ServerConfig> config =
      ParseServerConfig(R"({"logging": {"level": "chatty"}})", "c.json");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(config.status().message(), HasSubstr("c.json: logging.level:"));
  config = ParseServerConfig(R"({"metrics": {"port": 1}})", "c.json");
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(), HasSubstr("c.json: metrics.port:"));
}

}  // namespace
}  // namespace sslstore::service
