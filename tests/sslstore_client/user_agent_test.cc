#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sslstore_client/base_url.h"
#include "sslstore_client/client_options.h"
#include "sslstore_client/request_wire.h"
#include "version/version.h"

namespace sslstore::client {
namespace {

TEST(UserAgentTest, DefaultNamesTheConnectorAndTheBuildVersion) {
  const std::string expected =
      absl::StrCat("sslstore-connector/", version::VersionString());
  EXPECT_EQ(ClientOptions().user_agent, expected);
  // The CMake project version comes first ("0.1.0" or "0.1.0+<git>").
  EXPECT_TRUE(absl::StartsWith(
      ClientOptions().user_agent,
      absl::StrCat("sslstore-connector/", SSLSTORE_EXPECTED_PROJECT_VERSION)));
}

TEST(UserAgentTest, TheDefaultIsTheRequestsUserAgentHeader) {
  absl::StatusOr<BaseUrl> url = ParseBaseUrl("https://wbapi.example.com");
  ASSERT_TRUE(url.ok()) << url.status();
  const std::string wire = internal::RequestWire(
      false, "/rest/health/validate", *url, ClientOptions().user_agent, "{}");
  EXPECT_THAT(wire, ::testing::HasSubstr(
                        absl::StrCat("\r\nUser-Agent: sslstore-connector/",
                                     version::VersionString(), "\r\n")));
}

}  // namespace
}  // namespace sslstore::client
