#include "service/observability/redactor.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sslstore::service::observability {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(RedactorTest, ScrubsEveryOccurrenceOfAKnownSecret) {
  Redactor redactor;
  redactor.AddSecret("s3cr3t-token");
  EXPECT_EQ(redactor.Scrub("a s3cr3t-token b s3cr3t-token"),
            "a [REDACTED] b [REDACTED]");
  EXPECT_EQ(redactor.Scrub("nothing here"), "nothing here");
}

TEST(RedactorTest, ScrubsTheJsonEscapedFormOfASecret) {
  Redactor redactor;
  redactor.AddSecret("ab\"cd\\ef");
  // As a JSON string the secret reads ab\"cd\\ef.
  EXPECT_EQ(redactor.Scrub(R"({"k":"ab\"cd\\ef"})"), R"({"k":"[REDACTED]"})");
  EXPECT_EQ(redactor.Scrub("raw ab\"cd\\ef"), "raw [REDACTED]");
}

TEST(RedactorTest, LongerSecretsGoFirst) {
  Redactor redactor;
  redactor.AddSecret("abc");
  redactor.AddSecret("abcdef");
  // Had "abc" gone first, "def" would be left behind.
  EXPECT_EQ(redactor.Scrub("x abcdef y"), "x [REDACTED] y");
}

TEST(RedactorTest, LongerSecretsGoFirstAcrossKinds) {
  Redactor redactor;
  redactor.AddRecentSecret("tok-1");
  redactor.AddRecentSecret("tok-10");
  redactor.AddSecret("tok");
  EXPECT_EQ(redactor.Scrub("a tok-10 b tok-1 c tok", {"tok-100"}),
            "a [REDACTED] b [REDACTED] c [REDACTED]");
  EXPECT_EQ(redactor.Scrub("tok-100", {"tok-100"}), "[REDACTED]");
}

TEST(RedactorTest, EmptySecretsAreIgnored) {
  Redactor redactor;
  redactor.AddSecret("");
  redactor.AddRecentSecret("");
  EXPECT_EQ(redactor.Scrub("unchanged"), "unchanged");
}

TEST(RedactorTest, ScrubsExtraSecretsOfTheCall) {
  Redactor redactor;
  EXPECT_EQ(redactor.Scrub("inline-token-1 used", {"inline-token-1"}),
            "[REDACTED] used");
  // Not remembered.
  EXPECT_EQ(redactor.Scrub("inline-token-1 used"), "inline-token-1 used");
}

TEST(RedactorTest, RecentSecretsAreBounded) {
  Redactor redactor;
  redactor.AddRecentSecret("first-recent-secret");
  EXPECT_EQ(redactor.Scrub("first-recent-secret"), "[REDACTED]");
  for (size_t i = 0; i < Redactor::kMaxRecentSecrets; ++i) {
    redactor.AddRecentSecret(absl::StrCat("other-secret-", i, "-x"));
  }
  EXPECT_EQ(redactor.Scrub("first-recent-secret"), "first-recent-secret");
  EXPECT_EQ(redactor.Scrub("other-secret-7-x"), "[REDACTED]");
}

TEST(RedactorTest, ScrubsAuthTokenJsonFieldsWhateverTheValue) {
  Redactor redactor;  // knows no secret at all
  EXPECT_EQ(redactor.Scrub(R"({"PartnerCode":"P1","AuthToken":"xyz123"})"),
            R"({"PartnerCode":"P1","AuthToken":"[REDACTED]"})");
  EXPECT_EQ(redactor.Scrub(R"({"authtoken" : "xyz"})"),
            R"({"authtoken" : "[REDACTED]"})");
  EXPECT_EQ(redactor.Scrub(R"({"AUTHTOKEN":"a\"b"})"),
            R"({"AUTHTOKEN":"[REDACTED]"})");
}

TEST(RedactorTest, ScrubsAuthTokenFieldsInsideEscapedJson) {
  Redactor redactor;
  // A WBAPI body logged inside a JSON log line.
  EXPECT_EQ(redactor.Scrub(R"({"line":"{\"AuthToken\":\"xyz\",\"A\":1}"})"),
            R"({"line":"{\"AuthToken\":\"[REDACTED]\",\"A\":1}"})");
}

TEST(RedactorTest, ScrubsKeyValueAndTextFormatFields) {
  Redactor redactor;
  EXPECT_EQ(redactor.Scrub("url?AuthToken=abc&x=1"),
            "url?AuthToken=[REDACTED]&x=1");
  EXPECT_EQ(redactor.Scrub("auth_token: \"abc\" page_size: 3"),
            "auth_token: \"[REDACTED]\" page_size: 3");
  EXPECT_EQ(redactor.Scrub("Auth-Token = abc, next"),
            "Auth-Token = [REDACTED], next");
  EXPECT_EQ(redactor.Scrub("authToken='abc'"), "authToken='[REDACTED]'");
}

TEST(RedactorTest, LeavesOtherKeysAlone) {
  Redactor redactor;
  const std::string text =
      R"({"auth_token_env":"MY_VAR","auth_token_file":"/x","AuthTokens":1,)"
      R"("MyAuthToken":"kept","auth":"x"})";
  EXPECT_EQ(redactor.Scrub(text), text);
  EXPECT_EQ(redactor.Scrub("the auth token is required"),
            "the auth token is required");
  EXPECT_EQ(redactor.Scrub("AuthToken: missing"),
            "AuthToken: [REDACTED]");  // a value is a value
}

TEST(RedactorTest, ScrubbingTwiceChangesNothingMore) {
  Redactor redactor;
  redactor.AddSecret("tok");
  const std::string once = redactor.Scrub(R"(AuthToken=abc "AuthToken":"d")");
  EXPECT_EQ(redactor.Scrub(once), once);
  EXPECT_EQ(once, R"(AuthToken=[REDACTED] "AuthToken":"[REDACTED]")");
}

TEST(RedactorTest, UnterminatedValueIsScrubbedToTheEnd) {
  Redactor redactor;
  EXPECT_EQ(redactor.Scrub(R"({"AuthToken":"abcdef)"),
            R"({"AuthToken":"[REDACTED])");
}

TEST(RedactorTest, ConcurrentUseIsSafe) {
  Redactor redactor;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&redactor, t] {
      // 4 x 60 stays below kMaxRecentSecrets: none is forgotten.
      for (int i = 0; i < 60; ++i) {
        const std::string secret = absl::StrCat("secret-", t, "-", i);
        redactor.AddRecentSecret(secret);
        EXPECT_THAT(redactor.Scrub(absl::StrCat("x ", secret, " y")),
                    Not(HasSubstr(secret)));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
}

}  // namespace
}  // namespace sslstore::service::observability
