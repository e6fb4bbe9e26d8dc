#include "service/x509/san_collection.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/x509/pem_text.h"
#include "tests/service/x509/test_pki.h"

namespace sslstore::service::x509 {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

CsrInfo Csr(const testing::CsrSpec& spec) {
  absl::StatusOr<CsrInfo> csr =
      ParseCsr(ToPem("CERTIFICATE REQUEST",
                     testing::MakeCsrDer(testing::SharedEcP256Key(), spec)));
  EXPECT_TRUE(csr.ok()) << csr.status();
  return csr.ok() ? *csr : CsrInfo{};
}

TEST(SanCollectionTest, MergesRequestAndCsrCaseInsensitively) {
  const CsrInfo csr = Csr({{{"CN", "WWW.Example.com"}},
                           "DNS:www.example.com,DNS:Shop.Example.com,"
                           "IP:192.0.2.1,DNS:csr-only.example.com"});
  const SanMap request = {
      {"DnsName", {"shop.example.com.", "api.example.com", " "}},
      {"DNS", {"API.EXAMPLE.COM", "www.example.com"}},
      {"IPAddress", {"2001:DB8::0001", "192.0.2.1"}},
      {"Rfc822Name", {"Admin@Example.com"}},
      {"email", {"admin@example.com"}},
      {"URI", {"https://example.com/x"}}};
  NameCollection collection =
      CollectRequestedNames(request, "CN=ignored.example.com,O=Org", &csr);
  EXPECT_THAT(collection.problems, IsEmpty());
  const RequestedNames& names = collection.names;
  EXPECT_EQ(names.common_name, "www.example.com");
  // CN first, then request SANs (map order: "DNS" < "DnsName"), then CSR.
  EXPECT_THAT(names.dns_names,
              ElementsAre("www.example.com", "api.example.com",
                          "shop.example.com", "csr-only.example.com"));
  EXPECT_THAT(names.ip_addresses, ElementsAre("2001:db8::1", "192.0.2.1"));
  EXPECT_THAT(names.emails, ElementsAre("Admin@Example.com"));
  EXPECT_THAT(names.uris, ElementsAre("https://example.com/x"));
}

TEST(SanCollectionTest, CommonNameFromRequestSubjectWhenCsrHasNone) {
  const CsrInfo csr = Csr({{{"O", "Org"}}, "DNS:b.example.com"});
  NameCollection collection = CollectRequestedNames(
      {}, "CN=A.example.com,O=Example\\, Inc.,C=US", &csr);
  EXPECT_THAT(collection.problems, IsEmpty());
  EXPECT_EQ(collection.names.common_name, "a.example.com");
  EXPECT_THAT(collection.names.dns_names,
              ElementsAre("a.example.com", "b.example.com"));
}

TEST(SanCollectionTest, ReportsEveryProblem) {
  const CsrInfo csr = Csr({{{"O", "Org"}}, "DNS:bad_name.example.com"});
  const SanMap request = {{"dns", {"ok.example.com", "not a name"}},
                          {"ip", {"999.1.1.1"}},
                          {"email", {"nobody"}},
                          {"upn", {"x@y"}}};
  NameCollection collection =
      CollectRequestedNames(request, "O=Example\\, Inc.", &csr);
  EXPECT_THAT(
      collection.problems,
      ElementsAre(
          Problem{"subject",
                  "no common name: neither the CSR subject nor the request "
                  "subject has a CN"},
          Problem{"san.dns", "\"not a name\" is not a valid DNS name"},
          Problem{"san.email", "\"nobody\" is not a valid email address"},
          Problem{"san.ip", "\"999.1.1.1\" is not a valid IP address"},
          Problem{"san.upn",
                  "unknown SAN type \"upn\"; use dns, ip, email or uri"},
          Problem{"csr",
                  "CSR subjectAltName \"bad_name.example.com\" is not "
                  "a valid DNS name"}));
  EXPECT_THAT(collection.names.dns_names, ElementsAre("ok.example.com"));
}

TEST(SanCollectionTest, BadSubjectAndBadCommonName) {
  NameCollection collection =
      CollectRequestedNames({}, "CN=trailing\\", nullptr);
  ASSERT_EQ(collection.problems.size(), 1u);
  EXPECT_EQ(collection.problems[0].field, "subject");
  EXPECT_EQ(collection.problems[0].description,
            "distinguished name: value ends with a lone '\\' at offset 11");

  const CsrInfo csr = Csr({{{"CN", "My Server"}}, ""});
  collection = CollectRequestedNames({}, "", &csr);
  EXPECT_THAT(collection.problems,
              ElementsAre(Problem{"csr",
                                  "common name \"My Server\" is not a valid "
                                  "DNS name or IP address"}));
}

TEST(SanCollectionTest, IpCommonNameAndControlCharactersInMessages) {
  const CsrInfo csr = Csr({{{"CN", "192.0.2.9"}}, ""});
  NameCollection collection =
      CollectRequestedNames({{"dns", {"a\nb.example.com"}}}, "", &csr);
  EXPECT_EQ(collection.names.common_name, "192.0.2.9");
  EXPECT_THAT(collection.names.ip_addresses, ElementsAre("192.0.2.9"));
  EXPECT_THAT(collection.names.dns_names, IsEmpty());
  EXPECT_THAT(collection.problems,
              ElementsAre(Problem{"san.dns",
                                  "\"a?b.example.com\" is not a valid DNS "
                                  "name"}));
}

TEST(SanCollectionTest, WithoutCsrUsesRequestOnly) {
  NameCollection collection = CollectRequestedNames(
      {{"dns", {"*.example.com", "example.com"}}}, "CN=*.example.com", nullptr);
  EXPECT_THAT(collection.problems, IsEmpty());
  EXPECT_EQ(collection.names.common_name, "*.example.com");
  EXPECT_THAT(collection.names.dns_names,
              ElementsAre("*.example.com", "example.com"));
}

}  // namespace
}  // namespace sslstore::service::x509
