#include "service/x509/domain_names.h"

#include <string>

#include "gtest/gtest.h"

namespace sslstore::service::x509 {
namespace {

TEST(DomainNamesTest, Normalizes) {
  EXPECT_EQ(NormalizeDnsName(" WWW.Example.COM. "), "www.example.com");
  EXPECT_EQ(NormalizeDnsName("*.Example.com"), "*.example.com");
}

TEST(DomainNamesTest, AcceptsValidNames) {
  EXPECT_TRUE(IsValidDnsName("example.com", false));
  EXPECT_TRUE(IsValidDnsName("a-b.c1.example.co.uk", false));
  EXPECT_TRUE(IsValidDnsName("xn--bcher-kva.example", false));
  EXPECT_TRUE(IsValidDnsName("Example.COM.", false));
  EXPECT_TRUE(IsValidDnsName(std::string(63, 'a') + ".com", false));
  EXPECT_TRUE(IsValidDnsName("*.example.com", true));
}

TEST(DomainNamesTest, RejectsInvalidNames) {
  EXPECT_FALSE(IsValidDnsName("", false));
  EXPECT_FALSE(IsValidDnsName("localhost", false));
  EXPECT_FALSE(IsValidDnsName("*.example.com", false));
  EXPECT_FALSE(IsValidDnsName("*.com", true));
  EXPECT_FALSE(IsValidDnsName("w*.example.com", true));
  EXPECT_FALSE(IsValidDnsName("a.*.example.com", true));
  EXPECT_FALSE(IsValidDnsName("-a.example.com", false));
  EXPECT_FALSE(IsValidDnsName("a-.example.com", false));
  EXPECT_FALSE(IsValidDnsName("a..example.com", false));
  EXPECT_FALSE(IsValidDnsName("under_score.example.com", false));
  EXPECT_FALSE(IsValidDnsName("sp ace.example.com", false));
  EXPECT_FALSE(IsValidDnsName(std::string("nul\0x.com", 9), false));
  EXPECT_FALSE(IsValidDnsName(std::string(64, 'a') + ".com", false));
  EXPECT_FALSE(IsValidDnsName("192.168.0.1", false));
  std::string long_name;
  for (int i = 0; i < 50; ++i) long_name += "abcd.";
  long_name += "com";  // 253 is the limit; this is 253
  EXPECT_TRUE(IsValidDnsName(long_name, false));
  EXPECT_FALSE(IsValidDnsName("a" + long_name, false));
}

TEST(DomainNamesTest, Wildcard) {
  EXPECT_TRUE(IsWildcard("*.example.com"));
  EXPECT_FALSE(IsWildcard("www.example.com"));
  EXPECT_FALSE(IsWildcard("*example.com"));
}

TEST(DomainNamesTest, IpAddresses) {
  EXPECT_TRUE(IsValidIpAddress("192.0.2.1"));
  EXPECT_TRUE(IsValidIpAddress("2001:db8::1"));
  EXPECT_FALSE(IsValidIpAddress("192.0.2.256"));
  EXPECT_FALSE(IsValidIpAddress("192.0.2"));
  EXPECT_FALSE(IsValidIpAddress("example.com"));
  EXPECT_FALSE(IsValidIpAddress(""));
  EXPECT_EQ(NormalizeIpAddress("2001:DB8:0:0::0001"), "2001:db8::1");
  EXPECT_EQ(NormalizeIpAddress("not an ip"), "not an ip");
}

TEST(DomainNamesTest, Emails) {
  EXPECT_TRUE(IsValidEmailAddress("admin@example.com"));
  EXPECT_FALSE(IsValidEmailAddress("admin@@example.com"));
  EXPECT_FALSE(IsValidEmailAddress("@example.com"));
  EXPECT_FALSE(IsValidEmailAddress("ad min@example.com"));
  EXPECT_FALSE(IsValidEmailAddress("admin@localhost"));
}

}  // namespace
}  // namespace sslstore::service::x509
