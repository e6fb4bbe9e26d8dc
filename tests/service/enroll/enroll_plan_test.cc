#include "service/enroll/enroll_plan.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/x509/base64.h"
#include "tests/service/enroll/enroll_test_support.h"
#include "tests/service/x509/test_pki.h"

namespace sslstore::service::enroll {
namespace {

namespace v1 = sslstore::connector::v1;
using ::testing::Contains;
using testing::CsrPem;
using ::testing::ElementsAre;
using testing::FieldsOf;
using ::testing::IsEmpty;
using testing::MakeRequest;
using ::testing::Pair;
using testing::TestCatalog;
using testing::ViolationsOf;

absl::StatusOr<EnrollPlan> Plan(const v1::EnrollRequest& request) {
  return PlanEnrollment(TestCatalog(), request);
}

// The description of the first violation on `field`; "" if none.
std::string DescriptionOf(const absl::Status& status,
                          const std::string& field) {
  for (const auto& v : ViolationsOf(status)) {
    if (v.field == field) return v.description;
  }
  return "";
}

void AddSans(v1::EnrollRequest* request, const std::string& key,
             const std::vector<std::string>& values) {
  for (const std::string& v : values) {
    (*request->mutable_sans())[key].add_values(v);
  }
}

TEST(PlanEnrollmentTest, DvPositiveSsl) {
  v1::EnrollRequest request =
      MakeRequest("positivessl", testing::DvParameters());
  absl::StatusOr<EnrollPlan> plan = Plan(request);
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_NE(plan->product, nullptr);
  EXPECT_EQ(plan->product->code, "positivessl");
  EXPECT_EQ(plan->common_name, "www.example.com");
  EXPECT_THAT(plan->dns_names, ElementsAre("www.example.com"));
  EXPECT_THAT(plan->ip_addresses, IsEmpty());
  EXPECT_EQ(plan->validity_months, 12);
  EXPECT_EQ(plan->dcv_method, v1::DCV_METHOD_EMAIL);
  EXPECT_THAT(plan->approver_emails, ElementsAre("admin@example.com"));
  EXPECT_TRUE(plan->csr.signature_valid);
  EXPECT_EQ(plan->csr.common_name, "www.example.com");
  EXPECT_TRUE(
      absl::StartsWith(plan->csr.pem, "-----BEGIN CERTIFICATE REQUEST-----"));
  // Defaults applied by the catalog.
  EXPECT_THAT(plan->parameters, Contains(Pair("Web Server Type", "Other")));
  EXPECT_THAT(plan->parameters, Contains(Pair("Server Count", "1")));
  EXPECT_THAT(plan->parameters,
              Contains(Pair("CName Auth Domain Validation", "false")));
}

TEST(PlanEnrollmentTest, OvSectigoWithSansAndNormalisation) {
  std::map<std::string, std::string> params = testing::OvParameters();
  params["web server type"] = "IIS";  // case-insensitive name and option
  params["Validity Period (In Days)"] = "730";
  v1::EnrollRequest request = MakeRequest("sectigoovssl", params);
  request.set_csr(CsrPem("WWW.Example.com", "DNS:example.com"));
  absl::StatusOr<EnrollPlan> plan = Plan(request);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->common_name, "www.example.com");
  // single-domain product: the www companion is allowed
  EXPECT_THAT(plan->dns_names, ElementsAre("www.example.com", "example.com"));
  EXPECT_EQ(plan->validity_months, 24);
  EXPECT_THAT(plan->parameters, Contains(Pair("Web Server Type", "iis")));
  EXPECT_THAT(plan->parameters,
              Contains(Pair("Organization State/Province", "Texas")));
}

TEST(PlanEnrollmentTest, DigicertOvFlexMultiDomainWildcard) {
  v1::EnrollRequest request =
      MakeRequest("digi_securesite_flex", testing::DigicertOvFlexParameters());
  AddSans(&request, "DNS", {"*.example.com", "shop.example.com"});
  AddSans(&request, "dnsname", {"WWW.EXAMPLE.COM"});  // duplicate of the CN
  absl::StatusOr<EnrollPlan> plan = Plan(request);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->product->vendor, "DigiCert");
  EXPECT_THAT(plan->dns_names, ElementsAre("www.example.com", "*.example.com",
                                           "shop.example.com"));
  EXPECT_THAT(plan->ip_addresses, IsEmpty());
  EXPECT_THAT(plan->approver_emails, ElementsAre("admin@example.com"));
  EXPECT_EQ(plan->validity_months, 12);
}

TEST(PlanEnrollmentTest, IpAddressRefusedUnlessTheProductAcceptsThem) {
  v1::EnrollRequest request =
      MakeRequest("digi_securesite_flex", testing::DigicertOvFlexParameters());
  AddSans(&request, "ipaddress", {"192.0.2.7"});
  absl::StatusOr<EnrollPlan> plan = Plan(request);
  EXPECT_THAT(FieldsOf(plan.status()), ElementsAre("san"));
  EXPECT_TRUE(
      absl::StrContains(DescriptionOf(plan.status(), "san"),
                        "does not accept IP addresses (\"192.0.2.7\")"));
}

TEST(PlanEnrollmentTest, DigicertEvFlex) {
  v1::EnrollRequest request = MakeRequest("digi_securesite_ev_flex",
                                          testing::DigicertEvFlexParameters());
  absl::StatusOr<EnrollPlan> plan = Plan(request);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->product->validation_type, "EV");
  EXPECT_THAT(plan->parameters, Contains(Pair("Admin Contact - Title", "CTO")));
  EXPECT_EQ(plan->dcv_method, v1::DCV_METHOD_EMAIL);
}

TEST(PlanEnrollmentTest, DigicertEvFlexNeedsAdminTitle) {
  std::map<std::string, std::string> params =
      testing::DigicertEvFlexParameters();
  params.erase("Admin Contact - Title");
  absl::StatusOr<EnrollPlan> plan =
      Plan(MakeRequest("digi_securesite_ev_flex", params));
  ASSERT_EQ(plan.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(plan.status()),
              ElementsAre("parameters[Admin Contact - Title]"));
}

TEST(PlanEnrollmentTest, EnterpriseOrgProductNeedsOnlyValidityAndOrgId) {
  std::map<std::string, std::string> params =
      testing::EnterpriseOrgParameters();
  params["Organization ID"] = "Example Inc (1234) Dallas-US";
  absl::StatusOr<EnrollPlan> plan =
      Plan(MakeRequest("digi_securesite_flex-EO", params));
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->product->code, "digi_securesite_flex-EO");
  EXPECT_EQ(plan->product->api_code, "digi_securesite_flex");
  EXPECT_THAT(plan->parameters, Contains(Pair("Organization ID", "1234")));
  EXPECT_EQ(plan->validity_months, 24);
  EXPECT_THAT(plan->approver_emails, IsEmpty());
}

TEST(PlanEnrollmentTest, EnterpriseOrgProductNeedsOrgId) {
  absl::StatusOr<EnrollPlan> plan = Plan(MakeRequest(
      "digi_securesite_flex-EO", {{"Validity Period (In Days)", "365"}}));
  EXPECT_THAT(FieldsOf(plan.status()),
              ElementsAre("parameters[Organization ID]"));
}

TEST(PlanEnrollmentTest, EvWithJurisdiction) {
  v1::EnrollRequest request =
      MakeRequest("sectigoevssl", testing::EvJurisdictionParameters());
  absl::StatusOr<EnrollPlan> plan = Plan(request);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(plan->parameters,
              Contains(Pair("Organization Jurisdiction Country", "US")));

  std::map<std::string, std::string> missing = testing::OvParameters();
  absl::StatusOr<EnrollPlan> bad = Plan(MakeRequest("sectigoevssl", missing));
  EXPECT_THAT(FieldsOf(bad.status()),
              ElementsAre("parameters[Organization Jurisdiction Country]"));
}

TEST(PlanEnrollmentTest, CommonNameFromRequestSubjectWhenCsrHasNone) {
  v1::EnrollRequest request =
      MakeRequest("positivessl", testing::DvParameters());
  request.set_csr(CsrPem(""));
  request.set_subject("CN=shop.example.com,O=Example Inc");
  absl::StatusOr<EnrollPlan> plan = Plan(request);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->common_name, "shop.example.com");
  EXPECT_THAT(plan->dns_names, ElementsAre("shop.example.com"));
}

TEST(PlanEnrollmentTest, MissingCommonNameIsReported) {
  v1::EnrollRequest request =
      MakeRequest("positivessl", testing::DvParameters());
  request.set_csr(CsrPem(""));
  absl::StatusOr<EnrollPlan> plan = Plan(request);
  EXPECT_THAT(FieldsOf(plan.status()), ElementsAre("subject"));
}

TEST(PlanEnrollmentTest, UnknownAndMissingProduct) {
  absl::StatusOr<EnrollPlan> unknown =
      Plan(MakeRequest("no_such_product", testing::DvParameters()));
  ASSERT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(unknown.status()), ElementsAre("product_code"));
  EXPECT_TRUE(absl::StrContains(DescriptionOf(unknown.status(), "product_code"),
                                "no_such_product"));
  absl::StatusOr<EnrollPlan> missing =
      Plan(MakeRequest("", testing::DvParameters()));
  EXPECT_THAT(FieldsOf(missing.status()), ElementsAre("product_code"));
}

TEST(PlanEnrollmentTest, CsrProblems) {
  v1::EnrollRequest request =
      MakeRequest("positivessl", testing::DvParameters());
  request.set_csr("not a csr at all");
  absl::StatusOr<EnrollPlan> garbage = Plan(request);
  EXPECT_THAT(FieldsOf(garbage.status()), ElementsAre("csr"));

  request.clear_csr();
  absl::StatusOr<EnrollPlan> empty = Plan(request);
  EXPECT_THAT(FieldsOf(empty.status()), ElementsAre("csr"));
}

TEST(PlanEnrollmentTest, WeakKeyIsRejected) {
  x509::testing::CsrSpec spec;
  spec.subject = {{"CN", "www.example.com"}};
  auto key = x509::testing::GenerateRsaKey(1024);
  ASSERT_NE(key, nullptr);
  const std::string der = x509::testing::MakeCsrDer(key.get(), spec);
  ASSERT_FALSE(der.empty());
  v1::EnrollRequest request =
      MakeRequest("positivessl", testing::DvParameters());
  request.set_csr(x509::EncodeBase64(der));  // base64 DER form
  absl::StatusOr<EnrollPlan> plan = Plan(request);
  EXPECT_THAT(FieldsOf(plan.status()), ElementsAre("csr"));
  EXPECT_TRUE(absl::StrContains(DescriptionOf(plan.status(), "csr"), "1024"));
}

TEST(PlanEnrollmentTest, Base64DerCsrIsAccepted) {
  x509::testing::CsrSpec spec;
  spec.subject = {{"CN", "www.example.com"}};
  const std::string der =
      x509::testing::MakeCsrDer(x509::testing::SharedEcP256Key(), spec);
  ASSERT_FALSE(der.empty());
  v1::EnrollRequest request =
      MakeRequest("positivessl", testing::DvParameters());
  request.set_csr(x509::EncodeBase64(der));
  absl::StatusOr<EnrollPlan> plan = Plan(request);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->csr.key_type, "EC-P256");
}

TEST(PlanEnrollmentTest, NamePolicyOfTheProduct) {
  v1::EnrollRequest wildcard =
      MakeRequest("positivessl", testing::DvParameters());
  wildcard.set_csr(CsrPem("*.example.com"));
  EXPECT_THAT(FieldsOf(Plan(wildcard).status()), ElementsAre("subject"));

  v1::EnrollRequest extra = MakeRequest("positivessl", testing::DvParameters());
  AddSans(&extra, "dns", {"other.example.net"});
  EXPECT_THAT(FieldsOf(Plan(extra).status()), ElementsAre("san"));

  v1::EnrollRequest bad_value =
      MakeRequest("positivemdcssl", testing::DvParameters());
  AddSans(&bad_value, "dns", {"not a name"});
  EXPECT_THAT(FieldsOf(Plan(bad_value).status()), ElementsAre("san.dns"));

  v1::EnrollRequest unknown_key =
      MakeRequest("positivemdcssl", testing::DvParameters());
  AddSans(&unknown_key, "x400", {"whatever"});
  EXPECT_THAT(FieldsOf(Plan(unknown_key).status()), ElementsAre("san.x400"));
}

TEST(PlanEnrollmentTest, MaxSans) {
  const catalog::Product* product = TestCatalog().FindProduct("positivemdcssl");
  ASSERT_NE(product, nullptr);
  ASSERT_TRUE(product->max_sans.has_value());
  v1::EnrollRequest request =
      MakeRequest("positivemdcssl", testing::DvParameters());
  std::vector<std::string> names;
  for (int i = 0; i < *product->max_sans; ++i) {
    names.push_back(absl::StrCat("n", i, ".example.com"));
  }
  AddSans(&request, "dns", names);  // + the CN = one too many
  EXPECT_THAT(FieldsOf(Plan(request).status()), ElementsAre("san"));
}

TEST(PlanEnrollmentTest, ParameterViolationsCarryTheSeedName) {
  std::map<std::string, std::string> params = testing::DvParameters();
  params["Validity Period (In Days)"] = "400";  // 13 months
  params["Web Server Type"] = "nginx";
  params["Admin Contact - Country"] = "USA";
  absl::StatusOr<EnrollPlan> plan = Plan(MakeRequest("positivessl", params));
  EXPECT_THAT(
      FieldsOf(plan.status()),
      ::testing::UnorderedElementsAre("parameters[Validity Period (In Days)]",
                                      "parameters[Web Server Type]",
                                      "parameters[Admin Contact - Country]"));
}

TEST(PlanEnrollmentTest, DcvFromParameters) {
  std::map<std::string, std::string> params = testing::DvParameters();
  params.erase("Approver Email");
  params["CName Auth Domain Validation"] = "True";
  absl::StatusOr<EnrollPlan> cname = Plan(MakeRequest("positivessl", params));
  ASSERT_TRUE(cname.ok()) << cname.status();
  EXPECT_EQ(cname->dcv_method, v1::DCV_METHOD_CNAME);

  params.erase("CName Auth Domain Validation");
  params["File Auth Domain Validation"] = "true";
  absl::StatusOr<EnrollPlan> file = Plan(MakeRequest("positivessl", params));
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ(file->dcv_method, v1::DCV_METHOD_FILE);

  params["CName Auth Domain Validation"] = "true";
  absl::StatusOr<EnrollPlan> both = Plan(MakeRequest("positivessl", params));
  EXPECT_THAT(FieldsOf(both.status()), ElementsAre("dcv_method"));
}

TEST(PlanEnrollmentTest, DcvFromRequestOverridesParameters) {
  std::map<std::string, std::string> params = testing::DvParameters();
  params.erase("Approver Email");
  v1::EnrollRequest request = MakeRequest("positivessl", params);
  request.set_dcv_method(v1::DCV_METHOD_FILE);
  absl::StatusOr<EnrollPlan> plan = Plan(request);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->dcv_method, v1::DCV_METHOD_FILE);
  EXPECT_THAT(plan->parameters,
              Contains(Pair("File Auth Domain Validation", "true")));

  // Explicit EMAIL beats a CNAME flag, and then needs an approver.
  params["cname auth domain validation"] = "true";
  v1::EnrollRequest email = MakeRequest("positivessl", params);
  email.set_dcv_method(v1::DCV_METHOD_EMAIL);
  absl::StatusOr<EnrollPlan> email_plan = Plan(email);
  EXPECT_THAT(FieldsOf(email_plan.status()),
              ElementsAre("parameters[Approver Email]"));

  v1::EnrollRequest unknown =
      MakeRequest("positivessl", testing::DvParameters());
  unknown.set_dcv_method(static_cast<v1::DcvMethod>(42));
  EXPECT_THAT(FieldsOf(Plan(unknown).status()), ElementsAre("dcv_method"));
}

TEST(PlanEnrollmentTest, ApproverEmails) {
  std::map<std::string, std::string> params = testing::DvParameters();
  params["Approver Email"] = " admin@example.com , hostmaster@example.com ,";
  absl::StatusOr<EnrollPlan> sectigo = Plan(MakeRequest("positivessl", params));
  ASSERT_TRUE(sectigo.ok()) << sectigo.status();
  EXPECT_THAT(sectigo->approver_emails,
              ElementsAre("admin@example.com", "hostmaster@example.com"));

  params["Approver Email"] = "admin@example.com,hostmaster@example.com";
  params["Technical Contact - Email"] = "tech@example.com";
  absl::StatusOr<EnrollPlan> digicert =
      Plan(MakeRequest("digi_rapidssl", params));
  EXPECT_THAT(FieldsOf(digicert.status()),
              ElementsAre("parameters[Approver Email]"));
  EXPECT_TRUE(absl::StrContains(
      DescriptionOf(digicert.status(), "parameters[Approver Email]"),
      "exactly one"));

  params["Approver Email"] = "admin@";
  EXPECT_THAT(FieldsOf(Plan(MakeRequest("positivessl", params)).status()),
              ElementsAre("parameters[Approver Email]"));

  params.erase("Approver Email");
  EXPECT_THAT(FieldsOf(Plan(MakeRequest("positivessl", params)).status()),
              ElementsAre("parameters[Approver Email]"));
}

TEST(PlanEnrollmentTest, PriorOrderForRenewAndReissue) {
  v1::EnrollRequest request =
      MakeRequest("positivessl", testing::DvParameters());
  for (v1::EnrollmentType type :
       {v1::ENROLLMENT_TYPE_RENEW, v1::ENROLLMENT_TYPE_REISSUE,
        v1::ENROLLMENT_TYPE_RENEW_OR_REISSUE}) {
    request.set_enrollment_type(type);
    request.clear_prior_ca_request_id();
    EXPECT_THAT(FieldsOf(Plan(request).status()),
                ElementsAre("prior_ca_request_id"))
        << v1::EnrollmentType_Name(type);
    request.set_prior_ca_request_id("12345-67890");
    EXPECT_TRUE(Plan(request).ok()) << v1::EnrollmentType_Name(type);
  }
  request.set_prior_ca_request_id("bad id \n with spaces");
  EXPECT_THAT(FieldsOf(Plan(request).status()),
              ElementsAre("prior_ca_request_id"));

  request.set_enrollment_type(static_cast<v1::EnrollmentType>(17));
  EXPECT_THAT(FieldsOf(Plan(request).status()), ElementsAre("enrollment_type"));
}

TEST(PlanEnrollmentTest, WaitForIssuance) {
  v1::EnrollRequest request =
      MakeRequest("positivessl", testing::DvParameters());
  request.mutable_wait_for_issuance()->set_seconds(600);
  EXPECT_TRUE(Plan(request).ok());
  request.mutable_wait_for_issuance()->set_nanos(1);
  EXPECT_THAT(FieldsOf(Plan(request).status()),
              ElementsAre("wait_for_issuance"));
  request.mutable_wait_for_issuance()->set_seconds(-1);
  request.mutable_wait_for_issuance()->set_nanos(0);
  EXPECT_THAT(FieldsOf(Plan(request).status()),
              ElementsAre("wait_for_issuance"));
  request.mutable_wait_for_issuance()->set_seconds(5);
  request.mutable_wait_for_issuance()->set_nanos(-5);
  EXPECT_THAT(FieldsOf(Plan(request).status()),
              ElementsAre("wait_for_issuance"));
}

TEST(PlanEnrollmentTest, EveryProblemAtOnce) {
  std::map<std::string, std::string> params = testing::OvParameters();
  params.erase("Organization Name");
  params["Organization Country"] = "USA";
  params["Approver Email"] = "admin@example.com,ops@example.com";
  v1::EnrollRequest request = MakeRequest("digi_securesite_flex", params);
  request.set_csr(CsrPem("www.example.com", "DNS:bad_name!.example.com"));
  request.set_enrollment_type(v1::ENROLLMENT_TYPE_REISSUE);
  request.mutable_wait_for_issuance()->set_seconds(3600);
  absl::StatusOr<EnrollPlan> plan = Plan(request);
  ASSERT_EQ(plan.status().code(), absl::StatusCode::kInvalidArgument);
  const std::vector<std::string> fields = FieldsOf(plan.status());
  EXPECT_THAT(fields, Contains("parameters[Admin Contact - First Name]"));
  EXPECT_THAT(fields, Contains("parameters[Organization Name]"));
  EXPECT_THAT(fields, Contains("parameters[Organization Country]"));
  EXPECT_THAT(fields, Contains("parameters[Approver Email]"));
  EXPECT_THAT(fields, Contains("csr"));
  EXPECT_THAT(fields, Contains("prior_ca_request_id"));
  EXPECT_THAT(fields, Contains("wait_for_issuance"));
  // The message lists them too.
  EXPECT_TRUE(absl::StrContains(plan.status().message(), "wait_for_issuance"));
}

TEST(PlanEnrollmentTest, CodeSigningSkipsDomainChecks) {
  std::map<std::string, std::string> params =
      testing::DigicertOvFlexParameters();
  params.erase("Approver Email");
  v1::EnrollRequest request = MakeRequest("digi_csc", params);
  request.set_csr(CsrPem("Example Inc"));  // not a DNS name
  absl::StatusOr<EnrollPlan> plan = Plan(request);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->common_name, "Example Inc");
  EXPECT_THAT(plan->dns_names, IsEmpty());
  EXPECT_THAT(plan->approver_emails, IsEmpty());
}

}  // namespace
}  // namespace sslstore::service::enroll
