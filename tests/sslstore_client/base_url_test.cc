#include "sslstore_client/base_url.h"

#include "gtest/gtest.h"

namespace sslstore::client {
namespace {

TEST(BaseUrlTest, HostOnly) {
  absl::StatusOr<BaseUrl> url =
      ParseBaseUrl("https://sandbox-wbapi.thesslstore.com");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->host, "sandbox-wbapi.thesslstore.com");
  EXPECT_EQ(url->port, 443);
  EXPECT_FALSE(url->host_is_ip);
  EXPECT_EQ(url->Target("/rest/order/status"), "/rest/order/status");
  EXPECT_EQ(url->HostHeader(), "sandbox-wbapi.thesslstore.com");
}

TEST(BaseUrlTest, PortPrefixAndTrailingRest) {
  absl::StatusOr<BaseUrl> url =
      ParseBaseUrl("HTTPS://127.0.0.1:8443/api/rest/");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, 8443);
  EXPECT_TRUE(url->host_is_ip);
  EXPECT_EQ(url->Target("/rest/order/query"), "/api/rest/order/query");
  EXPECT_EQ(url->HostHeader(), "127.0.0.1:8443");
}

TEST(BaseUrlTest, Ipv6Literal) {
  absl::StatusOr<BaseUrl> url = ParseBaseUrl("https://[::1]:9000");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->host, "::1");
  EXPECT_TRUE(url->host_is_ip);
  EXPECT_EQ(url->HostHeader(), "[::1]:9000");
}

TEST(BaseUrlTest, RejectsNonHttpsAndJunk) {
  for (const char* bad :
       {"http://example.com", "example.com", "", "https://", "https://:443",
        "https://host:0", "https://host:70000", "https://host:abc",
        "https://user:pw@host", "https://host/?q=1", "https://host/#x",
        "https://[::1", "https://ho st", "https://host:"}) {
    EXPECT_FALSE(ParseBaseUrl(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace sslstore::client
