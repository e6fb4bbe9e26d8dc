#include "service/enroll/new_order_builder.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "service/enroll/enroll_plan.h"
#include "sslstore_client/model_writer.h"
#include "tests/service/enroll/enroll_test_support.h"

namespace sslstore::service::enroll {
namespace {

namespace v1 = sslstore::connector::v1;
using testing::MakeRequest;
using testing::TestCatalog;

// The plan of a request that must be valid.
EnrollPlan MustPlan(const v1::EnrollRequest& request) {
  absl::StatusOr<EnrollPlan> plan = PlanEnrollment(TestCatalog(), request);
  EXPECT_TRUE(plan.ok()) << plan.status();
  return plan.ok() ? *std::move(plan) : EnrollPlan{};
}

// The JSON body the client would send for `body`, parsed.
rapidjson::Document Serialise(const client::NewOrderRequest& body) {
  client::Credentials credentials;
  credentials.partner_code = "12345";
  credentials.auth_token = "token";
  rapidjson::Document doc;
  doc.Parse(client::WriteNewOrderRequest(credentials, body));
  EXPECT_FALSE(doc.HasParseError());
  EXPECT_TRUE(doc.IsObject());
  return doc;
}

// doc[a][b]... as a string; "<absent>" / "<not a string>" otherwise.
std::string Str(const rapidjson::Value& object,
                std::initializer_list<const char*> path) {
  const rapidjson::Value* v = &object;
  for (const char* name : path) {
    if (!v->IsObject() || !v->HasMember(name)) return "<absent>";
    v = &(*v)[name];
  }
  return v->IsString() ? v->GetString() : "<not a string>";
}

bool Has(const rapidjson::Value& object, const char* name) {
  return object.IsObject() && object.HasMember(name);
}

TEST(BuildNewOrderTest, DvBody) {
  v1::EnrollRequest request =
      MakeRequest("positivessl", testing::DvParameters());
  (*request.mutable_sans())["dns"].add_values("example.com");
  const EnrollPlan plan = MustPlan(request);
  const client::NewOrderRequest body = BuildNewOrder(plan, "sc-0123");
  EXPECT_EQ(body.product_code, "positivessl");
  EXPECT_EQ(body.custom_order_id, "sc-0123");
  EXPECT_EQ(body.domain_name, "www.example.com");
  EXPECT_THAT(body.dns_names, ::testing::ElementsAre("example.com"));
  EXPECT_EQ(body.validity_period, 12);
  EXPECT_EQ(body.server_count, 1);
  EXPECT_EQ(body.web_server_type, "Other");
  EXPECT_EQ(body.signature_hash_algorithm, "PREFER_SHA2");
  EXPECT_EQ(body.approver_email, "admin@example.com");
  EXPECT_FALSE(body.file_auth_dv_indicator);
  EXPECT_FALSE(body.cname_auth_dv_indicator);
  EXPECT_EQ(body.csr, plan.csr.pem);
  ASSERT_TRUE(body.admin_contact.has_value());
  EXPECT_EQ(body.admin_contact->email, "admin@example.com");
  EXPECT_FALSE(body.technical_contact.has_value());
  EXPECT_FALSE(body.organization_info.has_value());
  EXPECT_EQ(body.tss_organization_id, 0);

  const rapidjson::Document doc = Serialise(body);
  EXPECT_EQ(Str(doc, {"ProductCode"}), "positivessl");
  EXPECT_EQ(Str(doc, {"CustomOrderID"}), "sc-0123");
  EXPECT_EQ(Str(doc, {"DomainName"}), "www.example.com");
  EXPECT_EQ(Str(doc, {"ApproverEmail"}), "admin@example.com");
  EXPECT_EQ(Str(doc, {"AdminContact", "Email"}), "admin@example.com");
  EXPECT_EQ(Str(doc, {"CSR"}), plan.csr.pem);
  ASSERT_TRUE(Has(doc, "ValidityPeriod"));
  EXPECT_EQ(doc["ValidityPeriod"].GetInt(), 12);
  ASSERT_TRUE(Has(doc, "DNSNames") && doc["DNSNames"].IsArray());
  ASSERT_EQ(doc["DNSNames"].Size(), 1u);
  EXPECT_STREQ(doc["DNSNames"][0].GetString(), "example.com");
  ASSERT_TRUE(Has(doc, "CNAMEAuthDVIndicator"));
  EXPECT_FALSE(doc["CNAMEAuthDVIndicator"].GetBool());
}

TEST(BuildNewOrderTest, OvOrganizationAndContacts) {
  std::map<std::string, std::string> params = testing::OvParameters();
  params["Organization Region"] = "TX";  // State/Province wins
  params["Organization City"] = "Dallas";
  params["Technical Contact - First Name"] = "Grace";
  params["Technical Contact - Country"] = "gb";
  params["Server Count"] = "3";
  params["Web Server Type"] = "IIS";
  params["Is CU Order?"] = "True";
  params["Is Trial Order?"] = "true";
  params["Is Renewal Order?"] = "TRUE";
  params["Validity Period (In Days)"] = "1095";
  const client::NewOrderRequest body =
      BuildNewOrder(MustPlan(MakeRequest("sectigoovssl", params)), "c1");
  EXPECT_EQ(body.validity_period, 36);
  EXPECT_EQ(body.server_count, 3);
  EXPECT_EQ(body.web_server_type, "iis");
  EXPECT_TRUE(body.is_cu_order);
  EXPECT_TRUE(body.is_trial_order);
  EXPECT_TRUE(body.is_renewal_order);
  ASSERT_TRUE(body.technical_contact.has_value());
  EXPECT_EQ(body.technical_contact->first_name, "Grace");

  const rapidjson::Document doc = Serialise(body);
  EXPECT_EQ(Str(doc, {"OrganizationInfo", "OrganizationName"}), "Example Inc");
  EXPECT_EQ(
      Str(doc, {"OrganizationInfo", "OrganizationAddress", "AddressLine1"}),
      "1 Main Street");
  EXPECT_EQ(Str(doc, {"OrganizationInfo", "OrganizationAddress", "Region"}),
            "Texas");
  // The city goes in LocalityName, as the existing plugin sends it.
  EXPECT_EQ(
      Str(doc, {"OrganizationInfo", "OrganizationAddress", "LocalityName"}),
      "Dallas");
  EXPECT_FALSE(Has(doc["OrganizationInfo"]["OrganizationAddress"], "City"));
  EXPECT_EQ(Str(doc, {"OrganizationInfo", "OrganizationAddress", "PostalCode"}),
            "75001");
  EXPECT_EQ(Str(doc, {"OrganizationInfo", "OrganizationAddress", "Country"}),
            "US");
  EXPECT_EQ(Str(doc, {"OrganizationInfo", "OrganizationAddress", "Phone"}),
            "+1 555 0100");
  EXPECT_EQ(Str(doc, {"TechnicalContact", "FirstName"}), "Grace");
  EXPECT_EQ(Str(doc, {"TechnicalContact", "Country"}), "GB");
  EXPECT_EQ(Str(doc, {"WebServerType"}), "iis");
  ASSERT_TRUE(Has(doc, "isCUOrder") && Has(doc, "isTrialOrder") &&
              Has(doc, "isRenewalOrder"));
  EXPECT_TRUE(doc["isCUOrder"].GetBool());
  EXPECT_TRUE(doc["isTrialOrder"].GetBool());
  EXPECT_TRUE(doc["isRenewalOrder"].GetBool());
  EXPECT_EQ(doc["ServerCount"].GetInt(), 3);
}

TEST(BuildNewOrderTest, RegionUsedWithoutStateProvince) {
  // Client certificates accept both fields optionally.
  std::map<std::string, std::string> params = {
      {"Validity Period (In Days)", "365"},
      {"Admin Contact - First Name", "Ada"},
      {"Admin Contact - Last Name", "Lovelace"},
      {"Admin Contact - Email", "ada@example.com"},
      {"Organization Name", "Example GmbH"},
      {"Organization Region", "Bavaria"}};
  v1::EnrollRequest request = MakeRequest("digi_client_premium", params);
  request.set_csr(testing::CsrPem("Ada Lovelace"));
  const client::NewOrderRequest region = BuildNewOrder(MustPlan(request), "c2");
  ASSERT_TRUE(region.organization_info.has_value());
  EXPECT_EQ(region.organization_info->organization_address.region, "Bavaria");
  EXPECT_EQ(region.domain_name, "Ada Lovelace");
  EXPECT_TRUE(region.dns_names.empty());

  (*request.mutable_parameters())["Organization State/Province"] = "Bayern";
  const client::NewOrderRequest both = BuildNewOrder(MustPlan(request), "c2");
  ASSERT_TRUE(both.organization_info.has_value());
  EXPECT_EQ(both.organization_info->organization_address.region, "Bayern");
}

TEST(BuildNewOrderTest, EvJurisdictionCountry) {
  const client::NewOrderRequest body =
      BuildNewOrder(MustPlan(MakeRequest("sectigoevssl",
                                         testing::EvJurisdictionParameters())),
                    "c3");
  const rapidjson::Document doc = Serialise(body);
  EXPECT_EQ(Str(doc, {"OrganizationInfo", "JurisdictionCountry"}), "US");
  EXPECT_EQ(Str(doc, {"ProductCode"}), "sectigoevssl");
}

TEST(BuildNewOrderTest, DigicertEvFlexContacts) {
  const client::NewOrderRequest body =
      BuildNewOrder(MustPlan(MakeRequest("digi_securesite_ev_flex",
                                         testing::DigicertEvFlexParameters())),
                    "c4");
  const rapidjson::Document doc = Serialise(body);
  EXPECT_EQ(Str(doc, {"ProductCode"}), "digi_securesite_ev_flex");
  EXPECT_EQ(Str(doc, {"AdminContact", "FirstName"}), "Ada");
  EXPECT_EQ(Str(doc, {"AdminContact", "LastName"}), "Lovelace");
  EXPECT_EQ(Str(doc, {"AdminContact", "Phone"}), "+1 555 0101");
  EXPECT_EQ(Str(doc, {"AdminContact", "Title"}), "CTO");
  EXPECT_EQ(Str(doc, {"ApproverEmail"}), "admin@example.com");
}

TEST(BuildNewOrderTest, EnterpriseOrgOrdersBaseCodeWithOrganizationId) {
  std::map<std::string, std::string> params =
      testing::EnterpriseOrgParameters();
  params["Organization ID"] = "Example Inc (98765) Dallas-US";
  const client::NewOrderRequest body = BuildNewOrder(
      MustPlan(MakeRequest("digi_securesite_flex-EO", params)), "c5");
  EXPECT_EQ(body.product_code, "digi_securesite_flex");
  EXPECT_EQ(body.tss_organization_id, 98765);
  EXPECT_EQ(body.validity_period, 24);
  EXPECT_FALSE(body.organization_info.has_value());
  const rapidjson::Document doc = Serialise(body);
  EXPECT_EQ(Str(doc, {"ProductCode"}), "digi_securesite_flex");
  ASSERT_TRUE(Has(doc, "TSSOrganizationId"));
  EXPECT_EQ(doc["TSSOrganizationId"].GetInt64(), 98765);
}

TEST(BuildNewOrderTest, CnameAndFileDcv) {
  std::map<std::string, std::string> params = testing::DvParameters();
  params["CName Auth Domain Validation"] = "true";
  client::NewOrderRequest cname =
      BuildNewOrder(MustPlan(MakeRequest("positivessl", params)), "c6");
  EXPECT_TRUE(cname.cname_auth_dv_indicator);
  EXPECT_FALSE(cname.file_auth_dv_indicator);
  EXPECT_EQ(cname.approver_email, "");
  const rapidjson::Document doc = Serialise(cname);
  EXPECT_TRUE(doc["CNAMEAuthDVIndicator"].GetBool());
  EXPECT_FALSE(Has(doc, "ApproverEmail"));

  v1::EnrollRequest file = MakeRequest("positivessl", testing::DvParameters());
  file.set_dcv_method(v1::DCV_METHOD_FILE);
  client::NewOrderRequest file_body = BuildNewOrder(MustPlan(file), "c7");
  EXPECT_TRUE(file_body.file_auth_dv_indicator);
  EXPECT_FALSE(file_body.cname_auth_dv_indicator);
  EXPECT_EQ(file_body.approver_email, "");
  EXPECT_TRUE(Serialise(file_body)["FileAuthDVIndicator"].GetBool());
}

TEST(BuildNewOrderTest, MultiDomainNamesAndApprovers) {
  std::map<std::string, std::string> params = testing::DvParameters();
  params["Approver Email"] = "admin@example.com, admin@example.net";
  v1::EnrollRequest request = MakeRequest("positivemdcssl", params);
  (*request.mutable_sans())["dns"].add_values("www.example.net");
  (*request.mutable_sans())["dns"].add_values("www.example.com");
  EnrollPlan plan = MustPlan(request);
  // An IP address (of a product that accepts them) travels in the CSR only.
  plan.ip_addresses.push_back("192.0.2.1");
  const client::NewOrderRequest body = BuildNewOrder(plan, "c8");
  EXPECT_EQ(body.domain_name, "www.example.com");
  EXPECT_THAT(body.dns_names, ::testing::ElementsAre("www.example.net"));
  EXPECT_EQ(body.approver_email, "admin@example.com,admin@example.net");
}

}  // namespace
}  // namespace sslstore::service::enroll
