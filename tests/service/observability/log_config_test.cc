#include "service/observability/log_config.h"

#include <string>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"

namespace sslstore::service::observability {
namespace {

using ::testing::HasSubstr;

absl::Status ParseText(const std::string& json, ObservabilityConfig* out,
                       std::string_view prefix = "") {
  rapidjson::Document document;
  document.Parse(json.c_str());
  EXPECT_FALSE(document.HasParseError()) << json;
  return ParseObservabilityConfig(document, prefix, out);
}

TEST(LogConfigTest, DefaultsWhenAbsent) {
  ObservabilityConfig config;
  ASSERT_TRUE(
      ParseText(R"({"connections": {}, "listen_address": "x:1"})", &config)
          .ok());
  EXPECT_EQ(config.logging.level, LogLevel::kInfo);
  EXPECT_EQ(config.logging.format, LogFormat::kJson);
  EXPECT_TRUE(config.metrics.listen_address.empty());
}

TEST(LogConfigTest, ReadsBothSections) {
  ObservabilityConfig config;
  ASSERT_TRUE(ParseText(R"({"logging": {"level": "TRACE", "format": "text"},
                            "metrics": {"listen_address": "127.0.0.1:0"}})",
                        &config)
                  .ok());
  EXPECT_EQ(config.logging.level, LogLevel::kTrace);
  EXPECT_EQ(config.logging.format, LogFormat::kText);
  EXPECT_EQ(config.metrics.listen_address, "127.0.0.1:0");
}

TEST(LogConfigTest, EveryLevelName) {
  for (LogLevel level : {LogLevel::kTrace, LogLevel::kDebug, LogLevel::kInfo,
                         LogLevel::kWarn, LogLevel::kError}) {
    EXPECT_EQ(ParseLogLevel(LogLevelName(level)), level);
  }
  EXPECT_EQ(ParseLogLevel("Warning"), LogLevel::kWarn);
  EXPECT_FALSE(ParseLogLevel("verbose").has_value());
}

TEST(LogConfigTest, MetricsSectionWithoutAddressStaysDisabled) {
  ObservabilityConfig config;
  ASSERT_TRUE(ParseText(R"({"metrics": {}})", &config).ok());
  EXPECT_TRUE(config.metrics.listen_address.empty());
}

struct BadCase {
  const char* json;
  const char* path;  // expected at the start of the message
};

TEST(LogConfigTest, RejectsBadValuesNamingTheKey) {
  const BadCase cases[] = {
      {R"({"logging": "info"})", "logging: must be an object"},
      {R"({"logging": {"level": "loud"}})", "logging.level: must be one of"},
      {R"({"logging": {"level": 3}})", "logging.level: must be a string"},
      {R"({"logging": {"format": "xml"}})", "logging.format: must be"},
      {R"({"logging": {"colour": true}})", "logging.colour: unknown key"},
      {R"({"metrics": []})", "metrics: must be an object"},
      {R"({"metrics": {"listen_address": 9464}})",
       "metrics.listen_address: must be a string"},
      {R"({"metrics": {"listen_address": "9464"}})",
       "metrics.listen_address: must be a \"host:port\""},
      {R"({"metrics": {"listen_address": "127.0.0.1:70000"}})",
       "metrics.listen_address: must be a \"host:port\""},
      {R"({"metrics": {"listen_address": ":80"}})",
       "metrics.listen_address: must be a \"host:port\""},
      {R"({"metrics": {"listen_address": "h:8x"}})",
       "metrics.listen_address: must be a \"host:port\""},
      {R"({"metrics": {"path": "/m"}})", "metrics.path: unknown key"},
  };
  for (const BadCase& c : cases) {
    ObservabilityConfig config;
    absl::Status status = ParseText(c.json, &config);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.json;
    EXPECT_TRUE(absl::StartsWith(status.message(), c.path))
        << c.json << " -> " << status.message();
  }
}

TEST(LogConfigTest, PathPrefixIsPrepended) {
  ObservabilityConfig config;
  absl::Status status =
      ParseText(R"({"logging": {"level": "x"}})", &config, "observability");
  EXPECT_THAT(status.message(), HasSubstr("observability.logging.level:"));
}

TEST(LogConfigTest, RejectsANonObjectRoot) {
  rapidjson::Document document;
  document.Parse("[1]");
  ObservabilityConfig config;
  EXPECT_EQ(ParseObservabilityConfig(document, "", &config).code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sslstore::service::observability
