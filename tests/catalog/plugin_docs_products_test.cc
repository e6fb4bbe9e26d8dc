// Conformance of the checked-in catalog with the plugin documentation:
// every product of the plugin documentation's tables with its description,
// vendor and validation type; the required fields of each seed enrollment
// category; -EO products.
#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "catalog/catalog.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/catalog/temp_catalog_copy.h"

namespace sslstore::catalog {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAreArray;

struct SeedProduct {
  const char* code;
  const char* name;
  const char* validation_type;
};

// The plugin documentation's "DigiCert Products" table, verbatim.
constexpr SeedProduct kSeedDigiCert[] = {
    {"digi_securesite_flex", "DigiCert Secure Site", "OV"},
    {"digi_securesite_flex-EO", "DigiCert Secure Site (Enterprise Org)", "OV"},
    {"digi_securesite_ev_flex", "DigiCert Secure Site EV", "EV"},
    {"digi_securesite_ev_flex-EO", "DigiCert Secure Site EV (Enterprise Org)",
     "EV"},
    {"digi_securesite_pro_flex", "DigiCert Secure Site Pro", "OV"},
    {"digi_securesite_pro_flex-EO", "DigiCert Secure Site Pro (Enterprise Org)",
     "OV"},
    {"digi_securesite_pro_ev_flex", "DigiCert Secure Site Pro EV", "EV"},
    {"digi_securesite_pro_ev_flex-EO",
     "DigiCert Secure Site Pro EV (Enterprise Org)", "EV"},
    {"digi_sslwebserver_flex", "DigiCert SSL Web Server", "OV"},
    {"digi_sslwebserver_flex-EO", "DigiCert SSL Web Server (Enterprise Org)",
     "OV"},
    {"digi_sslwebserver_ev_flex", "DigiCert SSL Web Server EV", "EV"},
    {"digi_sslwebserver_ev_flex-EO",
     "DigiCert SSL Web Server EV (Enterprise Org)", "EV"},
    {"digi_truebizid_flex", "DigiCert TrueBizID", "OV"},
    {"digi_truebizid_flex-EO", "DigiCert TrueBizID (Enterprise Org)", "OV"},
    {"digi_truebizid_ev_flex", "DigiCert TrueBizID EV", "EV"},
    {"digi_truebizid_ev_flex-EO", "DigiCert TrueBizID EV (Enterprise Org)",
     "EV"},
    {"digi_ssl_basic", "DigiCert Basic SSL", "OV"},
    {"digi_ssl_basic-EO", "DigiCert Basic SSL (Enterprise Org)", "OV"},
    {"digi_ssl_ev_basic", "DigiCert Basic SSL EV", "EV"},
    {"digi_ssl_ev_basic-EO", "DigiCert Basic SSL EV (Enterprise Org)", "EV"},
    {"digi_rapidssl", "RapidSSL", "DV"},
    {"digi_rapidssl_wc", "RapidSSL Wildcard", "DV"},
    {"digi_ssl_dv_geotrust_flex", "GeoTrust DV SSL", "DV"},
    {"digi_ssl123_flex", "GeoTrust SSL123", "DV"},
    {"digi_quickssl_md", "DigiCert QuickSSL Multi-Domain", "DV"},
    {"digi_client_premium", "DigiCert Client Premium", "Client"},
    {"digi_csc", "DigiCert Code Signing", "Code Signing"},
    {"digi_csc_ev", "DigiCert EV Code Signing", "EV Code Signing"},
    {"digi_doc_signing_ind_500", "DigiCert Document Signing Individual 500",
     "Document Signing"},
    {"digi_doc_signing_ind_2000", "DigiCert Document Signing Individual 2000",
     "Document Signing"},
    {"digi_doc_signing_org_2000", "DigiCert Document Signing Organization 2000",
     "Document Signing"},
    {"digi_doc_signing_org_5000", "DigiCert Document Signing Organization 5000",
     "Document Signing"},
};

// The plugin documentation's "Sectigo/Comodo Products" table, verbatim.
constexpr SeedProduct kSeedSectigo[] = {
    {"positivessl", "Positive SSL", "DV"},
    {"positivesslwildcard", "Positive SSL Wildcard", "DV"},
    {"positivemdcssl", "Positive SSL Multi-Domain", "DV"},
    {"positivemdcwildcard", "Positive SSL MDC Wildcard", "DV"},
    {"positiveevssl", "Positive EV SSL", "EV"},
    {"positiveevmdc", "Positive EV Multi-Domain", "EV"},
    {"sectigossl", "Sectigo SSL", "DV"},
    {"sectigowildcard", "Sectigo Wildcard", "DV"},
    {"sectigoovssl", "Sectigo OV SSL", "OV"},
    {"sectigoovwildcard", "Sectigo OV Wildcard", "OV"},
    {"sectigoevssl", "Sectigo EV SSL", "EV"},
    {"sectigodvucc", "Sectigo DV UCC", "DV"},
    {"sectigouccwildcard", "Sectigo UCC Wildcard", "DV"},
    {"sectigomdc", "Sectigo Multi-Domain", "OV"},
    {"sectigomdcwildcard", "Sectigo MDC Wildcard", "OV"},
    {"sectigoevmdc", "Sectigo EV Multi-Domain", "EV"},
    {"comodopremiumssl", "Comodo Premium SSL", "OV"},
    {"comodopremiumwildcard", "Comodo Premium Wildcard", "OV"},
    {"comodossl", "Comodo SSL", "OV"},
    {"comodoevssl", "Comodo EV SSL", "EV"},
    {"comodomdc", "Comodo Multi-Domain", "OV"},
    {"comodomdcwildcard", "Comodo MDC Wildcard", "OV"},
    {"comodoevmdc", "Comodo EV Multi-Domain", "EV"},
    {"comodoucc", "Comodo UCC", "OV"},
    {"comodouccwildcard", "Comodo UCC Wildcard", "OV"},
    {"comodowildcard", "Comodo Wildcard", "OV"},
    {"comodocsc", "Comodo Code Signing", "Code Signing"},
    {"comodoevcsc", "Comodo EV Code Signing", "EV Code Signing"},
    {"comododvucc", "Comodo DV UCC", "DV"},
    {"comodopciscan", "Comodo PCI Scan", "Scanning"},
    {"instantssl", "InstantSSL", "OV"},
    {"instantsslpro", "InstantSSL Pro", "OV"},
    {"enterprisepro", "Enterprise Pro SSL", "OV"},
    {"enterpriseprowc", "Enterprise Pro Wildcard", "OV"},
    {"enterpriseproev", "Enterprise Pro EV", "EV"},
    {"enterpriseproevmdc", "Enterprise Pro EV Multi-Domain", "EV"},
    {"enterprisessl", "Enterprise SSL", "OV"},
    {"essentialssl", "Essential SSL", "DV"},
    {"essentialwildcard", "Essential Wildcard", "DV"},
    {"elitessl", "Elite SSL", "OV"},
};

// The plugin documentation's enrollment tables: the required fields of each
// category.
const std::vector<std::string> kDvRequired = {
    "Admin Contact - Email", "Approver Email", "Validity Period (In Days)"};
// DigiCert RapidSSL, GeoTrust DV and SSL123: what the existing plugin sends.
const std::vector<std::string> kDigiCertDvRequired = {
    "Technical Contact - Email", "Approver Email", "Validity Period (In Days)"};
const std::set<std::string> kDigiCertDvCodes = {
    "digi_rapidssl", "digi_rapidssl_wc", "digi_ssl_dv_geotrust_flex",
    "digi_ssl123_flex"};
const std::vector<std::string> kOvRequired = {
    "Admin Contact - Email",     "Approver Email",
    "Validity Period (In Days)", "Organization Name",
    "Organization Address",      "Organization State/Province",
    "Organization Postal Code",  "Organization Country",
    "Organization Phone"};
const std::vector<std::string> kDigiCertOvFlexRequired = {
    "Admin Contact - First Name",
    "Admin Contact - Last Name",
    "Admin Contact - Phone",
    "Admin Contact - Email",
    "Approver Email",
    "Validity Period (In Days)",
    "Organization Name",
    "Organization Address",
    "Organization City",
    "Organization State/Province",
    "Organization Postal Code",
    "Organization Country",
    "Organization Phone"};
const std::vector<std::string> kEoRequired = {"Validity Period (In Days)",
                                              "Organization ID"};

std::vector<std::string> Plus(std::vector<std::string> base,
                              const std::string& extra) {
  base.push_back(extra);
  return base;
}

// The plugin documentation's category of each product with an enrollment table.
const std::set<std::string> kDigiCertOvFlex = {
    "digi_securesite_flex", "digi_securesite_pro_flex",
    "digi_sslwebserver_flex", "digi_truebizid_flex", "digi_ssl_basic"};
const std::set<std::string> kDigiCertEvFlex = {
    "digi_securesite_ev_flex", "digi_securesite_pro_ev_flex",
    "digi_sslwebserver_ev_flex", "digi_truebizid_ev_flex", "digi_ssl_ev_basic"};

std::vector<std::string> RequiredFields(const Product& product) {
  std::vector<std::string> names;
  for (const FieldRequirement& requirement : product.fields) {
    if (requirement.required) names.push_back(requirement.field->name);
  }
  return names;
}

std::vector<std::string> AllFields(const Product& product) {
  std::vector<std::string> names;
  for (const FieldRequirement& requirement : product.fields) {
    names.push_back(requirement.field->name);
  }
  return names;
}

class SeedProductsTest : public ::testing::Test {
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

  static const Product& Get(const std::string& code) {
    const Product* product = catalog_->FindProduct(code);
    EXPECT_NE(product, nullptr) << code;
    static const Product kEmpty;
    return product == nullptr ? kEmpty : *product;
  }

  static const Catalog* catalog_;
};

const Catalog* SeedProductsTest::catalog_ = nullptr;

TEST_F(SeedProductsTest, SeedTablesHave72Codes) {
  EXPECT_EQ(std::size(kSeedDigiCert), 32u);
  EXPECT_EQ(std::size(kSeedSectigo), 40u);
}

TEST_F(SeedProductsTest, EveryDigiCertSeedProductIsPresentAsInTheSeed) {
  for (const SeedProduct& seed : kSeedDigiCert) {
    SCOPED_TRACE(seed.code);
    const Product& product = Get(seed.code);
    EXPECT_EQ(product.code, seed.code);
    EXPECT_EQ(product.name, seed.name);
    EXPECT_EQ(product.validation_type, seed.validation_type);
    EXPECT_EQ(product.vendor, "DigiCert");
    EXPECT_TRUE(product.in_plugin_docs);
  }
}

TEST_F(SeedProductsTest, EverySectigoSeedProductIsPresentAsInTheSeed) {
  for (const SeedProduct& seed : kSeedSectigo) {
    SCOPED_TRACE(seed.code);
    const Product& product = Get(seed.code);
    EXPECT_EQ(product.code, seed.code);
    EXPECT_EQ(product.name, seed.name);
    EXPECT_EQ(product.validation_type, seed.validation_type);
    EXPECT_EQ(product.vendor, "Sectigo");
    EXPECT_TRUE(product.in_plugin_docs);
  }
}

TEST_F(SeedProductsTest, AtLeast80ProductsAndExtrasAreMarkedNotInSeed) {
  EXPECT_GE(catalog_->ProductCount(), 80u);
  std::set<std::string> seed_codes;
  for (const SeedProduct& seed : kSeedDigiCert) seed_codes.insert(seed.code);
  for (const SeedProduct& seed : kSeedSectigo) seed_codes.insert(seed.code);
  for (const Product* product : catalog_->ListProducts("", "")) {
    SCOPED_TRACE(product->code);
    EXPECT_EQ(product->in_plugin_docs, seed_codes.count(product->code) > 0);
    if (!product->in_plugin_docs) {
      EXPECT_THAT(product->source_note,
                  HasSubstr("not in the plugin documentation"));
      EXPECT_GT(product->source_note.size(),
                std::string("not in the plugin documentation: ").size());
    } else {
      EXPECT_THAT(product->source_note, HasSubstr("plugin documentation: "));
    }
  }
  // The legacy codes of reference 10.5.
  for (const char* code :
       {"rapidssl", "quicksslpremium", "truebizid", "truebusinessidev",
        "ssl123", "sslwebserver", "securesite"}) {
    ASSERT_NE(catalog_->FindProduct(code), nullptr) << code;
    EXPECT_FALSE(catalog_->FindProduct(code)->in_plugin_docs) << code;
  }
}

TEST_F(SeedProductsTest, DvProductsRequireExactlyTheirDvFields) {
  int checked = 0;
  for (const auto& table : {std::vector<SeedProduct>(std::begin(kSeedDigiCert),
                                                     std::end(kSeedDigiCert)),
                            std::vector<SeedProduct>(std::begin(kSeedSectigo),
                                                     std::end(kSeedSectigo))}) {
    for (const SeedProduct& seed : table) {
      if (std::string(seed.validation_type) != "DV") continue;
      SCOPED_TRACE(seed.code);
      const bool digicert_dv = kDigiCertDvCodes.count(seed.code) > 0;
      EXPECT_EQ(Get(seed.code).field_set_id,
                digicert_dv ? "digicert_dv" : "dv");
      EXPECT_THAT(RequiredFields(Get(seed.code)),
                  UnorderedElementsAreArray(digicert_dv ? kDigiCertDvRequired
                                                        : kDvRequired));
      ++checked;
    }
  }
  EXPECT_EQ(checked, 16);
}

TEST_F(SeedProductsTest, DigiCertDvProductsNeedNoAdminContact) {
  for (const std::string& code : kDigiCertDvCodes) {
    SCOPED_TRACE(code);
    const Product& product = Get(code);
    EXPECT_EQ(product.vendor, "DigiCert");
    EXPECT_EQ(product.validation_type, "DV");
    for (const std::string& name : RequiredFields(product)) {
      EXPECT_FALSE(absl::StartsWith(name, "Admin Contact")) << name;
    }
    // Still accepted when given.
    const FieldRequirement* admin =
        FindFieldRequirement(product, "Admin Contact - Email");
    ASSERT_NE(admin, nullptr);
    EXPECT_FALSE(admin->required);
  }
  // Other DigiCert DV products keep the plugin documentation's DV table.
  EXPECT_EQ(Get("digi_quickssl_md").field_set_id, "dv");
}

TEST_F(SeedProductsTest, NoProductAcceptsIpSans) {
  // Neither the plugin documentation nor the WBAPI reference names a product
  // that takes IP addresses, and /order/neworder has no member for them.
  std::vector<const Product*> all = catalog_->ListProducts("", "");
  ASSERT_FALSE(all.empty());
  for (const Product* product : all) {
    EXPECT_FALSE(product->accepts_ip_sans) << product->code;
  }
}

TEST_F(SeedProductsTest, SectigoOvProductsRequireExactlyTheSeedOvFields) {
  int checked = 0;
  for (const SeedProduct& seed : kSeedSectigo) {
    if (std::string(seed.validation_type) != "OV") continue;
    SCOPED_TRACE(seed.code);
    EXPECT_EQ(Get(seed.code).field_set_id, "ov");
    EXPECT_THAT(RequiredFields(Get(seed.code)),
                UnorderedElementsAreArray(kOvRequired));
    ++checked;
  }
  EXPECT_EQ(checked, 18);
}

TEST_F(SeedProductsTest, SectigoEvProductsRequireOvFieldsPlusJurisdiction) {
  int checked = 0;
  for (const SeedProduct& seed : kSeedSectigo) {
    if (std::string(seed.validation_type) != "EV") continue;
    SCOPED_TRACE(seed.code);
    EXPECT_EQ(Get(seed.code).field_set_id, "ev_jurisdiction");
    EXPECT_THAT(RequiredFields(Get(seed.code)),
                UnorderedElementsAreArray(
                    Plus(kOvRequired, "Organization Jurisdiction Country")));
    ++checked;
  }
  EXPECT_EQ(checked, 8);
}

TEST_F(SeedProductsTest, DigiCertOvFlexProductsRequireTheSeedFields) {
  for (const std::string& code : kDigiCertOvFlex) {
    SCOPED_TRACE(code);
    EXPECT_EQ(Get(code).field_set_id, "digicert_ov_flex");
    EXPECT_THAT(RequiredFields(Get(code)),
                UnorderedElementsAreArray(kDigiCertOvFlexRequired));
  }
}

TEST_F(SeedProductsTest, DigiCertEvFlexProductsRequireOvFlexPlusTitle) {
  for (const std::string& code : kDigiCertEvFlex) {
    SCOPED_TRACE(code);
    EXPECT_EQ(Get(code).field_set_id, "digicert_ev_flex");
    EXPECT_THAT(RequiredFields(Get(code)),
                UnorderedElementsAreArray(
                    Plus(kDigiCertOvFlexRequired, "Admin Contact - Title")));
  }
}

TEST_F(SeedProductsTest, EoProductsRequireOnlyValidityAndOrganizationId) {
  int checked = 0;
  for (const SeedProduct& seed : kSeedDigiCert) {
    const std::string code = seed.code;
    if (!absl::EndsWith(code, "-EO")) continue;
    SCOPED_TRACE(code);
    const Product& product = Get(code);
    EXPECT_THAT(RequiredFields(product),
                UnorderedElementsAreArray(kEoRequired));
    EXPECT_TRUE(product.enterprise_organization);
    EXPECT_EQ(product.api_code, code.substr(0, code.size() - 3));
    // The ordered code is itself a product of the catalog.
    EXPECT_NE(catalog_->FindProduct(product.api_code), nullptr);
    ++checked;
  }
  EXPECT_EQ(checked, 10);
}

TEST_F(SeedProductsTest, NonEoProductsOrderTheirOwnCode) {
  for (const Product* product : catalog_->ListProducts("", "")) {
    if (product->enterprise_organization) continue;
    EXPECT_EQ(product->api_code, product->code);
  }
}

TEST_F(SeedProductsTest, ApproverEmailIsWaivedByCnameOrFileValidation) {
  for (const char* code : {"positivessl", "sectigoovssl", "positiveevssl",
                           "digi_securesite_flex", "digi_ssl_ev_basic"}) {
    SCOPED_TRACE(code);
    const FieldRequirement* approver =
        FindFieldRequirement(Get(code), "Approver Email");
    ASSERT_NE(approver, nullptr);
    EXPECT_TRUE(approver->required);
    EXPECT_THAT(
        approver->required_unless_true,
        UnorderedElementsAreArray(std::vector<std::string>{
            "CName Auth Domain Validation", "File Auth Domain Validation"}));
  }
}

TEST_F(SeedProductsTest, SslProductsOfferTheSeedOptionalFieldsWithDefaults) {
  const Product& product = Get("positivessl");
  const std::vector<std::string> names = AllFields(product);
  for (const char* name :
       {"Server Count", "Web Server Type", "Signature Hash Algorithm",
        "File Auth Domain Validation", "CName Auth Domain Validation",
        "Is CU Order?", "Is Renewal Order?", "Is Trial Order?",
        "Admin Contact - First Name", "Technical Contact - Email",
        "Technical Contact - Country"}) {
    const FieldRequirement* requirement = FindFieldRequirement(product, name);
    ASSERT_NE(requirement, nullptr) << name;
    EXPECT_FALSE(requirement->required) << name;
  }
  EXPECT_EQ(FindFieldRequirement(product, "Server Count")->field->default_value,
            "1");
  EXPECT_EQ(
      FindFieldRequirement(product, "Web Server Type")->field->default_value,
      "Other");
  EXPECT_EQ(FindFieldRequirement(product, "Signature Hash Algorithm")
                ->field->default_value,
            "PREFER_SHA2");
  EXPECT_EQ(
      FindFieldRequirement(product, "Is Trial Order?")->field->default_value,
      "false");
  // Required fields come first.
  EXPECT_THAT(std::vector<std::string>(names.begin(), names.begin() + 3),
              UnorderedElementsAreArray(kDvRequired));
}

TEST_F(SeedProductsTest, FieldsCarryTypesOptionsAndWbapiTargets) {
  const FieldSpec* country = catalog_->FindField("Organization Country");
  ASSERT_NE(country, nullptr);
  EXPECT_EQ(country->type, FieldType::kCountry);
  EXPECT_EQ(country->options.size(), 249u);
  EXPECT_EQ(country->wbapi_target,
            "OrganizationInfo.OrganizationAddress.Country");
  const FieldSpec* web = catalog_->FindField("web server type");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->type, FieldType::kEnum);
  EXPECT_EQ(web->options.size(), 42u);
  const FieldSpec* hash = catalog_->FindField("Signature Hash Algorithm");
  ASSERT_NE(hash, nullptr);
  EXPECT_THAT(hash->options,
              ::testing::IsSupersetOf({"PREFER_SHA2", "REQUIRE_SHA2",
                                       "PREFER_SHA1", "SHA2-256", "SHA1"}));
  struct Expected {
    const char* name;
    FieldType type;
    const char* target;
  };
  for (const Expected& expected : std::vector<Expected>{
           {"Admin Contact - Email", FieldType::kEmail, "AdminContact.Email"},
           {"Approver Email", FieldType::kEmailList, "ApproverEmail"},
           {"Validity Period (In Days)", FieldType::kValidityDays,
            "ValidityPeriod"},
           {"Organization ID", FieldType::kOrganizationId, "TSSOrganizationId"},
           {"Organization Jurisdiction Country", FieldType::kCountry,
            "OrganizationInfo.JurisdictionCountry"},
           {"Server Count", FieldType::kInteger, "ServerCount"},
           {"Web Server Type", FieldType::kEnum, "WebServerType"},
           {"Signature Hash Algorithm", FieldType::kEnum,
            "SignatureHashAlgorithm"},
           {"File Auth Domain Validation", FieldType::kBoolean,
            "FileAuthDVIndicator"},
           {"CName Auth Domain Validation", FieldType::kBoolean,
            "CNAMEAuthDVIndicator"},
           {"Is CU Order?", FieldType::kBoolean, "isCUOrder"},
           {"Is Renewal Order?", FieldType::kBoolean, "isRenewalOrder"},
           {"Is Trial Order?", FieldType::kBoolean, "isTrialOrder"},
           {"Technical Contact - Country", FieldType::kCountry,
            "TechnicalContact.Country"},
       }) {
    const FieldSpec* field = catalog_->FindField(expected.name);
    ASSERT_NE(field, nullptr) << expected.name;
    EXPECT_EQ(field->type, expected.type) << expected.name;
    EXPECT_EQ(field->wbapi_target, expected.target) << expected.name;
  }
}

TEST_F(SeedProductsTest, ValidityMonthsFollowVendorAndValidation) {
  EXPECT_THAT(Get("positivessl").validity_months,
              ElementsAre(3, 12, 24, 36, 48, 60));
  EXPECT_THAT(Get("sectigoovssl").validity_months,
              ElementsAre(12, 24, 36, 48, 60));
  EXPECT_THAT(Get("comodossl").validity_months,
              ElementsAre(6, 12, 24, 36, 48, 60));
  EXPECT_THAT(Get("digi_rapidssl").validity_months,
              ElementsAre(3, 12, 24, 36, 48, 60, 72));
  EXPECT_THAT(Get("digi_securesite_flex").validity_months,
              ElementsAre(12, 24, 36, 48, 60, 72));
  EXPECT_THAT(Get("digi_quickssl_md").validity_months,
              ElementsAre(3, 6, 12, 24, 36, 48, 60, 72));
  for (const Product* product : catalog_->ListProducts("", "")) {
    EXPECT_FALSE(product->validity_reason.empty()) << product->code;
    EXPECT_TRUE(std::is_sorted(product->validity_months.begin(),
                               product->validity_months.end()));
  }
}

TEST_F(SeedProductsTest, WildcardAndMultiDomainFlags) {
  EXPECT_FALSE(Get("positivessl").wildcard);
  EXPECT_FALSE(Get("positivessl").multi_domain);
  EXPECT_TRUE(Get("positivesslwildcard").wildcard);
  EXPECT_TRUE(Get("positivemdcssl").multi_domain);
  EXPECT_FALSE(Get("positivemdcssl").wildcard);
  EXPECT_TRUE(Get("positivemdcwildcard").wildcard);
  EXPECT_TRUE(Get("positivemdcwildcard").multi_domain);
  EXPECT_TRUE(Get("enterpriseprowc").wildcard);
  EXPECT_TRUE(Get("digi_rapidssl_wc").wildcard);
  EXPECT_FALSE(Get("digi_rapidssl").wildcard);
  EXPECT_TRUE(Get("digi_quickssl_md").multi_domain);
  EXPECT_TRUE(Get("sectigodvucc").multi_domain);
  // EV never allows wildcards.
  for (const Product* product : catalog_->ListProducts("", "EV")) {
    EXPECT_FALSE(product->wildcard) << product->code;
  }
  // -EO products keep the flags of the product they order.
  for (const Product* product : catalog_->ListProducts("DigiCert", "")) {
    if (!product->enterprise_organization) continue;
    const Product& base = Get(product->api_code);
    EXPECT_EQ(product->wildcard, base.wildcard) << product->code;
    EXPECT_EQ(product->multi_domain, base.multi_domain) << product->code;
  }
  for (const Product* product : catalog_->ListProducts("", "")) {
    if (product->max_sans.has_value()) {
      EXPECT_TRUE(product->multi_domain) << product->code;
    }
  }
}

TEST_F(SeedProductsTest, ListProductsFiltersIgnoringCaseAndSortsByCode) {
  std::vector<const Product*> digicert = catalog_->ListProducts("digicert", "");
  std::vector<const Product*> sectigo = catalog_->ListProducts("SECTIGO", "");
  EXPECT_EQ(digicert.size() + sectigo.size(), catalog_->ProductCount());
  EXPECT_GE(digicert.size(), 32u);
  EXPECT_GE(sectigo.size(), 40u);
  for (const Product* product : digicert)
    EXPECT_EQ(product->vendor, "DigiCert");
  std::vector<const Product*> sectigo_dv =
      catalog_->ListProducts("Sectigo", "dv");
  std::vector<std::string> codes;
  for (const Product* product : sectigo_dv) {
    EXPECT_EQ(product->validation_type, "DV");
    EXPECT_EQ(product->vendor, "Sectigo");
    codes.push_back(product->code);
  }
  EXPECT_THAT(
      codes,
      ElementsAreArray({"comododvucc", "essentialssl", "essentialwildcard",
                        "positivemdcssl", "positivemdcwildcard", "positivessl",
                        "positivesslwildcard", "sectigodvucc", "sectigossl",
                        "sectigouccwildcard", "sectigowildcard"}));
  std::vector<const Product*> all = catalog_->ListProducts("", "");
  EXPECT_TRUE(std::is_sorted(
      all.begin(), all.end(),
      [](const Product* a, const Product* b) { return a->code < b->code; }));
  EXPECT_TRUE(catalog_->ListProducts("Comodo", "").empty());
  EXPECT_EQ(catalog_->ListProducts("", "Code Signing").size(), 4u);
}

TEST_F(SeedProductsTest, FindProductIsExact) {
  EXPECT_NE(catalog_->FindProduct("positivessl"), nullptr);
  EXPECT_EQ(catalog_->FindProduct("PositiveSSL"), nullptr);
  EXPECT_EQ(catalog_->FindProduct("positivessl "), nullptr);
  EXPECT_EQ(catalog_->FindProduct(""), nullptr);
  EXPECT_EQ(catalog_->FindProduct("digi_securesite_flex-eo"), nullptr);
}

TEST(DefaultCatalogDirTest, PointsAtTheSourceDataUnlessOverridden) {
  unsetenv("SSLSTORE_CATALOG_DIR");
  EXPECT_EQ(DefaultCatalogDir(), testing::SourceCatalogDir());
  setenv("SSLSTORE_CATALOG_DIR", "/elsewhere", 1);
  EXPECT_EQ(DefaultCatalogDir(), "/elsewhere");
  unsetenv("SSLSTORE_CATALOG_DIR");
}

}  // namespace
}  // namespace sslstore::catalog
