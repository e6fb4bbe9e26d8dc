#include "service/x509/distinguished_name.h"

#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sslstore::service::x509 {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<DnAttribute> ParseOk(absl::string_view dn) {
  absl::StatusOr<std::vector<DnAttribute>> parsed = ParseDistinguishedName(dn);
  EXPECT_TRUE(parsed.ok()) << dn << ": " << parsed.status();
  return parsed.ok() ? *parsed : std::vector<DnAttribute>{};
}

std::string ParseError(absl::string_view dn) {
  absl::StatusOr<std::vector<DnAttribute>> parsed = ParseDistinguishedName(dn);
  EXPECT_FALSE(parsed.ok()) << dn;
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(parsed.status().message());
}

TEST(DistinguishedNameTest, EscapedCommaStaysInValue) {
  EXPECT_THAT(ParseOk("CN=www.example.com,O=Example\\, Inc.,C=US"),
              ElementsAre(DnAttribute{"CN", "www.example.com", 0},
                          DnAttribute{"O", "Example, Inc.", 1},
                          DnAttribute{"C", "US", 2}));
}

TEST(DistinguishedNameTest, QuotedValuesSpacesAndSemicolons) {
  EXPECT_THAT(
      ParseOk(" CN = a.example.com ; O=\"Example, Inc.\" , L=\"Q\\\"x\""),
      ElementsAre(DnAttribute{"CN", "a.example.com", 0},
                  DnAttribute{"O", "Example, Inc.", 1},
                  DnAttribute{"L", "Q\"x", 2}));
}

TEST(DistinguishedNameTest, MultiValuedRdn) {
  EXPECT_THAT(
      ParseOk("CN=a+UID=42,O=Org+OU=Unit,C=DE"),
      ElementsAre(DnAttribute{"CN", "a", 0}, DnAttribute{"UID", "42", 0},
                  DnAttribute{"O", "Org", 1}, DnAttribute{"OU", "Unit", 1},
                  DnAttribute{"C", "DE", 2}));
}

TEST(DistinguishedNameTest, HexValuesAndHexEscapes) {
  // #0C0568656C6C6F = UTF8String "hello"; \C3\A9 = U+00E9.
  EXPECT_THAT(ParseOk("CN=#0C0568656C6C6F,O=Caf\\C3\\A9,OU=\\2B1"),
              ElementsAre(DnAttribute{"CN", "hello", 0},
                          DnAttribute{"O", "Caf\xC3\xA9", 1},
                          DnAttribute{"OU", "+1", 2}));
  // BMPString "AB".
  EXPECT_THAT(ParseOk("CN=#1E0400410042"),
              ElementsAre(DnAttribute{"CN", "AB", 0}));
}

TEST(DistinguishedNameTest, TypeAliasesAndOids) {
  EXPECT_THAT(
      ParseOk("commonName=x,2.5.4.10=o,OID.2.5.4.6=US,emailAddress=a@b.c,"
              "S=Bavaria,1.3.6.1.4.1.311.60.2.1.3=DE,businessCategory=Private"),
      ElementsAre(DnAttribute{"CN", "x", 0}, DnAttribute{"O", "o", 1},
                  DnAttribute{"C", "US", 2}, DnAttribute{"E", "a@b.c", 3},
                  DnAttribute{"ST", "Bavaria", 4},
                  DnAttribute{"1.3.6.1.4.1.311.60.2.1.3", "DE", 5},
                  DnAttribute{"businessCategory", "Private", 6}));
}

TEST(DistinguishedNameTest, TrailingSpacesTrimmedUnlessEscaped) {
  EXPECT_THAT(
      ParseOk("CN=a b  ,O=x\\ "),
      ElementsAre(DnAttribute{"CN", "a b", 0}, DnAttribute{"O", "x ", 1}));
}

TEST(DistinguishedNameTest, EmptyInputIsEmptyName) {
  EXPECT_TRUE(ParseOk("").empty());
  EXPECT_TRUE(ParseOk("   ").empty());
  EXPECT_THAT(ParseOk("CN="), ElementsAre(DnAttribute{"CN", "", 0}));
}

TEST(DistinguishedNameTest, RejectsGarbage) {
  EXPECT_THAT(ParseError("hello world"), HasSubstr("without '='"));
  EXPECT_THAT(ParseError("CN=a,"), HasSubstr("ends with a separator"));
  EXPECT_THAT(ParseError("CN=a,,O=b"), HasSubstr("without '='"));
  EXPECT_THAT(ParseError("CN=ends\\"), HasSubstr("lone '\\'"));
  EXPECT_THAT(ParseError("CN=bad\\q"), HasSubstr("bad escape"));
  EXPECT_THAT(ParseError("CN=\"open"), HasSubstr("unterminated"));
  EXPECT_THAT(ParseError("CN=\"a\" b"), HasSubstr("expected ','"));
  EXPECT_THAT(ParseError("C N=a"), HasSubstr("bad attribute type"));
  EXPECT_THAT(ParseError("=a"), HasSubstr("bad attribute type"));
  EXPECT_THAT(ParseError("CN=#0C05"), HasSubstr("not one BER value"));
  EXPECT_THAT(ParseError("CN=#ZZ"), HasSubstr("non-hex"));
  EXPECT_THAT(ParseError("CN=#020101"), HasSubstr("not a string type"));
  EXPECT_THAT(ParseError("CN=\\FF"), HasSubstr("not UTF-8"));
  EXPECT_THAT(ParseError("CN=a\\00b"), HasSubstr("NUL"));
  EXPECT_THAT(ParseError(std::string(kMaxDistinguishedNameBytes + 1, 'a')),
              HasSubstr("at most"));
}

TEST(DistinguishedNameTest, FindAttribute) {
  const std::vector<DnAttribute> dn = ParseOk("CN=first,CN=second,O=Org");
  EXPECT_EQ(FindAttribute(dn, "cn"), "first");
  EXPECT_EQ(FindAttribute(dn, "commonName"), "first");
  EXPECT_EQ(FindAttribute(dn, "2.5.4.10"), "Org");
  EXPECT_EQ(FindAttribute(dn, "C"), std::nullopt);
}

TEST(DistinguishedNameTest, FormatRoundTrips) {
  const std::string dn =
      "CN=a+UID=b,O=Example\\, Inc.,OU=\\#1 \\+ \\<x\\>,L=\\ lead\\ ,C=US";
  const std::vector<DnAttribute> parsed = ParseOk(dn);
  ASSERT_EQ(parsed.size(), 6u);
  EXPECT_EQ(parsed[3].value, "#1 + <x>");
  EXPECT_EQ(parsed[4].value, " lead ");
  EXPECT_EQ(FormatDistinguishedName(parsed), dn);
  EXPECT_EQ(ParseOk(FormatDistinguishedName(parsed)), parsed);
}

TEST(DistinguishedNameTest, EscapesControlCharacters) {
  EXPECT_EQ(EscapeAttributeValue("a\nb;c=d\"e\\"), "a\\0Ab\\;c\\=d\\\"e\\\\");
}

}  // namespace
}  // namespace sslstore::service::x509

namespace sslstore::service::x509 {
namespace {

// Random strings over the DN special characters: parsing never crashes, and
// every string that parses round-trips through FormatDistinguishedName.
TEST(DistinguishedNameTest, RandomInputRoundTripsOrFailsCleanly) {
  constexpr absl::string_view kAlphabet = "CNO=,+;\"\\# a0F\xC3\xA9\x01";
  uint32_t state = 2463534242u;  // xorshift32, fixed seed
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  };
  int parsed_count = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string dn = "CN=";
    const size_t length = next() % 24;
    for (size_t i = 0; i < length; ++i) {
      dn.push_back(kAlphabet[next() % kAlphabet.size()]);
    }
    absl::StatusOr<std::vector<DnAttribute>> parsed =
        ParseDistinguishedName(dn);
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
      continue;
    }
    ++parsed_count;
    const std::string formatted = FormatDistinguishedName(*parsed);
    absl::StatusOr<std::vector<DnAttribute>> reparsed =
        ParseDistinguishedName(formatted);
    ASSERT_TRUE(reparsed.ok()) << dn << " -> " << formatted;
    EXPECT_EQ(*reparsed, *parsed) << dn << " -> " << formatted;
  }
  EXPECT_GT(parsed_count, 1000);
}

}  // namespace
}  // namespace sslstore::service::x509
