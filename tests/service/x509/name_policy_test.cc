#include "service/x509/name_policy.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sslstore::service::x509 {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

RequestedNames Names(std::string cn, std::vector<std::string> dns,
                     std::vector<std::string> ips = {}) {
  RequestedNames names;
  names.common_name = std::move(cn);
  names.dns_names = std::move(dns);
  names.ip_addresses = std::move(ips);
  return names;
}

TEST(NamePolicyTest, SingleDomainAllowsOnlyTheCompanionName) {
  const NamePolicy policy{"positivessl", false, false, std::nullopt, true};
  EXPECT_THAT(
      CheckNamePolicy(Names("example.com", {"example.com", "www.example.com"}),
                      policy),
      IsEmpty());
  EXPECT_THAT(
      CheckNamePolicy(
          Names("www.example.com", {"www.example.com", "example.com"}), policy),
      IsEmpty());
  EXPECT_THAT(
      CheckNamePolicy(Names("example.com", {"example.com", "shop.example.com"},
                            {"192.0.2.1"}),
                      policy),
      ElementsAre(Problem{"san",
                          "product positivessl covers a single domain; "
                          "\"shop.example.com\" needs a multi-domain product"},
                  Problem{"san",
                          "product positivessl covers a single domain; "
                          "\"192.0.2.1\" needs a multi-domain product"}));
}

TEST(NamePolicyTest, WildcardRejectedByNonWildcardProducts) {
  const NamePolicy policy{"sectigomdc", false, true, 250};
  EXPECT_THAT(
      CheckNamePolicy(Names("*.example.com", {"*.example.com", "a.example.com",
                                              "*.shop.example.com"}),
                      policy),
      ElementsAre(Problem{"subject",
                          "product sectigomdc does not accept wildcard names "
                          "(\"*.example.com\"); choose a wildcard product"},
                  Problem{"san",
                          "product sectigomdc does not accept wildcard names "
                          "(\"*.shop.example.com\"); choose a wildcard "
                          "product"}));
}

TEST(NamePolicyTest, WildcardProductNeedsWildcardCommonName) {
  const NamePolicy policy{"positivesslwildcard", true, false, std::nullopt};
  EXPECT_THAT(
      CheckNamePolicy(Names("*.example.com", {"*.example.com", "example.com"}),
                      policy),
      IsEmpty());
  EXPECT_THAT(
      CheckNamePolicy(Names("example.com", {"example.com"}), policy),
      ElementsAre(Problem{"subject",
                          "product positivesslwildcard is a wildcard "
                          "certificate: the common name \"example.com\" must "
                          "be a wildcard name like \"*.example.com\""}));
}

TEST(NamePolicyTest, MultiDomainWildcardAndLimit) {
  const NamePolicy policy{"sectigomdcwildcard", true, true, 3, true};
  EXPECT_THAT(CheckNamePolicy(
                  Names("a.example.com",
                        {"a.example.com", "*.b.example.com", "c.example.org"}),
                  policy),
              IsEmpty());
  EXPECT_THAT(
      CheckNamePolicy(
          Names("a.example.com", {"a.example.com", "*.b.example.com"},
                {"192.0.2.1", "192.0.2.2"}),
          policy),
      ElementsAre(Problem{"san",
                          "4 names requested; product sectigomdcwildcard "
                          "allows at most 3 (common name included)"}));
}

TEST(NamePolicyTest, IpAddressesOnlyForProductsThatAcceptThem) {
  const NamePolicy refuses{"positivemdcssl", false, true, 250};
  EXPECT_THAT(
      CheckNamePolicy(Names("example.com", {"example.com"}, {"192.0.2.1"}),
                      refuses),
      ElementsAre(Problem{"san",
                          "product positivemdcssl does not accept IP "
                          "addresses (\"192.0.2.1\"); SSL Store orders name "
                          "DNS names only"}));
  EXPECT_THAT(CheckNamePolicy(Names("192.0.2.9", {}, {"192.0.2.9"}), refuses),
              ElementsAre(Problem{"subject",
                                  "product positivemdcssl does not accept IP "
                                  "addresses (\"192.0.2.9\"); SSL Store orders "
                                  "name DNS names only"}));
  // A single-domain product reports the IP once, as an IP.
  const NamePolicy single{"positivessl", false, false, std::nullopt};
  EXPECT_THAT(
      CheckNamePolicy(Names("example.com", {"example.com"}, {"192.0.2.1"}),
                      single),
      ElementsAre(Problem{"san",
                          "product positivessl does not accept IP addresses "
                          "(\"192.0.2.1\"); SSL Store orders name DNS names "
                          "only"}));
  NamePolicy accepts = refuses;
  accepts.ip_addresses = true;
  EXPECT_THAT(
      CheckNamePolicy(Names("example.com", {"example.com"}, {"192.0.2.1"}),
                      accepts),
      IsEmpty());
}

}  // namespace
}  // namespace sslstore::service::x509
