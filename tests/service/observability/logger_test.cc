#include "service/observability/logger.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "tests/service/observability/captured_log.h"

namespace sslstore::service::observability {
namespace {

using testing::CapturedLog;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::SizeIs;

LoggingConfig Config(LogLevel level, LogFormat format, CapturedLog& captured) {
  LoggingConfig config;
  config.level = level;
  config.format = format;
  config.sink = captured.sink();
  return config;
}

rapidjson::Document Parse(const std::string& line) {
  rapidjson::Document document;
  document.Parse(line.c_str());
  EXPECT_FALSE(document.HasParseError()) << line;
  EXPECT_TRUE(document.IsObject()) << line;
  return document;
}

TEST(LoggerTest, WritesOneJsonObjectPerLine) {
  CapturedLog captured;
  Redactor redactor;
  Logger logger(Config(LogLevel::kInfo, LogFormat::kJson, captured), redactor);
  logger.Info(
      "rpc", {LogField("rpc", "/svc/Ping"), LogField("status", "OK"),
              LogField("duration_ms", 12.5), LogField("count", 3),
              LogField("ok", true), LogField("note", "quote \" and\nnewline")});
  ASSERT_THAT(captured.lines(), SizeIs(1));
  const std::string line = captured.lines()[0];
  EXPECT_THAT(line, Not(HasSubstr("\n")));
  rapidjson::Document doc = Parse(line);
  ASSERT_TRUE(doc.HasMember("time") && doc["time"].IsString());
  EXPECT_THAT(doc["time"].GetString(),
              MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:"
                           "[0-9]{2}\\.[0-9]{3}Z"));
  ASSERT_TRUE(doc.HasMember("level") && doc["level"].IsString());
  EXPECT_STREQ(doc["level"].GetString(), "info");
  ASSERT_TRUE(doc.HasMember("msg") && doc["msg"].IsString());
  EXPECT_STREQ(doc["msg"].GetString(), "rpc");
  ASSERT_TRUE(doc.HasMember("rpc") && doc["rpc"].IsString());
  EXPECT_STREQ(doc["rpc"].GetString(), "/svc/Ping");
  ASSERT_TRUE(doc.HasMember("duration_ms") && doc["duration_ms"].IsNumber());
  EXPECT_DOUBLE_EQ(doc["duration_ms"].GetDouble(), 12.5);
  ASSERT_TRUE(doc.HasMember("count") && doc["count"].IsInt64());
  EXPECT_EQ(doc["count"].GetInt64(), 3);
  ASSERT_TRUE(doc.HasMember("ok") && doc["ok"].IsBool());
  EXPECT_TRUE(doc["ok"].GetBool());
  ASSERT_TRUE(doc.HasMember("note") && doc["note"].IsString());
  EXPECT_STREQ(doc["note"].GetString(), "quote \" and\nnewline");
}

TEST(LoggerTest, DropsLinesBelowTheLevel) {
  CapturedLog captured;
  Redactor redactor;
  Logger logger(Config(LogLevel::kWarn, LogFormat::kJson, captured), redactor);
  EXPECT_FALSE(logger.Enabled(LogLevel::kInfo));
  EXPECT_TRUE(logger.Enabled(LogLevel::kError));
  logger.Trace("t");
  logger.Debug("d");
  logger.Info("i");
  logger.Warn("w");
  logger.Error("e");
  const std::vector<std::string> lines = captured.lines();
  ASSERT_THAT(lines, SizeIs(2));
  EXPECT_STREQ(Parse(lines[0])["level"].GetString(), "warn");
  EXPECT_STREQ(Parse(lines[1])["level"].GetString(), "error");
}

TEST(LoggerTest, TraceLevelWritesEverything) {
  CapturedLog captured;
  Redactor redactor;
  Logger logger(Config(LogLevel::kTrace, LogFormat::kJson, captured), redactor);
  logger.Trace("t");
  logger.Debug("d");
  logger.Info("i");
  EXPECT_THAT(captured.lines(), SizeIs(3));
  EXPECT_STREQ(Parse(captured.lines()[0])["level"].GetString(), "trace");
}

TEST(LoggerTest, TextFormat) {
  CapturedLog captured;
  Redactor redactor;
  Logger logger(Config(LogLevel::kInfo, LogFormat::kText, captured), redactor);
  logger.Warn("rpc done",
              {LogField("rpc", "/svc/Ping"), LogField("status", "NOT_FOUND"),
               LogField("duration_ms", 1.25),
               LogField("error", "no such \"order\"\nat all")});
  ASSERT_THAT(captured.lines(), SizeIs(1));
  EXPECT_THAT(
      captured.lines()[0],
      MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z WARN \"rpc done\" "
                   "rpc=/svc/Ping status=NOT_FOUND duration_ms=1.250 "
                   "error=\"no such \\\\\"order\\\\\"\\\\nat all\""));
}

TEST(LoggerTest, EveryLineIsRedacted) {
  CapturedLog captured;
  Redactor redactor;
  redactor.AddSecret("tok-SECRET");
  for (LogFormat format : {LogFormat::kJson, LogFormat::kText}) {
    Logger logger(Config(LogLevel::kTrace, format, captured), redactor);
    logger.Info("message with tok-SECRET",
                {LogField("error", "bad token tok-SECRET"),
                 LogField("body", R"({"AuthToken":"unknown-value"})"),
                 LogField("tok-SECRET", "as a key")});
    logger.Log(LogLevel::kInfo, "call secret inline-XYZ",
               {LogField("f", "inline-XYZ")}, {"inline-XYZ"});
  }
  const std::vector<std::string> lines = captured.lines();
  ASSERT_THAT(lines, SizeIs(4));
  for (const std::string& line : lines) {
    EXPECT_THAT(line, Not(HasSubstr("tok-SECRET")));
    EXPECT_THAT(line, Not(HasSubstr("unknown-value")));
    EXPECT_THAT(line, Not(HasSubstr("inline-XYZ")));
    EXPECT_THAT(line, HasSubstr("[REDACTED]"));
  }
  // Still valid JSON after redaction.
  rapidjson::Document doc = Parse(lines[0]);
  ASSERT_TRUE(doc.HasMember("body") && doc["body"].IsString());
  EXPECT_STREQ(doc["body"].GetString(), R"({"AuthToken":"[REDACTED]"})");
}

TEST(LoggerTest, LinesFromManyThreadsStayWhole) {
  CapturedLog captured;
  Redactor redactor;
  Logger logger(Config(LogLevel::kInfo, LogFormat::kJson, captured), redactor);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&logger, t] {
      for (int i = 0; i < 100; ++i) {
        logger.Info("line", {LogField("thread", t), LogField("i", i)});
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const std::vector<std::string> lines = captured.lines();
  ASSERT_THAT(lines, SizeIs(400));
  for (const std::string& line : lines) Parse(line);
}

}  // namespace
}  // namespace sslstore::service::observability
