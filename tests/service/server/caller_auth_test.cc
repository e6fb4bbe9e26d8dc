// service/server/caller_auth: bearer token checks on a call's metadata
// (missing, malformed, wrong, right, rotated tokens), with no token in any
// error message.
#include "service/server/caller_auth.h"

#include <string>

#include "gmock/gmock.h"
#include "grpcpp/server_context.h"
#include "grpcpp/test/server_context_test_spouse.h"
#include "gtest/gtest.h"

namespace sslstore::service {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kToken[] = "tok-3f9a1c77e2b54d0e";
constexpr char kRotatedToken[] = "tok-new-8c1d2e3f4a5b";

CallerAuthConfig TwoTokens() {
  CallerAuthConfig config;
  config.bearer_tokens.emplace_back(kToken);
  config.bearer_tokens.emplace_back(kRotatedToken);
  return config;
}

// Runs the check on a context carrying `values` as authorization metadata.
grpc::Status CheckWith(const CallerAuthenticator& auth,
                       std::initializer_list<std::string> values) {
  grpc::ServerContext context;
  grpc::testing::ServerContextTestSpouse spouse(&context);
  for (const std::string& value : values) {
    spouse.AddClientMetadata("authorization", value);
  }
  return auth.Check(context);
}

// Expects UNAUTHENTICATED with a message that leaks no token.
void ExpectRejected(const grpc::Status& status, const std::string& presented) {
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_FALSE(status.error_message().empty());
  EXPECT_THAT(status.error_message(), Not(HasSubstr(kToken)));
  EXPECT_THAT(status.error_message(), Not(HasSubstr(kRotatedToken)));
  EXPECT_THAT(status.error_message(), Not(HasSubstr("tok-")));
  if (!presented.empty()) {
    EXPECT_THAT(status.error_message(), Not(HasSubstr(presented)));
  }
}

TEST(CallerAuthTest, WithoutTokensEveryCallIsAccepted) {
  CallerAuthenticator auth{CallerAuthConfig{}};
  EXPECT_FALSE(auth.required());
  EXPECT_TRUE(CheckWith(auth, {}).ok());
  EXPECT_TRUE(CheckWith(auth, {"Bearer anything"}).ok());
}

TEST(CallerAuthTest, ConfiguredTokensAreRequired) {
  CallerAuthenticator auth(TwoTokens());
  EXPECT_TRUE(auth.required());
}

TEST(CallerAuthTest, MissingTokenIsRejected) {
  CallerAuthenticator auth(TwoTokens());
  const grpc::Status status = CheckWith(auth, {});
  ExpectRejected(status, "");
  EXPECT_THAT(status.error_message(), HasSubstr("requires a bearer token"));
}

TEST(CallerAuthTest, RightTokensAreAccepted) {
  CallerAuthenticator auth(TwoTokens());
  EXPECT_TRUE(CheckWith(auth, {std::string("Bearer ") + kToken}).ok());
  EXPECT_TRUE(CheckWith(auth, {std::string("Bearer ") + kRotatedToken}).ok());
  // The scheme is case-insensitive and surrounding spaces are ignored.
  EXPECT_TRUE(CheckWith(auth, {std::string("bearer  ") + kToken + " "}).ok());
}

TEST(CallerAuthTest, WrongTokenIsRejected) {
  CallerAuthenticator auth(TwoTokens());
  const std::string wrong = "tok-3f9a1c77e2b54d0f";  // one character off
  const grpc::Status status = CheckWith(auth, {"Bearer " + wrong});
  ExpectRejected(status, wrong);
  EXPECT_THAT(status.error_message(), HasSubstr("not valid"));
  // A prefix of a valid token is not a valid token.
  ExpectRejected(CheckWith(auth, {"Bearer tok-3f9a"}), "tok-3f9a");
}

TEST(CallerAuthTest, MalformedHeaderIsRejected) {
  CallerAuthenticator auth(TwoTokens());
  for (const std::string& value :
       {std::string("Basic ") + kToken, std::string(kToken),
        std::string("Bearer "), std::string("Bearer")}) {
    const grpc::Status status = CheckWith(auth, {value});
    ExpectRejected(status, "");
    EXPECT_THAT(status.error_message(), HasSubstr("Bearer <token>")) << value;
  }
}

TEST(CallerAuthTest, TwoAuthorizationHeadersAreRejected) {
  CallerAuthenticator auth(TwoTokens());
  const grpc::Status status =
      CheckWith(auth, {std::string("Bearer ") + kToken,
                       std::string("Bearer ") + kRotatedToken});
  ExpectRejected(status, "");
  EXPECT_THAT(status.error_message(), HasSubstr("more than one"));
}

}  // namespace
}  // namespace sslstore::service
