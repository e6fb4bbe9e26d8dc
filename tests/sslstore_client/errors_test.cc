#include "sslstore_client/errors.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sslstore_client/auth_response.h"
#include "sslstore_client/redact.h"

namespace sslstore::client {
namespace {

using ::testing::HasSubstr;

TEST(ErrorsTest, CallContextKeepsKindAndAddsFacts) {
  absl::Status base = internal::MakeError(
      ErrorKind::kBusiness, "SSL Store error -1006: not found", false, -1006);
  absl::Status s = internal::AddCallContext(base, "/rest/order/status", 1, 200);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(),
            "/rest/order/status: SSL Store error -1006: not found (attempts: "
            "1, HTTP 200)");
  std::optional<ErrorInfo> info = GetErrorInfo(s);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->kind, ErrorKind::kBusiness);
  EXPECT_EQ(info->endpoint, "/rest/order/status");
  EXPECT_EQ(info->attempts, 1);
  EXPECT_EQ(info->http_status, 200);
  EXPECT_EQ(info->business_code, -1006);
  EXPECT_FALSE(info->transient);
}

TEST(ErrorsTest, EachKindHasItsCode) {
  EXPECT_EQ(internal::MakeError(ErrorKind::kTransport, "x").code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(internal::MakeError(ErrorKind::kTls, "x").code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(internal::MakeError(ErrorKind::kAuthentication, "x").code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(internal::MakeError(ErrorKind::kBadResponse, "x").code(),
            absl::StatusCode::kInternal);
  EXPECT_EQ(internal::MakeError(ErrorKind::kDeadline, "x").code(),
            absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(internal::MakeError(ErrorKind::kCancelled, "x").code(),
            absl::StatusCode::kCancelled);
  EXPECT_FALSE(GetErrorInfo(absl::InternalError("other")).has_value());
  absl::Status no_http = internal::AddCallContext(
      internal::MakeError(ErrorKind::kTransport, "refused", true), "/p", 6, 0);
  EXPECT_THAT(no_http.message(), HasSubstr("attempts: 6, no HTTP response"));
}

TEST(BusinessErrorTest, ParsesCodeAndJoinsMessages) {
  AuthResponse a;
  a.messages = {"ErrorCode:-9009|Message:Vendor returns error:x", "second"};
  BusinessError e = ReadBusinessError(a);
  EXPECT_EQ(e.code, -9009);
  EXPECT_EQ(e.message, "Vendor returns error:x; second");
  a.messages = {"ErrorCode:abc|Message:odd"};
  e = ReadBusinessError(a);
  EXPECT_FALSE(e.code.has_value());
  EXPECT_EQ(e.message, "ErrorCode:abc|Message:odd");
}

TEST(RedactTest, ReplacesRawAndEscapedToken) {
  EXPECT_EQ(Redact("token=abc123 again abc123", "abc123"),
            "token=[REDACTED] again [REDACTED]");
  EXPECT_EQ(Redact(R"({"AuthToken":"a\"b"})", "a\"b"),
            R"({"AuthToken":"[REDACTED]"})");
  EXPECT_EQ(Redact("nothing here", ""), "nothing here");
}

TEST(RedactTest, ReplacesSeveralSecretsLongestFirst) {
  const std::vector<std::string> secrets = {"tok", "", "tok-long"};
  EXPECT_EQ(Redact("a tok-long b tok", secrets), "a [REDACTED] b [REDACTED]");
  EXPECT_EQ(Redact("clean", std::vector<std::string>{}), "clean");
}

}  // namespace
}  // namespace sslstore::client
