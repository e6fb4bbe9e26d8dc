#include "sslstore_client/dns/host_name.h"

#include <string>

#include "gtest/gtest.h"

namespace sslstore::dns {
namespace {

TEST(HostNameTest, LdhLabels) {
  const std::string longest(kMaxLabelLength, 'a');
  for (const std::string& label : {std::string("a"), std::string("A1-b2"),
                                   std::string("xn--bcher-kva"), longest}) {
    EXPECT_TRUE(IsLdhLabel(label)) << label;
  }
  for (const std::string& label :
       {std::string(), std::string("-a"), std::string("a-"), std::string("a_b"),
        std::string("*"), std::string("\xc3\xa9"), longest + "a"}) {
    EXPECT_FALSE(IsLdhLabel(label)) << label;
  }
}

TEST(HostNameTest, NamesAsWritten) {
  for (const char* name :
       {"example.com", "Sub.Example.CO.uk", "1.example.com", "example.c0m"}) {
    EXPECT_TRUE(IsHostName(name)) << name;
  }
  // Nothing is normalized: no trailing dot, no whitespace, no wildcard.
  for (const char* name :
       {"", "localhost", "example.com.", " example.com", ".example.com",
        "example..com", "*.example.com", "192.168.0.1", "1.2"}) {
    EXPECT_FALSE(IsHostName(name)) << name;
  }
}

TEST(HostNameTest, LengthLimit) {
  std::string name;
  for (int i = 0; i < 50; ++i) name += "abcd.";
  name += "com";
  ASSERT_EQ(name.size(), kMaxHostNameLength);
  EXPECT_TRUE(IsHostName(name));
  EXPECT_FALSE(IsHostName("a" + name));
}

}  // namespace
}  // namespace sslstore::dns
