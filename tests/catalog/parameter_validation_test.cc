// Product-parameter validation against the checked-in catalog: each kind of
// violation, many at once, required_unless_true, and normalization.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "catalog/catalog.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/catalog/temp_catalog_copy.h"

namespace sslstore::catalog {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using Parameters = std::map<std::string, std::string>;

std::vector<std::string> FieldsOf(const std::vector<FieldViolation>& list) {
  std::vector<std::string> fields;
  for (const FieldViolation& violation : list)
    fields.push_back(violation.field);
  return fields;
}

const Parameters kValidDv = {
    {"Admin Contact - Email", "admin@example.com"},
    {"Approver Email", "admin@example.com"},
    {"Validity Period (In Days)", "365"},
};

// DigiCert RapidSSL, GeoTrust DV and SSL123: the technical contact only.
const Parameters kValidDigiCertDv = {
    {"Technical Contact - Email", "tech@example.com"},
    {"Approver Email", "admin@example.com"},
    {"Validity Period (In Days)", "365"},
};

const Parameters kValidDigiCertOvFlex = {
    {"Admin Contact - First Name", "Ada"},
    {"Admin Contact - Last Name", "Lovelace"},
    {"Admin Contact - Phone", "+1 555 0100"},
    {"Admin Contact - Email", "ada@example.com"},
    {"Approver Email", "admin@example.com"},
    {"Validity Period (In Days)", "730"},
    {"Organization Name", "Example Inc"},
    {"Organization Address", "1 Main St"},
    {"Organization City", "Austin"},
    {"Organization State/Province", "TX"},
    {"Organization Postal Code", "78701"},
    {"Organization Country", "US"},
    {"Organization Phone", "+1 555 0199"},
};

class ParameterValidationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = Catalog::LoadFromDirectory(testing::SourceCatalogDir());
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    catalog_ = loaded->release();
  }
  static void TearDownTestSuite() {
    delete catalog_;
    catalog_ = nullptr;
  }

  static std::vector<FieldViolation> Validate(const std::string& code,
                                              const Parameters& parameters) {
    const Product* product = catalog_->FindProduct(code);
    EXPECT_NE(product, nullptr) << code;
    if (product == nullptr) return {{"<product>", "unknown " + code}};
    return catalog_->ValidateParameters(*product, parameters);
  }

  static Parameters With(Parameters base, const std::string& key,
                         const std::string& value) {
    base[key] = value;
    return base;
  }

  static const Catalog* catalog_;
};

const Catalog* ParameterValidationTest::catalog_ = nullptr;

TEST_F(ParameterValidationTest, ValidParametersHaveNoViolations) {
  EXPECT_THAT(Validate("positivessl", kValidDv), IsEmpty());
  EXPECT_THAT(Validate("digi_securesite_flex", kValidDigiCertOvFlex),
              IsEmpty());
  EXPECT_THAT(
      Validate("digi_securesite_ev_flex",
               With(kValidDigiCertOvFlex, "Admin Contact - Title", "CTO")),
      IsEmpty());
}

TEST_F(ParameterValidationTest, DigiCertDvNeedsTheTechnicalContactOnly) {
  for (const char* code : {"digi_rapidssl", "digi_rapidssl_wc",
                           "digi_ssl_dv_geotrust_flex", "digi_ssl123_flex"}) {
    SCOPED_TRACE(code);
    EXPECT_THAT(Validate(code, kValidDigiCertDv), IsEmpty());
    Parameters without = kValidDigiCertDv;
    without.erase("Technical Contact - Email");
    std::vector<FieldViolation> violations = Validate(code, without);
    ASSERT_THAT(FieldsOf(violations), ElementsAre("Technical Contact - Email"));
    EXPECT_EQ(
        violations[0].description,
        absl::StrCat("\"Technical Contact - Email\" is required for ", code));
    // The Sectigo DV set (admin contact email) is not enough.
    EXPECT_THAT(FieldsOf(Validate(code, kValidDv)),
                ElementsAre("Technical Contact - Email"));
  }
}

TEST_F(ParameterValidationTest, MissingRequiredFieldsAreAllReported) {
  std::vector<FieldViolation> violations = Validate("positivessl", {});
  EXPECT_THAT(FieldsOf(violations),
              ElementsAre("Admin Contact - Email", "Approver Email",
                          "Validity Period (In Days)"));
  EXPECT_EQ(violations[0].description,
            "\"Admin Contact - Email\" is required for positivessl");
  EXPECT_EQ(violations[1].description,
            "\"Approver Email\" is required for positivessl unless \"CName "
            "Auth Domain Validation\" or \"File Auth Domain Validation\" is "
            "true");
}

TEST_F(ParameterValidationTest, EmptyValueCountsAsAbsent) {
  std::vector<FieldViolation> violations =
      Validate("positivessl", With(kValidDv, "Admin Contact - Email", "  "));
  EXPECT_THAT(FieldsOf(violations), ElementsAre("Admin Contact - Email"));
  EXPECT_THAT(violations[0].description, HasSubstr("is required"));
}

TEST_F(ParameterValidationTest, ParameterNamesMatchIgnoringCase) {
  const Parameters parameters = {
      {"admin contact - email", "admin@example.com"},
      {"APPROVER EMAIL", "admin@example.com"},
      {"validity period (in days)", "365"},
  };
  EXPECT_THAT(Validate("positivessl", parameters), IsEmpty());
}

TEST_F(ParameterValidationTest, UnknownParametersAreIgnored) {
  EXPECT_THAT(Validate("positivessl", With(kValidDv, "PriorCertSN", "0A1B")),
              IsEmpty());
  EXPECT_THAT(Validate("positivessl", With(kValidDv, "Organization ID", "x")),
              IsEmpty());  // not a field of the DV set
}

TEST_F(ParameterValidationTest, ApproverEmailWaivedByCnameOrFileValidation) {
  Parameters without_approver = kValidDv;
  without_approver.erase("Approver Email");
  EXPECT_THAT(FieldsOf(Validate("positivessl", without_approver)),
              ElementsAre("Approver Email"));
  EXPECT_THAT(
      Validate("positivessl",
               With(without_approver, "CName Auth Domain Validation", "True")),
      IsEmpty());
  EXPECT_THAT(
      Validate("positivessl",
               With(without_approver, "File Auth Domain Validation", "true")),
      IsEmpty());
  EXPECT_THAT(FieldsOf(Validate("positivessl",
                                With(without_approver,
                                     "CName Auth Domain Validation", "False"))),
              ElementsAre("Approver Email"));
  Parameters flex = kValidDigiCertOvFlex;
  flex.erase("Approver Email");
  EXPECT_THAT(Validate("digi_securesite_flex",
                       With(flex, "CName Auth Domain Validation", "TRUE")),
              IsEmpty());
}

TEST_F(ParameterValidationTest, ValueNotAmongOptions) {
  std::vector<FieldViolation> violations = Validate(
      "positivessl", With(kValidDv, "Web Server Type", "nginx-custom"));
  ASSERT_THAT(FieldsOf(violations), ElementsAre("Web Server Type"));
  EXPECT_THAT(violations[0].description,
              HasSubstr("\"Web Server Type\": \"nginx-custom\" is not one of"));
  EXPECT_THAT(violations[0].description, HasSubstr("apacheopenssl"));

  violations = Validate("positivessl",
                        With(kValidDv, "Signature Hash Algorithm", "MD5"));
  ASSERT_THAT(FieldsOf(violations), ElementsAre("Signature Hash Algorithm"));
  EXPECT_THAT(violations[0].description, HasSubstr("PREFER_SHA2"));

  // Enum matching ignores case.
  EXPECT_THAT(
      Validate("positivessl", With(With(kValidDv, "Web Server Type", "OTHER"),
                                   "Signature Hash Algorithm", "prefer_sha2")),
      IsEmpty());
}

TEST_F(ParameterValidationTest, CountryMustBeIsoAlpha2) {
  std::vector<FieldViolation> violations = Validate(
      "digi_securesite_flex",
      With(kValidDigiCertOvFlex, "Organization Country", "United States"));
  ASSERT_THAT(FieldsOf(violations), ElementsAre("Organization Country"));
  EXPECT_THAT(violations[0].description,
              HasSubstr("not an ISO 3166-1 alpha-2 country code"));
  EXPECT_THAT(FieldsOf(Validate(
                  "digi_securesite_flex",
                  With(kValidDigiCertOvFlex, "Organization Country", "XX"))),
              ElementsAre("Organization Country"));
  EXPECT_THAT(
      Validate("digi_securesite_flex",
               With(kValidDigiCertOvFlex, "Organization Country", "gb")),
      IsEmpty());
}

TEST_F(ParameterValidationTest, MalformedEmails) {
  std::vector<FieldViolation> violations = Validate(
      "positivessl", With(kValidDv, "Admin Contact - Email", "admin.example"));
  ASSERT_THAT(FieldsOf(violations), ElementsAre("Admin Contact - Email"));
  EXPECT_EQ(violations[0].description,
            "\"Admin Contact - Email\": \"admin.example\" is not a "
            "well-formed email address");

  violations = Validate("positivessl", With(kValidDv, "Approver Email",
                                            "admin@example.com, webmaster@"));
  ASSERT_THAT(FieldsOf(violations), ElementsAre("Approver Email"));
  EXPECT_THAT(violations[0].description,
              HasSubstr("contains \"webmaster@\", which is not a "
                        "well-formed email address"));
  EXPECT_THAT(
      Validate("positivessl", With(kValidDv, "Approver Email",
                                   "admin@example.com, admin@www.example.com")),
      IsEmpty());
}

TEST_F(ParameterValidationTest, BooleansAndIntegers) {
  std::vector<FieldViolation> violations = Validate(
      "positivessl",
      With(With(kValidDv, "Is CU Order?", "yes"), "Server Count", "0"));
  ASSERT_THAT(FieldsOf(violations),
              ElementsAre("Server Count", "Is CU Order?"));
  EXPECT_EQ(violations[0].description,
            "\"Server Count\": 0 is less than the minimum 1");
  EXPECT_EQ(violations[1].description,
            "\"Is CU Order?\": \"yes\" is not true or false");
  EXPECT_THAT(
      FieldsOf(Validate("positivessl", With(kValidDv, "Server Count", "two"))),
      ElementsAre("Server Count"));
}

TEST_F(ParameterValidationTest, ValidityDaysMustMapToAnAllowedMonthValue) {
  std::vector<FieldViolation> violations =
      Validate("digi_rapidssl",
               With(kValidDigiCertDv, "Validity Period (In Days)", "400"));
  ASSERT_THAT(FieldsOf(violations), ElementsAre("Validity Period (In Days)"));
  EXPECT_EQ(violations[0].description,
            "\"Validity Period (In Days)\": 400 days is 13 months; "
            "digi_rapidssl allows 3, 12, 24, 36, 48, 60, 72 months");

  // 90 days = 3 months: sold for DV, not for Sectigo OV.
  EXPECT_THAT(Validate("positivessl",
                       With(kValidDv, "Validity Period (In Days)", "90")),
              IsEmpty());
  Parameters ov = kValidDv;
  for (const char* field : {"Organization Name", "Organization Address",
                            "Organization State/Province",
                            "Organization Postal Code", "Organization Phone"}) {
    ov[field] = "x";
  }
  ov["Organization Country"] = "US";
  EXPECT_THAT(Validate("sectigoovssl", ov), IsEmpty());
  violations =
      Validate("sectigoovssl", With(ov, "Validity Period (In Days)", "90"));
  ASSERT_THAT(FieldsOf(violations), ElementsAre("Validity Period (In Days)"));
  EXPECT_EQ(violations[0].description,
            "\"Validity Period (In Days)\": 90 days is 3 months; sectigoovssl "
            "allows 12, 24, 36, 48, 60 months");
  // 180 days = 6 months: only comodossl among the OV products.
  EXPECT_THAT(
      Validate("comodossl", With(ov, "Validity Period (In Days)", "180")),
      IsEmpty());
  EXPECT_THAT(FieldsOf(Validate("sectigoovssl",
                                With(ov, "Validity Period (In Days)", "180"))),
              ElementsAre("Validity Period (In Days)"));
  // 1095 days = 36 months.
  EXPECT_THAT(
      Validate("sectigoovssl", With(ov, "Validity Period (In Days)", "1095")),
      IsEmpty());
}

TEST_F(ParameterValidationTest, ValidityDaysMustBeAPositiveWholeNumber) {
  for (const char* days : {"abc", "-5", "0", "365.5", "99999999999999999999"}) {
    std::vector<FieldViolation> violations = Validate(
        "positivessl", With(kValidDv, "Validity Period (In Days)", days));
    ASSERT_THAT(FieldsOf(violations), ElementsAre("Validity Period (In Days)"))
        << days;
    EXPECT_THAT(violations[0].description,
                HasSubstr("\"Validity Period (In Days)\": "))
        << days;
  }
}

TEST_F(ParameterValidationTest, EoProductsNeedOnlyValidityAndOrganizationId) {
  const Parameters eo = {{"Validity Period (In Days)", "365"},
                         {"Organization ID", "123456"}};
  EXPECT_THAT(Validate("digi_securesite_flex-EO", eo), IsEmpty());
  EXPECT_THAT(
      Validate("digi_sslwebserver_ev_flex-EO", With(eo, "Organization ID",
                                                    "Example Inc (123456) "
                                                    "Austin-US")),
      IsEmpty());
  std::vector<FieldViolation> violations =
      Validate("digi_securesite_flex-EO", {});
  EXPECT_THAT(FieldsOf(violations),
              ElementsAre("Validity Period (In Days)", "Organization ID"));
  violations = Validate("digi_securesite_flex-EO",
                        With(eo, "Organization ID", "Example Inc"));
  ASSERT_THAT(FieldsOf(violations), ElementsAre("Organization ID"));
  EXPECT_THAT(violations[0].description,
              HasSubstr("is not a DigiCert organization ID"));
}

TEST_F(ParameterValidationTest, EveryViolationAtOnce) {
  Parameters bad = kValidDigiCertOvFlex;
  bad.erase("Admin Contact - First Name");
  bad.erase("Organization City");
  bad["Admin Contact - Email"] = "not-an-email";
  bad["Organization Country"] = "USA";
  bad["Validity Period (In Days)"] = "400";
  bad["Web Server Type"] = "nginx-custom";
  bad["Is Trial Order?"] = "maybe";
  bad["Technical Contact - Email"] = "tech@";
  std::vector<FieldViolation> violations =
      Validate("digi_securesite_ev_flex", bad);
  EXPECT_THAT(
      FieldsOf(violations),
      ::testing::UnorderedElementsAre(
          "Admin Contact - First Name", "Admin Contact - Email",
          "Admin Contact - Title", "Validity Period (In Days)",
          "Organization City", "Organization Country", "Web Server Type",
          "Is Trial Order?", "Technical Contact - Email"));
  for (const FieldViolation& violation : violations) {
    EXPECT_THAT(violation.description,
                ::testing::StartsWith("\"" + violation.field + "\""));
  }
}

TEST_F(ParameterValidationTest, NormalizedParametersApplyDefaults) {
  const Product* product = catalog_->FindProduct("positivessl");
  ASSERT_NE(product, nullptr);
  std::map<std::string, std::string> values = catalog_->NormalizedParameters(
      *product, With(With(kValidDv, "web server type", "IIS"),
                     "CName Auth Domain Validation", "True"));
  EXPECT_EQ(values["Web Server Type"], "iis");
  EXPECT_EQ(values["CName Auth Domain Validation"], "true");
  EXPECT_EQ(values["Server Count"], "1");
  EXPECT_EQ(values["Signature Hash Algorithm"], "PREFER_SHA2");
  EXPECT_EQ(values["File Auth Domain Validation"], "false");
  EXPECT_EQ(values["Is Renewal Order?"], "false");
  EXPECT_EQ(values["Validity Period (In Days)"], "365");
  EXPECT_EQ(values["Approver Email"], "admin@example.com");
  EXPECT_EQ(values.count("Admin Contact - First Name"), 0u);
  EXPECT_EQ(values.count("Organization ID"), 0u);

  const Product* eo = catalog_->FindProduct("digi_ssl_basic-EO");
  ASSERT_NE(eo, nullptr);
  values = catalog_->NormalizedParameters(
      *eo, {{"Organization ID", "Acme (4321) Oslo-NO"},
            {"Validity Period (In Days)", "365"}});
  EXPECT_EQ(values["Organization ID"], "4321");
}

}  // namespace
}  // namespace sslstore::catalog
