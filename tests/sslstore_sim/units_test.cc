// Unit tests of the simulator's plain-C++ pieces: dates, CSR parsing,
// tolerant JSON accessors, approver lists and the CA.
#include <filesystem>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/x509/domain_names.h"
#include "tests/sslstore_sim/test_crypto.h"
#include "tools/sslstore-sim/csr_parser.h"
#include "tools/sslstore-sim/products.h"
#include "tools/sslstore-sim/sim_ca.h"
#include "tools/sslstore-sim/sim_json.h"
#include "tools/sslstore-sim/wbapi_dates.h"

namespace sslstore_sim_test {
namespace {

using namespace sslstore_sim;  // NOLINT: test of this namespace

absl::Time Utc(int y, int mo, int d, int h, int mi, int s) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s),
                         absl::UTCTimeZone());
}

TEST(DatesTest, FormatsEnUsAndEnGb) {
  EXPECT_EQ(FormatWbapiDate(Utc(2026, 7, 23, 1, 50, 20), DateCulture::kEnUs),
            "7/23/2026 1:50:20 AM");
  EXPECT_EQ(FormatWbapiDate(Utc(2026, 2, 8, 23, 59, 59), DateCulture::kEnUs),
            "2/8/2026 11:59:59 PM");
  EXPECT_EQ(FormatWbapiDate(Utc(2026, 1, 1, 0, 0, 0), DateCulture::kEnUs),
            "1/1/2026 12:00:00 AM");
  EXPECT_EQ(FormatWbapiDate(Utc(2026, 1, 1, 12, 5, 0), DateCulture::kEnUs),
            "1/1/2026 12:05:00 PM");
  EXPECT_EQ(FormatWbapiDate(Utc(2026, 7, 3, 13, 5, 9), DateCulture::kEnGb),
            "03/07/2026 13:05:09");
  EXPECT_EQ(FormatWbapiDate(absl::InfinitePast(), DateCulture::kEnUs),
            "1/1/1900 12:00:00 AM");
  EXPECT_EQ(ParseCulture("en-gb"), DateCulture::kEnGb);
  EXPECT_EQ(ParseCulture("fr-FR"), DateCulture::kEnUs);
}

TEST(DatesTest, ParsesRequestDates) {
  EXPECT_EQ(ParseRequestDate("/Date(928164000000-0400)/"),
            absl::FromUnixMillis(928164000000));
  EXPECT_EQ(ParseRequestDate("/Date(1000)/"), absl::FromUnixMillis(1000));
  EXPECT_EQ(ParseRequestDate("1500000000000"),
            absl::FromUnixMillis(1500000000000));
  EXPECT_EQ(ParseRequestDate("2026-07-23T01:50:20"),
            Utc(2026, 7, 23, 1, 50, 20));
  EXPECT_EQ(ParseRequestDate("2026-07-23T01:50:20Z"),
            Utc(2026, 7, 23, 1, 50, 20));
  EXPECT_EQ(ParseRequestDate("2026-07-23T03:50:20+02:00"),
            Utc(2026, 7, 23, 1, 50, 20));
  EXPECT_EQ(ParseRequestDate("2026-07-23"), Utc(2026, 7, 23, 0, 0, 0));
  EXPECT_FALSE(ParseRequestDate("yesterday").has_value());
  EXPECT_FALSE(ParseRequestDate("/Date(abc)/").has_value());
  EXPECT_FALSE(ParseRequestDate("").has_value());
}

TEST(DatesTest, AddMonthsClampsTheDay) {
  EXPECT_EQ(AddMonths(Utc(2026, 1, 31, 10, 0, 0), 1),
            Utc(2026, 2, 28, 10, 0, 0));
  EXPECT_EQ(AddMonths(Utc(2026, 7, 23, 0, 0, 0), 24),
            Utc(2028, 7, 23, 0, 0, 0));
}

TEST(CsrParserTest, ExtractsKeyNameAndSans) {
  auto csr = MakeCsr(KeyKind::kEcP256, "www.example.com",
                     {"a.example.com", "b.example.com"});
  ASSERT_TRUE(csr.ok());
  auto parsed = ParseCsr(csr->pem);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->common_name, "www.example.com");
  EXPECT_THAT(parsed->dns_names,
              ::testing::ElementsAre("a.example.com", "b.example.com"));
  EXPECT_EQ(parsed->public_key_der, csr->public_key_der);
  // Bare base64 (no armour) works too.
  std::string b64 = csr->pem;
  b64 = b64.substr(b64.find('\n') + 1);
  b64 = b64.substr(0, b64.find("-----END"));
  EXPECT_TRUE(ParseCsr(b64).ok());
}

TEST(CsrParserTest, RejectsGarbageAndBadSignatures) {
  EXPECT_FALSE(ParseCsr("").ok());
  EXPECT_FALSE(ParseCsr("hello").ok());
  EXPECT_FALSE(ParseCsr("-----BEGIN CERTIFICATE REQUEST-----\n!!!\n-----END "
                        "CERTIFICATE REQUEST-----")
                   .ok());
  EXPECT_FALSE(ParseCsr("-----BEGIN CERTIFICATE REQUEST-----\nMIIB").ok());
  EXPECT_FALSE(ParseCsr(std::string(100000, 'A')).ok());
  auto csr = MakeCsr(KeyKind::kRsa2048, "x.example.com");
  ASSERT_TRUE(csr.ok());
  // Flip one base64 character in the middle (signature or body changes).
  std::string tampered = csr->pem;
  size_t pos = tampered.size() / 2;
  tampered[pos] = tampered[pos] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(ParseCsr(tampered).ok());
}

TEST(SimJsonTest, TolerantAccessors) {
  rapidjson::Document d;
  d.Parse(R"({"validityperiod":"12","ServerCount":1,"flag":"TRUE","n":null,
              "list":"a, b,,c","arr":["x",1,"y"],"obj":{}})");
  ASSERT_FALSE(d.HasParseError());
  EXPECT_EQ(GetInt(d, "ValidityPeriod"), 12);
  EXPECT_EQ(GetInt(d, "servercount"), 1);
  EXPECT_EQ(GetBool(d, "Flag"), true);
  EXPECT_FALSE(GetString(d, "n").has_value());
  EXPECT_FALSE(GetString(d, "obj").has_value());
  EXPECT_FALSE(GetInt(d, "flag").has_value());
  EXPECT_THAT(GetStringList(d, "list"), ::testing::ElementsAre("a", "b", "c"));
  EXPECT_THAT(GetStringList(d, "arr"), ::testing::ElementsAre("x", "y"));
  rapidjson::Document arr;
  arr.Parse("[1]");
  EXPECT_EQ(FindMember(arr, "x"), nullptr);
}

TEST(ProductsTest, ApproverListsAndDomains) {
  SimProduct sectigo{.code = "positivessl", .vendor = "Sectigo"};
  SimProduct digicert{.code = "digi_ssl_basic", .vendor = "DigiCert"};
  auto s = ApproverEmails(sectigo, "*.a.b.example.co");
  EXPECT_THAT(s, ::testing::Contains("admin@a.b.example.co"));
  EXPECT_THAT(s, ::testing::Contains("hostmaster@example.co"));
  EXPECT_EQ(s.size(), 15u);
  auto d = ApproverEmails(digicert, "www.example.com");
  EXPECT_EQ(d.size(), 5u);
  EXPECT_THAT(d, ::testing::Contains("admin@example.com"));
  // The simulator judges names by the product's rule.
  using ::sslstore::service::x509::IsValidDnsName;
  EXPECT_TRUE(IsValidDnsName("*.example.com", /*allow_wildcard=*/true));
  EXPECT_FALSE(IsValidDnsName("example", /*allow_wildcard=*/true));
  EXPECT_FALSE(IsValidDnsName("bad_name.example.com", /*allow_wildcard=*/true));
  EXPECT_FALSE(IsValidDnsName("-x.example.com", /*allow_wildcard=*/true));
}

TEST(SimCaTest, CreatesThenReloadsTheSameRoot) {
  char tmpl[] = "/tmp/sslstore-sim-ca-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string root;
  {
    auto ca = SimCa::LoadOrCreate(tmpl);
    ASSERT_TRUE(ca.ok()) << ca.status();
    root = (*ca)->root_pem();
    EXPECT_TRUE(std::filesystem::exists((*ca)->ca_file()));
    auto leaf = (*ca)->IssueLeaf((*ca)->seed_public_key_der(), "ip.example.com",
                                 {"ip.example.com", "127.0.0.1"}, absl::Now(),
                                 absl::Now() + absl::Hours(24));
    ASSERT_TRUE(leaf.ok());
    auto info = InspectCert(leaf->pem);
    ASSERT_TRUE(info.ok());
    EXPECT_THAT(info->dns_names, ::testing::ElementsAre("ip.example.com"));
    EXPECT_EQ(info->serial_hex, leaf->serial_hex);
    EXPECT_TRUE(VerifyChain(leaf->pem, {(*ca)->intermediate_pem()}, root).ok());
  }
  auto again = SimCa::LoadOrCreate(tmpl);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->root_pem(), root);
  EXPECT_FALSE(
      (*again)->IssueLeaf("not a key", "x", {}, absl::Now(), absl::Now()).ok());
  std::filesystem::remove_all(tmpl);
}

}  // namespace
}  // namespace sslstore_sim_test
