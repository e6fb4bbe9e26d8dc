// Choosing the outbound proxy: URL parsing, no_proxy, the environment, and
// the CONNECT request.
#include "sslstore_client/proxy.h"

#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sslstore::client {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

HostPort Target(const std::string& host, uint16_t port = 443) {
  absl::StatusOr<HostPort> parsed =
      ParseHostPort(host + ":" + std::to_string(port), 443);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  return parsed.value_or(HostPort{});
}

TEST(ProxyUrlTest, HostPortAndUser) {
  absl::StatusOr<ProxyServer> proxy =
      ParseProxyUrl("http://alice@proxy.corp.example:3128/", false);
  ASSERT_TRUE(proxy.ok()) << proxy.status();
  EXPECT_EQ(proxy->address.host, "proxy.corp.example");
  EXPECT_EQ(proxy->address.port, 3128);
  EXPECT_EQ(proxy->username, "alice");
  EXPECT_EQ(proxy->password, "");
  EXPECT_EQ(proxy->Name(), "proxy.corp.example:3128");
}

TEST(ProxyUrlTest, DefaultPortAndIpv6) {
  absl::StatusOr<ProxyServer> proxy = ParseProxyUrl("http://10.0.0.1", false);
  ASSERT_TRUE(proxy.ok()) << proxy.status();
  EXPECT_EQ(proxy->address.port, 1080);
  proxy = ParseProxyUrl("http://[fd00::1]:8080", false);
  ASSERT_TRUE(proxy.ok()) << proxy.status();
  EXPECT_EQ(proxy->address.host, "fd00::1");
  EXPECT_EQ(proxy->Name(), "[fd00::1]:8080");
}

TEST(ProxyUrlTest, PasswordOnlyWhereAllowed) {
  absl::StatusOr<ProxyServer> refused =
      ParseProxyUrl("http://alice:hunter2@proxy:3128", false);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr("password file"));
  EXPECT_THAT(refused.status().message(), Not(HasSubstr("hunter2")));
  absl::StatusOr<ProxyServer> allowed =
      ParseProxyUrl("http://alice:p%40ss%3Aword@proxy:3128", true);
  ASSERT_TRUE(allowed.ok()) << allowed.status();
  EXPECT_EQ(allowed->username, "alice");
  EXPECT_EQ(allowed->password, "p@ss:word");
}

TEST(ProxyUrlTest, BadUrlsNameTheProblemWithoutTheUserInformation) {
  struct Case {
    const char* url;
    const char* why;
  };
  for (const Case& c : {
           Case{"https://proxy:3128", "must start with http://"},
           Case{"proxy:3128", "must start with http://"},
           Case{"http://proxy:3128/path", "path, query or fragment"},
           Case{"http://secretuser@:3128", "no host"},
           Case{"http://proxy:99999", "bad port"},
           Case{"http://pw%zz@proxy:1", "bad %-escape"},
           Case{"http://@proxy:1", "empty user name"},
       }) {
    absl::StatusOr<ProxyServer> proxy = ParseProxyUrl(c.url, true);
    ASSERT_FALSE(proxy.ok()) << c.url;
    EXPECT_EQ(proxy.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(proxy.status().message(), HasSubstr("invalid proxy URL"));
    EXPECT_THAT(proxy.status().message(), HasSubstr(c.why)) << c.url;
    EXPECT_THAT(proxy.status().message(), Not(HasSubstr("secretuser")));
  }
}

TEST(NoProxyTest, Matches) {
  const HostPort wbapi = Target("wbapi.thesslstore.com");
  EXPECT_TRUE(NoProxyExempts("*", wbapi));
  EXPECT_TRUE(NoProxyExempts("wbapi.thesslstore.com", wbapi));
  EXPECT_TRUE(NoProxyExempts("WBAPI.TheSSLStore.com", wbapi));
  EXPECT_TRUE(NoProxyExempts("thesslstore.com", wbapi));
  EXPECT_TRUE(NoProxyExempts(".thesslstore.com", wbapi));
  EXPECT_TRUE(NoProxyExempts("*.thesslstore.com", wbapi));
  EXPECT_TRUE(NoProxyExempts("example.org, thesslstore.com", wbapi));
  EXPECT_TRUE(NoProxyExempts("thesslstore.com:443", wbapi));
  EXPECT_FALSE(NoProxyExempts("thesslstore.com:8443", wbapi));
  EXPECT_FALSE(NoProxyExempts("sslstore.com", wbapi));
  EXPECT_FALSE(NoProxyExempts("other.thesslstore.com", wbapi));
  EXPECT_FALSE(NoProxyExempts("", wbapi));
  EXPECT_FALSE(NoProxyExempts(" , ", wbapi));
  const HostPort ip = Target("10.1.2.3");
  EXPECT_TRUE(NoProxyExempts("10.1.2.3", ip));
  EXPECT_FALSE(NoProxyExempts("2.3", ip));
}

TEST(ChooseProxyTest, ConfiguredWinsOverTheEnvironment) {
  ProxyOptions options;
  options.url = "http://bob@configured:3128";
  options.password = "pw";
  ProxyEnvironment environment{"http://env:8080", "*"};
  auto chosen = ChooseProxy(options, environment, Target("wbapi.example"));
  ASSERT_TRUE(chosen.ok()) << chosen.status();
  ASSERT_TRUE(chosen->has_value());
  EXPECT_EQ((*chosen)->address.host, "configured");
  EXPECT_EQ((*chosen)->username, "bob");
  EXPECT_EQ((*chosen)->password, "pw");
}

TEST(ChooseProxyTest, DirectIgnoresTheEnvironment) {
  ProxyOptions options;
  options.url = "direct";
  auto chosen =
      ChooseProxy(options, {"http://env:8080", ""}, Target("wbapi.example"));
  ASSERT_TRUE(chosen.ok());
  EXPECT_FALSE(chosen->has_value());
}

TEST(ChooseProxyTest, EnvironmentUnlessExemptOrLoopback) {
  const ProxyEnvironment environment{"http://u:p@env:8080", "internal.example"};
  auto chosen = ChooseProxy({}, environment, Target("wbapi.example"));
  ASSERT_TRUE(chosen.ok()) << chosen.status();
  ASSERT_TRUE(chosen->has_value());
  EXPECT_EQ((*chosen)->address.port, 8080);
  EXPECT_EQ((*chosen)->password, "p");
  for (const char* host : {"api.internal.example", "127.0.0.1", "localhost"}) {
    chosen = ChooseProxy({}, environment, Target(host));
    ASSERT_TRUE(chosen.ok());
    EXPECT_FALSE(chosen->has_value()) << host;
  }
  chosen = ChooseProxy({}, {}, Target("wbapi.example"));
  ASSERT_TRUE(chosen.ok());
  EXPECT_FALSE(chosen->has_value());
}

TEST(ChooseProxyTest, BadEnvironmentUrlSaysWhereItCameFrom) {
  auto chosen =
      ChooseProxy({}, {"socks5://env:1080", ""}, Target("wbapi.example"));
  ASSERT_FALSE(chosen.ok());
  EXPECT_THAT(chosen.status().message(), HasSubstr("https_proxy"));
}

TEST(ConnectRequestTest, TunnelsToTheTargetWithBasicCredentials) {
  ProxyServer proxy;
  proxy.address = Target("proxy", 3128);
  EXPECT_EQ(ConnectRequest(proxy, Target("wbapi.example")),
            "CONNECT wbapi.example:443 HTTP/1.1\r\n"
            "Host: wbapi.example:443\r\n\r\n");
  proxy.username = "Aladdin";
  proxy.password = "open sesame";
  EXPECT_EQ(ConnectRequest(proxy, Target("[::1]", 8443)),
            "CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\n"
            "Proxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n\r\n");
}

}  // namespace
}  // namespace sslstore::client
