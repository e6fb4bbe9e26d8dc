// Every WBAPI endpoint of the simulator over HTTPS: envelopes, casing,
// credentials, validation (nothing stored on error), downloads with real
// chains, approver lists, organizations, products and query paging.
#include <algorithm>
#include <regex>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sslstore_sim/sim_test_env.h"

namespace sslstore_sim_test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

bool FullMatch(const std::string& s, const std::string& pattern) {
  return std::regex_match(s, std::regex(pattern));
}

class EndpointsTest : public SimTest {
 protected:
  void SetUp() override { StartSim(); }
};

TEST_F(EndpointsTest, HealthStatusIsGetWithoutCredentials) {
  auto reply = client_->Get("/rest/health/status/");
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_EQ(reply->status, 200);
  auto doc = ParseJson(reply->body);
  ASSERT_TRUE(doc.IsObject());
  EXPECT_FALSE(IsError(doc));
  EXPECT_EQ(FirstMessage(doc), "Service is up");
}

TEST_F(EndpointsTest, HealthValidateAcceptsFlatAndNestedCredentials) {
  auto flat = Call(
      "health/validate",
      R"({"PartnerCode":"SIMPARTNER","AuthToken":"sim-token","ReplayToken":"r-1"})");
  EXPECT_FALSE(IsError(flat));
  EXPECT_EQ(Str(flat, "ReplayToken"), "r-1");
  EXPECT_EQ(Str(flat, "InvokingPartnerCode"), "SIMPARTNER");
  auto nested = Call("health/validate", Body(""));
  EXPECT_FALSE(IsError(nested));
  auto bad = Call("health/validate",
                  R"({"PartnerCode":"SIMPARTNER","AuthToken":"wrong"})");
  EXPECT_TRUE(IsError(bad));
  EXPECT_EQ(FirstMessage(bad),
            "ErrorCode:-9008|Message:Token/Authentication Failure");
  // The flat envelope has no AuthResponse member.
  EXPECT_FALSE(bad.HasMember("AuthResponse"));
}

TEST_F(EndpointsTest, BadCredentialsGetMinus9008InEveryEnvelope) {
  const std::string bad =
      R"({"AuthRequest":{"PartnerCode":"SIMPARTNER","AuthToken":"nope"},"TheSSLStoreOrderID":"4500000"})";
  for (const char* ep :
       {"order/status", "order/neworder", "order/download", "order/reissue",
        "order/refundrequest", "order/refundstatus", "order/approverlist",
        "digicert/organizationlist"}) {
    auto doc = Call(ep, bad);
    ASSERT_TRUE(doc.IsObject()) << ep;
    ASSERT_TRUE(doc.HasMember("AuthResponse")) << ep;
    EXPECT_TRUE(IsError(doc)) << ep;
    EXPECT_THAT(FirstMessage(doc), HasSubstr("-9008")) << ep;
  }
  auto revoke = Call("order/certificaterevokerequest", bad);
  EXPECT_TRUE(IsError(revoke));
  EXPECT_THAT(FirstMessage(revoke), HasSubstr("-9008"));
  for (const char* ep : {"order/query", "product/query"}) {
    auto doc = Call(ep, bad);
    ASSERT_TRUE(doc.IsArray()) << ep;
    ASSERT_EQ(doc.Size(), 1u) << ep;
    EXPECT_TRUE(IsError(doc[0])) << ep;
    EXPECT_THAT(FirstMessage(doc[0]), HasSubstr("-9008")) << ep;
  }
  // A different partner code with the right token fails too.
  auto other = Call(
      "order/status",
      R"({"AuthRequest":{"PartnerCode":"OTHER","AuthToken":"sim-token"},"TheSSLStoreOrderID":"1"})");
  EXPECT_TRUE(IsError(other));
  EXPECT_TRUE(sim_->GroundTruth().empty());
}

TEST_F(EndpointsTest, UnknownPathIs404AndMalformedJsonIs400) {
  auto r = client_->Post("/rest/order/nosuch", Body(""));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 404);
  r = client_->Post("/order/status", Body(""));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 404);
  r = client_->Post("/rest/order/status", "{not json");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 400);
  EXPECT_THAT(r->headers["content-type"], StartsWith("text/plain"));
  r = client_->Get("/rest/order/status");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 405);
}

TEST_F(EndpointsTest, PathsAreCaseInsensitiveWithOptionalTrailingSlash) {
  for (const char* path : {"/rest/Health/Validate/", "/REST/health/validate"}) {
    auto r = client_->Post(path, Body(""));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 200) << path;
    EXPECT_FALSE(IsError(ParseJson(r->body))) << path;
  }
}

TEST_F(EndpointsTest, NewOrderReturnsNumericIdsDatesAndCasing) {
  auto doc = NewOrder({.custom_order_id = "c-1"});
  ASSERT_FALSE(IsError(doc)) << FirstMessage(doc);
  const std::string id = Str(doc, "TheSSLStoreOrderID");
  EXPECT_TRUE(FullMatch(id, "[0-9]+")) << id;
  EXPECT_FALSE(Str(doc, "PartnerOrderID").empty());
  EXPECT_EQ(Str(doc, "CustomOrderID"), "c-1");
  EXPECT_TRUE(FullMatch(Str(doc, "VendorOrderID"), "[0-9]+"));
  ASSERT_TRUE(doc["OrderStatus"].IsObject());
  EXPECT_EQ(Str(doc["OrderStatus"], "MajorStatus"), "Active");
  EXPECT_TRUE(doc["AuthResponse"]["isError"].IsBool());
  EXPECT_TRUE(doc["isRefundApproved"].IsBool());
  EXPECT_TRUE(doc["SANCount"].IsInt());
  EXPECT_TRUE(doc["wildcardSANCount"].IsInt());
  EXPECT_TRUE(doc["Validity"].IsInt());
  EXPECT_EQ(doc["Validity"].GetInt(), 12);
  EXPECT_EQ(Str(doc, "CommonName"), "www.example.com");
  EXPECT_EQ(Str(doc, "ProductCode"), "positivessl");
  EXPECT_EQ(Str(doc, "VendorName"), "SECTIGO");
  const std::string kDate =
      R"(\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2} (AM|PM))";
  for (const char* f :
       {"PurchaseDate", "PurchaseDateInUTC", "CertificateStartDate",
        "CertificateEndDateInUTC", "OrderExpiryDateInUTC"}) {
    EXPECT_TRUE(FullMatch(Str(doc, f), kDate)) << f << "=" << Str(doc, f);
  }
  EXPECT_TRUE(FullMatch(Str(doc["AuthResponse"], "Timestamp"), kDate));
  // en-GB dates on request.
  auto gb = Call("order/status",
                 Body(absl::StrCat(R"("TheSSLStoreOrderID":)", JsonString(id),
                                   R"(,"DateTimeCulture":"en-GB")")));
  EXPECT_TRUE(FullMatch(Str(gb, "PurchaseDate"),
                        R"(\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2})"))
      << Str(gb, "PurchaseDate");
}

TEST_F(EndpointsTest, PendingOrderShowsTheUnsetDateSentinel) {
  sim_->SetApproval(sslstore_sim::ApprovalMode::kManual, 0);
  auto doc = NewOrder({});
  ASSERT_FALSE(IsError(doc));
  EXPECT_EQ(Str(doc["OrderStatus"], "MajorStatus"), "Pending");
  EXPECT_EQ(Str(doc, "CertificateEndDateInUTC"), "1/1/1900 12:00:00 AM");
  EXPECT_EQ(Str(doc, "SerialNumber"), "");
}

TEST_F(EndpointsTest, DuplicateCustomOrderIdIsAnErrorAndStoresNothing) {
  ASSERT_FALSE(IsError(NewOrder({.custom_order_id = "dup"})));
  auto second = NewOrder({.custom_order_id = "dup"});
  EXPECT_TRUE(IsError(second));
  EXPECT_THAT(FirstMessage(second), HasSubstr("-1010"));
  EXPECT_EQ(sim_->GroundTruth().size(), 1u);
}

TEST_F(EndpointsTest, OrdersCanBeFoundByCustomOrderId) {
  auto placed = NewOrder({.custom_order_id = "find-me"});
  ASSERT_FALSE(IsError(placed));
  auto by_custom = Call("order/status", Body(R"("CustomOrderID":"find-me")"));
  ASSERT_FALSE(IsError(by_custom));
  EXPECT_EQ(Str(by_custom, "TheSSLStoreOrderID"),
            Str(placed, "TheSSLStoreOrderID"));
  auto download = Call("order/download", Body(R"("CustomOrderID":"find-me")"));
  EXPECT_FALSE(IsError(download));
  auto missing = Call("order/status", Body(R"("CustomOrderID":"nope")"));
  EXPECT_TRUE(IsError(missing));
  EXPECT_THAT(FirstMessage(missing), HasSubstr("-1006"));
}

TEST_F(EndpointsTest, ValidationErrorsStoreNothing) {
  struct Case {
    std::string name;
    NewOrderSpec spec;
    std::string code;
  };
  std::vector<Case> cases = {
      {"unknown product", {.product = "nosuchproduct"}, "-1002"},
      {"-EO code", {.product = "digi_ssl_basic-EO"}, "-1002"},
      {"invalid validity", {.validity = "13"}, "-1003"},
      {"non-numeric validity", {.validity = "\"twelve\""}, "-1003"},
      {"malformed CSR",
       {.csr_pem = "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END "
                   "CERTIFICATE REQUEST-----\n"},
       "-1004"},
      {"approver not in list", {.approver = "someone@elsewhere.com"}, "-1005"},
      {"missing approver", {.approver = ""}, "-1001"},
      {"wildcard on a non-wildcard product",
       {.common_name = "*.example.com", .approver = "admin@example.com"},
       "-1011"},
  };
  for (const Case& c : cases) {
    auto doc = NewOrder(c.spec);
    EXPECT_TRUE(IsError(doc)) << c.name;
    EXPECT_THAT(FirstMessage(doc), HasSubstr(c.code)) << c.name;
    EXPECT_TRUE(doc["TheSSLStoreOrderID"].IsNull()) << c.name;
  }
  // Missing required members.
  auto csr = MakeCsr(KeyKind::kEcP256, "www.example.com");
  ASSERT_TRUE(csr.ok());
  auto missing = Call("order/neworder",
                      Body(absl::StrCat(R"("ProductCode":"positivessl","CSR":)",
                                        JsonString(csr->pem))));
  EXPECT_TRUE(IsError(missing));
  std::string all;
  for (const auto& m : missing["AuthResponse"]["Message"].GetArray()) {
    all += m.GetString();
  }
  EXPECT_THAT(all, HasSubstr("ValidityPeriod is required"));
  EXPECT_THAT(all, HasSubstr("WebServerType is required"));
  EXPECT_TRUE(sim_->GroundTruth().empty());
}

TEST_F(EndpointsTest, AcceptsLooseScalarsAndCsrEncodings) {
  auto csr = MakeCsr(KeyKind::kRsa2048, "loose.example.com");
  ASSERT_TRUE(csr.ok());
  std::string crlf;
  for (char c : csr->pem) {
    if (c == '\n')
      crlf += "\r\n";
    else
      crlf += c;
  }
  std::string stripped;
  for (char c : csr->pem) {
    if (c != '\n') stripped += c;
  }
  std::string urlencoded;
  for (char c : csr->pem) {
    if (c == '-')
      urlencoded += "%2D";
    else if (c == '\n')
      urlencoded += "%0A";
    else if (c == '+')
      urlencoded += "%2B";
    else if (c == ' ')
      urlencoded += "+";
    else
      urlencoded += c;
  }
  int n = 0;
  for (const std::string& variant : {crlf, stripped, urlencoded}) {
    auto doc = Call(
        "order/neworder",
        Body(absl::StrCat(
            R"("ProductCode":"positivessl","ValidityPeriod":"12","ServerCount":"1",)",
            R"("WebServerType":"other","isCUOrder":"false","CSR":)",
            JsonString(variant),
            R"(,"ApproverEmail":"admin@example.com","CustomOrderID":"v)", n++,
            "\"")));
    EXPECT_FALSE(IsError(doc)) << FirstMessage(doc);
    EXPECT_EQ(Str(doc, "CommonName"), "loose.example.com");
  }
}

TEST_F(EndpointsTest, DownloadReturnsAVerifiableChainWithTheCsrKeyAndNames) {
  auto doc = NewOrder({.product = "sectigodvucc",
                       .common_name = "shop.example.com",
                       .dns_names = {"api.example.com", "shop.example.com"},
                       .approver = "admin@example.com"});
  ASSERT_FALSE(IsError(doc)) << FirstMessage(doc);
  EXPECT_EQ(Str(doc, "DNSNames"), "api.example.com");
  auto dl =
      Call("order/download",
           Body(absl::StrCat(R"("TheSSLStoreOrderID":)",
                             JsonString(Str(doc, "TheSSLStoreOrderID")))));
  ASSERT_FALSE(IsError(dl)) << FirstMessage(dl);
  ASSERT_TRUE(dl["Certificates"].IsArray());
  ASSERT_EQ(dl["Certificates"].Size(), 3u);
  std::string leaf;
  std::vector<std::string> cas;
  std::string root;
  for (const auto& c : dl["Certificates"].GetArray()) {
    const std::string pem = Str(c, "FileContent");
    EXPECT_FALSE(Str(c, "FileName").empty());
    auto info = InspectCert(pem);
    ASSERT_TRUE(info.ok()) << info.status();
    if (!info->is_ca) {
      leaf = pem;
    } else if (info->subject == info->issuer) {
      root = pem;
    } else {
      cas.push_back(pem);
    }
  }
  ASSERT_FALSE(leaf.empty());
  EXPECT_EQ(root, sim_->root_pem());
  EXPECT_TRUE(VerifyChain(leaf, cas, sim_->root_pem()).ok());
  auto info = InspectCert(leaf);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->public_key_der, last_csr_.public_key_der);
  EXPECT_EQ(info->subject_cn, "shop.example.com");
  EXPECT_EQ(
      std::set<std::string>(info->dns_names.begin(), info->dns_names.end()),
      (std::set<std::string>{"shop.example.com", "api.example.com"}));
  EXPECT_EQ(info->serial_hex,
            Str(Status(Str(doc, "TheSSLStoreOrderID")), "SerialNumber"));
  // The leaf does not verify against some other root.
  EXPECT_FALSE(VerifyChain(leaf, {}, sim_->root_pem()).ok());
}

TEST_F(EndpointsTest, DownloadBeforeIssuanceIsAnErrorWithNoCertificates) {
  sim_->SetApproval(sslstore_sim::ApprovalMode::kManual, 0);
  auto doc = NewOrder({});
  auto dl =
      Call("order/download",
           Body(absl::StrCat(R"("TheSSLStoreOrderID":)",
                             JsonString(Str(doc, "TheSSLStoreOrderID")))));
  EXPECT_TRUE(IsError(dl));
  EXPECT_THAT(FirstMessage(dl), HasSubstr("-1008"));
  ASSERT_TRUE(dl["Certificates"].IsArray());
  EXPECT_EQ(dl["Certificates"].Size(), 0u);
}

std::vector<bool> CaFlags(const rapidjson::Value& dl) {
  std::vector<bool> out;
  for (const auto& c : dl["Certificates"].GetArray()) {
    auto info = InspectCert(Str(c, "FileContent"));
    out.push_back(info.ok() && info->is_ca &&
                  info->subject == info->issuer);  // true = root
  }
  return out;
}

TEST_F(EndpointsTest, ChainOrderIsConfigurable) {
  auto doc = NewOrder({});
  const std::string body = Body(absl::StrCat(
      R"("TheSSLStoreOrderID":)", JsonString(Str(doc, "TheSSLStoreOrderID"))));
  auto first = Call("order/download", body);
  EXPECT_EQ(CaFlags(first), (std::vector<bool>{false, false, true}));
  auto leaf_first = InspectCert(Str(first["Certificates"][0], "FileContent"));
  ASSERT_TRUE(leaf_first.ok());
  EXPECT_FALSE(leaf_first->is_ca);
  sim_->SetChainOrder(sslstore_sim::ChainOrder::kRootFirst);
  auto root_first = Call("order/download", body);
  EXPECT_EQ(CaFlags(root_first), (std::vector<bool>{true, false, false}));
  sim_->SetChainOrder(sslstore_sim::ChainOrder::kShuffled);
  std::set<std::string> orders;
  for (int i = 0; i < 20; ++i) {
    auto dl = Call("order/download", body);
    std::string key;
    for (const auto& c : dl["Certificates"].GetArray()) {
      key += Str(c, "FileName") + "|";
    }
    orders.insert(key);
  }
  EXPECT_GT(orders.size(), 1u);
}

TEST_F(EndpointsTest, ApproverListFollowsVendorRules) {
  auto sectigo = Call(
      "order/approverlist",
      Body(
          R"("ProductCode":"positivessl","DomainName":"www.shop.example.com")"));
  ASSERT_FALSE(IsError(sectigo)) << FirstMessage(sectigo);
  std::set<std::string> emails;
  for (const auto& e : sectigo["ApproverEmailList"].GetArray()) {
    emails.insert(e.GetString());
  }
  EXPECT_TRUE(emails.count("admin@www.shop.example.com"));
  EXPECT_TRUE(emails.count("admin@shop.example.com"));
  EXPECT_TRUE(emails.count("webmaster@example.com"));
  EXPECT_EQ(Str(sectigo, "baseDomainName"), "example.com");
  auto digicert = Call(
      "order/approverlist",
      Body(
          R"("ProductCode":"digi_ssl_basic","DomainName":"www.shop.example.com")"));
  ASSERT_FALSE(IsError(digicert)) << FirstMessage(digicert);
  for (const auto& e : digicert["ApproverEmailList"].GetArray()) {
    EXPECT_TRUE(absl::EndsWith(e.GetString(), "@example.com")) << e.GetString();
  }
  auto bad = Call("order/approverlist",
                  Body(R"("ProductCode":"nosuch","DomainName":"example.com")"));
  EXPECT_TRUE(IsError(bad));
  EXPECT_THAT(FirstMessage(bad), HasSubstr("-1002"));
  auto missing =
      Call("order/approverlist", Body(R"("ProductCode":"positivessl")"));
  EXPECT_TRUE(IsError(missing));
  EXPECT_THAT(FirstMessage(missing), HasSubstr("-1001"));
}

TEST_F(EndpointsTest, DigiCertTakesExactlyOneApproverFromTheCommonNamesList) {
  NewOrderSpec two{
      .product = "digi_ssl_basic",
      .approver = "admin@example.com,webmaster@example.com",
      .extra =
          R"(,"OrganizationInfo":{"OrganizationName":"Example Corp","OrganizationAddress":{"Country":"US"}})"};
  auto doc = NewOrder(two);
  EXPECT_TRUE(IsError(doc));
  EXPECT_THAT(FirstMessage(doc), HasSubstr("-1005"));
  NewOrderSpec one = two;
  one.approver = "admin@example.com";
  doc = NewOrder(one);
  EXPECT_FALSE(IsError(doc)) << FirstMessage(doc);
  EXPECT_EQ(Str(doc, "VendorName"), "DIGICERT");
}

TEST_F(EndpointsTest, OvOrdersNeedAnOrganizationOrAnOrganizationId) {
  auto no_org = NewOrder({.product = "digi_ssl_basic"});
  EXPECT_TRUE(IsError(no_org));
  EXPECT_THAT(FirstMessage(no_org), HasSubstr("OrganizationName"));
  auto with_id = NewOrder(
      {.product = "digi_ssl_basic", .extra = R"(,"TSSOrganizationId":112233)"});
  EXPECT_FALSE(IsError(with_id)) << FirstMessage(with_id);
  EXPECT_EQ(with_id["TSSOrganizationId"].GetInt(), 112233);
  auto inactive = NewOrder(
      {.product = "digi_ssl_basic", .extra = R"(,"TSSOrganizationId":112235)"});
  EXPECT_TRUE(IsError(inactive));
  auto bad_country = NewOrder(
      {.product = "digi_ssl_basic",
       .extra =
           R"(,"OrganizationInfo":{"OrganizationName":"X","OrganizationAddress":{"Country":"United States"}})"});
  EXPECT_TRUE(IsError(bad_country));
  EXPECT_THAT(FirstMessage(bad_country), HasSubstr("-9009"));
}

TEST_F(EndpointsTest, OrganizationListAcceptsFlatCredentials) {
  auto doc = Call("digicert/organizationlist",
                  R"({"PartnerCode":"SIMPARTNER","AuthToken":"sim-token"})");
  ASSERT_FALSE(IsError(doc));
  ASSERT_TRUE(doc["OrganizationList"].IsArray());
  ASSERT_GE(doc["OrganizationList"].Size(), 2u);
  const auto& org = doc["OrganizationList"][0];
  EXPECT_TRUE(org["TSSOrganizationId"].IsInt());
  EXPECT_FALSE(Str(org, "Name").empty());
  EXPECT_EQ(Str(org, "Status"), "active");
  EXPECT_TRUE(org["OrganizationContact"].HasMember("Firstname"));
  auto nested = Call("digicert/organizationlist", Body(""));
  EXPECT_FALSE(IsError(nested));
}

TEST_F(EndpointsTest, ProductQueryIsTheCatalogSortedByApiCode) {
  auto doc = Call("product/query", Body(""));
  ASSERT_TRUE(doc.IsArray());
  ASSERT_GT(doc.Size(), 20u);
  std::vector<std::string> codes;
  for (const auto& p : doc.GetArray()) {
    EXPECT_FALSE(IsError(p));
    codes.push_back(Str(p, "ProductCode"));
    EXPECT_FALSE(absl::EndsWith(codes.back(), "-EO")) << codes.back();
    ASSERT_TRUE(p["PricingInfo"].IsArray());
    EXPECT_GT(p["PricingInfo"].Size(), 0u) << codes.back();
    EXPECT_TRUE(p["PricingInfo"][0]["NumberOfMonths"].IsInt());
  }
  EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(),
            codes.size());
  EXPECT_NE(std::find(codes.begin(), codes.end(), "positivessl"), codes.end());
  EXPECT_NE(std::find(codes.begin(), codes.end(), "digi_ssl_basic"),
            codes.end());
  auto one = Call("product/query", Body(R"("ProductCode":"positivessl")"));
  ASSERT_TRUE(one.IsArray());
  ASSERT_EQ(one.Size(), 1u);
  EXPECT_EQ(Str(one[0], "ProductName"),
            Str(doc[static_cast<rapidjson::SizeType>(
                    std::find(codes.begin(), codes.end(), "positivessl") -
                    codes.begin())],
                "ProductName"));
}

TEST_F(EndpointsTest, QueryOfAnEmptyBookIsAnEmptyArray) {
  auto all = Call("order/query", Body(""));
  ASSERT_TRUE(all.IsArray());
  EXPECT_EQ(all.Size(), 0u);
  auto page = Call("order/query", Body(R"("PageNumber":1,"PageSize":10)"));
  ASSERT_TRUE(page.IsArray());
  EXPECT_EQ(page.Size(), 0u);
}

TEST_F(EndpointsTest, QueryPagesAreOneBasedAndAscending) {
  ASSERT_TRUE(sim_->SeedOrders(30, 1, 1, 1).ok());
  std::vector<int64_t> seen;
  for (int page = 1;; ++page) {
    auto doc =
        Call("order/query",
             Body(absl::StrCat(R"("PageNumber":)", page, R"(,"PageSize":10)")));
    ASSERT_TRUE(doc.IsArray());
    for (const auto& o : doc.GetArray()) {
      EXPECT_FALSE(IsError(o));
      seen.push_back(std::stoll(Str(o, "TheSSLStoreOrderID")));
      EXPECT_FALSE(Str(o, "PartnerOrderID").empty());
    }
    if (doc.Size() < 10) {
      // 30 is an exact multiple of 10: the 4th page is the empty one.
      EXPECT_EQ(page, 4);
      EXPECT_EQ(doc.Size(), 0u);
      break;
    }
    ASSERT_LT(page, 10);
  }
  ASSERT_EQ(seen.size(), 30u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<int64_t>(seen.begin(), seen.end()).size(), 30u);
  // Without paging: everything. Page beyond the end: empty.
  EXPECT_EQ(Call("order/query", Body("")).Size(), 30u);
  EXPECT_EQ(Call("order/query", Body(R"("PageNumber":9,"PageSize":10)")).Size(),
            0u);
  EXPECT_EQ(
      Call("order/query", Body(R"("PageNumber":"3","PageSize":"7")")).Size(),
      7u);
  // Statuses are a real mix.
  auto all = Call("order/query", Body(""));
  std::set<std::string> statuses;
  for (const auto& o : all.GetArray()) {
    statuses.insert(Str(o["OrderStatus"], "MajorStatus"));
  }
  EXPECT_EQ(statuses,
            (std::set<std::string>{"Active", "Pending", "Cancelled"}));
}

TEST_F(EndpointsTest, QueryFiltersByDomainProductAndDates) {
  ASSERT_FALSE(IsError(NewOrder({.common_name = "a.example.com"})));
  ASSERT_FALSE(IsError(NewOrder({.common_name = "b.example.com"})));
  auto by_domain = Call("order/query", Body(R"("DomainName":"b.example.com")"));
  ASSERT_EQ(by_domain.Size(), 1u);
  EXPECT_EQ(Str(by_domain[0], "CommonName"), "b.example.com");
  EXPECT_EQ(Call("order/query", Body(R"("ProductCode":"sectigossl")")).Size(),
            0u);
  EXPECT_EQ(Call("order/query", Body(R"("ProductCode":"positivessl")")).Size(),
            2u);
  // Purchased since 1999 (/Date(ms)/ form), and none before 2000.
  EXPECT_EQ(
      Call("order/query", Body(R"("StartDate":"\/Date(928164000000-0400)\/")"))
          .Size(),
      2u);
  EXPECT_EQ(
      Call("order/query", Body(R"("EndDate":"2000-01-01T00:00:00")")).Size(),
      0u);
  auto bad = Call("order/query", Body(R"("StartDate":"yesterday")"));
  ASSERT_EQ(bad.Size(), 1u);
  EXPECT_TRUE(IsError(bad[0]));
}

TEST_F(EndpointsTest, QueryCanIgnoreBadTokensLikeTheSandbox) {
  sslstore_sim::SimulatorOptions options;
  options.query_ignores_bad_token = true;
  StartSim(options);
  auto doc = Call("order/query",
                  R"({"AuthRequest":{"PartnerCode":"X","AuthToken":"Y"}})");
  ASSERT_TRUE(doc.IsArray());
  EXPECT_EQ(doc.Size(), 0u);
  EXPECT_TRUE(IsError(Call(
      "order/status",
      R"({"AuthRequest":{"PartnerCode":"X","AuthToken":"Y"},"TheSSLStoreOrderID":"1"})")));
}

TEST_F(EndpointsTest, StatusOfAnUnknownOrderIsNotFound) {
  auto doc = Status("999999999");
  EXPECT_TRUE(IsError(doc));
  EXPECT_THAT(FirstMessage(doc), HasSubstr("-1006"));
  auto none = Call("order/status", Body(""));
  EXPECT_TRUE(IsError(none));
  EXPECT_THAT(FirstMessage(none), HasSubstr("-1001"));
}

TEST_F(EndpointsTest, HostileBodiesGetAnswersNotCrashes) {
  ASSERT_TRUE(sim_->SeedOrders(3, 1, 1, 1).ok());
  const std::vector<std::string> bodies = {
      "[]",
      "{}",
      R"({"AuthRequest":[]})",
      R"({"AuthRequest":{"PartnerCode":1,"AuthToken":true}})",
      Body(
          R"("TheSSLStoreOrderID":{},"CustomOrderID":[],"CSR":5,"DNSNames":{"a":1},)"
          R"("ValidityPeriod":1e300,"ServerCount":-99999999999999999999,)"
          R"("ProductCode":null,"ApproverEmail":",,,","DomainName":"..",)"
          R"("PageNumber":9223372036854775807,"PageSize":9223372036854775807,)"
          R"("StartDate":"/Date(99999999999999999999999)/","AddSAN":[1,{"NewValue":7}],)"
          R"("OrganizationInfo":"x","AdminContact":[],"TSSOrganizationId":"abc")"),
      Body(
          R"("TheSSLStoreOrderID":"4500000","CSR":"%%%%-----BEGIN","WebServerType":"Other",)"
          R"("DNSNames":["*.*.example.com","a..b","-x.example.com"],"ProductCode":"positivessl",)"
          R"("ValidityPeriod":"12","ApproverEmail":"admin@example.com")"),
      Body(R"("PageNumber":-5,"PageSize":0)"),
  };
  for (const char* ep :
       {"order/neworder", "order/reissue", "order/status", "order/query",
        "order/download", "order/refundrequest", "order/refundstatus",
        "order/certificaterevokerequest", "order/approverlist",
        "digicert/organizationlist", "health/validate", "product/query"}) {
    for (const std::string& body : bodies) {
      auto r = client_->Post(absl::StrCat("/rest/", ep), body);
      ASSERT_TRUE(r.ok()) << ep << " " << body << ": " << r.status();
      EXPECT_TRUE(r->status == 200 || r->status == 400) << ep << " " << body;
      if (r->status == 200) {
        EXPECT_FALSE(ParseJson(r->body).HasParseError()) << ep << " " << body;
      }
    }
  }
  // Still serving, and the seeded book is intact.
  EXPECT_EQ(Call("order/query", Body("")).Size(), 3u);
}

TEST_F(EndpointsTest, KeepAliveReusesOneConnection) {
  for (int i = 0; i < 5; ++i) {
    auto r = client_->Get("/rest/health/status");
    ASSERT_TRUE(r.ok());
  }
  EXPECT_EQ(client_->connections_opened(), 1);
  EXPECT_EQ(sim_->CallCount("health/status"), 5);
}

}  // namespace
}  // namespace sslstore_sim_test
