// Each test copies the checked-in data, puts exactly one defect into the copy
// and expects the loader to refuse it with a message naming the file, the
// entry and the problem.
#include <filesystem>
#include <string>
#include <system_error>

#include "absl/status/status.h"
#include "catalog/catalog.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/catalog/temp_catalog_copy.h"

namespace sslstore::catalog {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using testing::TempCatalogCopy;

class MalformedDataTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE(copy_.dir().empty()); }

  // Loads the copy and returns the error message; fails the test if the
  // copy loads or fails with another code.
  std::string LoadError(
      absl::StatusCode expected = absl::StatusCode::kInvalidArgument) {
    absl::StatusOr<std::unique_ptr<Catalog>> catalog =
        Catalog::LoadFromDirectory(copy_.dir());
    EXPECT_FALSE(catalog.ok()) << "the defective copy loaded";
    if (catalog.ok()) return "";
    EXPECT_EQ(catalog.status().code(), expected) << catalog.status();
    return std::string(catalog.status().message());
  }

  TempCatalogCopy copy_;
};

TEST_F(MalformedDataTest, PristineCopyLoads) {
  absl::StatusOr<std::unique_ptr<Catalog>> catalog =
      Catalog::LoadFromDirectory(copy_.dir());
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  EXPECT_GE((*catalog)->ProductCount(), 80u);
}

TEST_F(MalformedDataTest, BadJsonNamesFileLineAndColumn) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_sectigo.json",
                                "\"code\": \"positivessl\",",
                                "\"code\": \"positivessl\",,")
                  .ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("products_sectigo.json"),
                    HasSubstr("malformed JSON at line 6, column")));
}

TEST_F(MalformedDataTest, TruncatedFile) {
  ASSERT_TRUE(
      copy_.Write("fields.json", "{\"kind\": \"fields\", \"fields\": [").ok());
  EXPECT_THAT(LoadError(), AllOf(HasSubstr("fields.json"),
                                 HasSubstr("malformed JSON at line 1")));
}

TEST_F(MalformedDataTest, InvalidUtf8) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_sectigo.json", "Positive SSL\"",
                                "Positive \xff SSL\"")
                  .ok());
  EXPECT_THAT(LoadError(), AllOf(HasSubstr("products_sectigo.json"),
                                 HasSubstr("malformed JSON")));
}

TEST_F(MalformedDataTest, DeeplyNestedJsonDoesNotCrash) {
  ASSERT_TRUE(copy_.Write("deep.json", std::string(200000, '[') + "]").ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("deep.json"), HasSubstr("malformed JSON")));
}

TEST_F(MalformedDataTest, TopLevelNotAnObject) {
  ASSERT_TRUE(copy_.Write("validity_profiles.json", "[1, 2]").ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("validity_profiles.json"), HasSubstr("top level"),
                    HasSubstr("expected an object")));
}

TEST_F(MalformedDataTest, UnknownKind) {
  ASSERT_TRUE(copy_.Write("extra.json", "{\"kind\": \"prodcts\"}").ok());
  EXPECT_THAT(LoadError(), AllOf(HasSubstr("extra.json"),
                                 HasSubstr("unknown kind \"prodcts\"")));
}

TEST_F(MalformedDataTest, MissingKindOfFile) {
  ASSERT_TRUE(copy_.Remove("connection_fields.json").ok());
  EXPECT_THAT(LoadError(), HasSubstr("no file of kind \"connection_fields\""));
}

TEST_F(MalformedDataTest, DuplicateProductCode) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_sectigo.json",
                                "\"code\": \"sectigossl\"",
                                "\"code\": \"positivessl\"")
                  .ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("products_sectigo.json"),
                    HasSubstr("products[6] (code \"positivessl\")"),
                    HasSubstr("duplicate product code \"positivessl\"")));
}

TEST_F(MalformedDataTest, DuplicateProductCodeAcrossFiles) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_sectigo.json",
                                "\"code\": \"positivessl\"",
                                "\"code\": \"RapidSSL\"")
                  .ok());
  EXPECT_THAT(LoadError(), AllOf(HasSubstr("products_sectigo.json"),
                                 HasSubstr("products[0] (code \"RapidSSL\")"),
                                 HasSubstr("duplicate product code")));
}

TEST_F(MalformedDataTest, UnknownFieldSet) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_sectigo.json",
                                "\"field_set\": \"dv\"",
                                "\"field_set\": \"domain_validated\"")
                  .ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("products_sectigo.json"),
                    HasSubstr("products[0] (code \"positivessl\")"),
                    HasSubstr("unknown field set \"domain_validated\"")));
}

TEST_F(MalformedDataTest, AbstractFieldSetOnAProduct) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_sectigo.json",
                                "\"field_set\": \"dv\"",
                                "\"field_set\": \"contacts\"")
                  .ok());
  EXPECT_THAT(LoadError(), AllOf(HasSubstr("products_sectigo.json"),
                                 HasSubstr("(code \"positivessl\")"),
                                 HasSubstr("is abstract")));
}

TEST_F(MalformedDataTest, DanglingOptionList) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("fields.json",
                                "\"options\": \"web_server_types\"",
                                "\"options\": \"web_server_typos\"")
                  .ok());
  EXPECT_THAT(
      LoadError(),
      AllOf(HasSubstr("fields.json"), HasSubstr("(name \"Web Server Type\")"),
            HasSubstr("dangling option list: \"web_server_typos\"")));
}

TEST_F(MalformedDataTest, EnumWithoutOptionList) {
  ASSERT_TRUE(
      copy_
          .ReplaceFirst("fields.json", "\"options\": \"web_server_types\",", "")
          .ok());
  EXPECT_THAT(LoadError(), AllOf(HasSubstr("fields.json"),
                                 HasSubstr("(name \"Web Server Type\")"),
                                 HasSubstr("needs \"options\"")));
}

TEST_F(MalformedDataTest, UnknownFieldType) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("fields.json", "\"type\": \"email_list\"",
                                "\"type\": \"emails\"")
                  .ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("fields.json"),
                    HasSubstr("fields[0] (name \"Approver Email\")"),
                    HasSubstr("unknown field type \"emails\"")));
}

TEST_F(MalformedDataTest, MissingProductName) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_sectigo.json",
                                "\"name\": \"Positive SSL\",", "")
                  .ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("products_sectigo.json"),
                    HasSubstr("products[0] (code \"positivessl\")"),
                    HasSubstr("missing member \"name\"")));
}

TEST_F(MalformedDataTest, MissingFieldName) {
  ASSERT_TRUE(
      copy_.ReplaceFirst("fields.json", "\"name\": \"Approver Email\",", "")
          .ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("fields.json"), HasSubstr("fields[0]"),
                    HasSubstr("missing member \"name\"")));
}

TEST_F(MalformedDataTest, MisspelledMember) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_sectigo.json", "\"wildcard\": true",
                                "\"wildcrad\": true")
                  .ok());
  EXPECT_THAT(LoadError(), AllOf(HasSubstr("products_sectigo.json"),
                                 HasSubstr("(code \"positivesslwildcard\")"),
                                 HasSubstr("unknown member \"wildcrad\"")));
}

TEST_F(MalformedDataTest, MemberTwice) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_sectigo.json",
                                "\"vendor\": \"Sectigo\",",
                                "\"vendor\": \"Sectigo\", \"vendor\": "
                                "\"DigiCert\",")
                  .ok());
  EXPECT_THAT(LoadError(), AllOf(HasSubstr("products_sectigo.json"),
                                 HasSubstr("products[0]"),
                                 HasSubstr("\"vendor\" appears twice")));
}

TEST_F(MalformedDataTest, WrongMemberType) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_sectigo.json", "\"wildcard\": true",
                                "\"wildcard\": \"yes\"")
                  .ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("(code \"positivesslwildcard\")"),
                    HasSubstr("\"wildcard\" must be true or false, found a "
                              "string")));
}

TEST_F(MalformedDataTest, AcceptsIpSansMustBeABoolean) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_sectigo.json", "\"wildcard\": true",
                                "\"wildcard\": true, \"accepts_ip_sans\": 1")
                  .ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("(code \"positivesslwildcard\")"),
                    HasSubstr("\"accepts_ip_sans\" must be true or false")));
}

TEST_F(MalformedDataTest, AcceptsIpSansIsLoaded) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_sectigo.json", "\"wildcard\": true",
                                "\"wildcard\": true, \"accepts_ip_sans\": true")
                  .ok());
  absl::StatusOr<std::unique_ptr<Catalog>> catalog =
      Catalog::LoadFromDirectory(copy_.dir());
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  EXPECT_TRUE((*catalog)->FindProduct("positivesslwildcard")->accepts_ip_sans);
  EXPECT_FALSE((*catalog)->FindProduct("positivessl")->accepts_ip_sans);
}

TEST_F(MalformedDataTest, UnknownVendorAndValidationType) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_sectigo.json",
                                "\"vendor\": \"Sectigo\"",
                                "\"vendor\": \"Comodo\"")
                  .ok());
  EXPECT_THAT(LoadError(), AllOf(HasSubstr("(code \"positivessl\")"),
                                 HasSubstr("unknown vendor \"Comodo\"")));
}

TEST_F(MalformedDataTest, UnknownValidationType) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_sectigo.json",
                                "\"validation_type\": \"DV\"",
                                "\"validation_type\": \"Domain\"")
                  .ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("(code \"positivessl\")"),
                    HasSubstr("unknown validation type \"Domain\"")));
}

TEST_F(MalformedDataTest, EoApiCodeMustDropTheSuffix) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_digicert.json",
                                "\"api_code\": \"digi_securesite_flex\"",
                                "\"api_code\": \"digi_securesite_flex-EO\"")
                  .ok());
  EXPECT_THAT(
      LoadError(),
      AllOf(HasSubstr("products_digicert.json"),
            HasSubstr("(code \"digi_securesite_flex-EO\")"),
            HasSubstr("\"api_code\" must be \"digi_securesite_flex\"")));
}

TEST_F(MalformedDataTest, EoCodeNeedsTheEnterpriseFlag) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_digicert.json",
                                "\"enterprise_organization\": true,", "")
                  .ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("(code \"digi_securesite_flex-EO\")"),
                    HasSubstr("needs \"enterprise_organization\": true")));
}

TEST_F(MalformedDataTest, UnknownValidityProfile) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("products_sectigo.json",
                                "\"validity_profile\": \"sectigo_dv\"",
                                "\"validity_profile\": \"sectigo_dvv\"")
                  .ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("(code \"positivessl\")"),
                    HasSubstr("unknown validity profile \"sectigo_dvv\"")));
}

TEST_F(MalformedDataTest, UnsortedValidityMonths) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("validity_profiles.json",
                                "[12, 24, 36, 48, 60]", "[12, 36, 24]")
                  .ok());
  EXPECT_THAT(LoadError(), AllOf(HasSubstr("validity_profiles.json"),
                                 HasSubstr("(id \"sectigo\")"),
                                 HasSubstr("strictly ascending")));
}

TEST_F(MalformedDataTest, FieldSetNamesUnknownField) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("field_sets.json",
                                "\"required\": [\"Organization Jurisdiction "
                                "Country\"]",
                                "\"required\": [\"Organisation Jurisdiction "
                                "Country\"]")
                  .ok());
  EXPECT_THAT(
      LoadError(),
      AllOf(HasSubstr("field_sets.json"), HasSubstr("(id \"ev_jurisdiction\")"),
            HasSubstr("unknown field \"Organisation Jurisdiction "
                      "Country\"")));
}

TEST_F(MalformedDataTest, FieldSetExtendsCycle) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("field_sets.json", "\"id\": \"order_options\",",
                                "\"id\": \"order_options\", \"extends\": "
                                "[\"dv\"],")
                  .ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("field_sets.json"), HasSubstr("forms a cycle")));
}

TEST_F(MalformedDataTest, DuplicateFieldSetId) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("field_sets.json",
                                "\"id\": \"ev_jurisdiction\"", "\"id\": \"ov\"")
                  .ok());
  EXPECT_THAT(LoadError(), AllOf(HasSubstr("field_sets.json"),
                                 HasSubstr("duplicate field set id \"ov\"")));
}

TEST_F(MalformedDataTest, RequiredUnlessTrueNeedsABooleanField) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("field_sets.json",
                                "\"CName Auth Domain Validation\", \"File "
                                "Auth Domain Validation\"",
                                "\"Server Count\"")
                  .ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("field_sets.json"), HasSubstr("(id \"dv\")"),
                    HasSubstr("names \"Server Count\", which is not a "
                              "boolean field")));
}

TEST_F(MalformedDataTest, DuplicateFieldNameIgnoringCase) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("fields.json",
                                "\"name\": \"Admin Contact - Last Name\"",
                                "\"name\": \"admin contact - first name\"")
                  .ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("fields.json"),
                    HasSubstr("(name \"admin contact - first name\")"),
                    HasSubstr("duplicate field name")));
}

TEST_F(MalformedDataTest, InvalidFieldDefault) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("fields.json", "\"default\": \"Other\"",
                                "\"default\": \"nginx-custom\"")
                  .ok());
  EXPECT_THAT(LoadError(), AllOf(HasSubstr("fields.json"),
                                 HasSubstr("(name \"Web Server Type\")"),
                                 HasSubstr("invalid \"default\"")));
}

TEST_F(MalformedDataTest, CountryListWithANonAlpha2Code) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("countries.json", "\"value\": \"AD\"",
                                "\"value\": \"AND\"")
                  .ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("fields.json"),
                    HasSubstr("\"AND\", which is not an ISO 3166-1 alpha-2")));
}

TEST_F(MalformedDataTest, DuplicateOptionValue) {
  ASSERT_TRUE(
      copy_.ReplaceFirst("option_lists.json", "\"SHA2-512\"", "\"prefer_sha2\"")
          .ok());
  EXPECT_THAT(LoadError(),
              AllOf(HasSubstr("option_lists.json"),
                    HasSubstr("(id \"signature_hash_algorithms\")"),
                    HasSubstr("\"prefer_sha2\" is listed twice")));
}

TEST_F(MalformedDataTest, SecretMustBeHidden) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("connection_fields.json", "\"hidden\": true",
                                "\"hidden\": false")
                  .ok());
  EXPECT_THAT(LoadError(), AllOf(HasSubstr("connection_fields.json"),
                                 HasSubstr("(key \"AuthToken\")"),
                                 HasSubstr("must be \"hidden\"")));
}

TEST_F(MalformedDataTest, UnknownAnnotationType) {
  ASSERT_TRUE(copy_
                  .ReplaceFirst("connection_fields.json",
                                "\"type\": \"Boolean\"", "\"type\": \"Bool\"")
                  .ok());
  EXPECT_THAT(
      LoadError(),
      AllOf(HasSubstr("connection_fields.json"), HasSubstr("(key \"Enabled\")"),
            HasSubstr("unknown annotation type \"Bool\"")));
}

TEST_F(MalformedDataTest, MissingDirectory) {
  absl::StatusOr<std::unique_ptr<Catalog>> catalog =
      Catalog::LoadFromDirectory(copy_.dir() + "/does-not-exist");
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(catalog.status().message()),
              HasSubstr("does-not-exist"));
}

TEST_F(MalformedDataTest, DirectoryWithoutJsonFiles) {
  for (const auto& entry : std::filesystem::directory_iterator(copy_.dir())) {
    std::error_code error;
    std::filesystem::remove(entry.path(), error);
    ASSERT_FALSE(error) << entry.path();
  }
  ASSERT_TRUE(copy_.Write("notes.txt", "not a data file").ok());
  EXPECT_THAT(LoadError(absl::StatusCode::kNotFound),
              HasSubstr("has no *.json files"));
}

TEST_F(MalformedDataTest, NonJsonFilesAreIgnored) {
  ASSERT_TRUE(copy_.Write("README.txt", "{ not json").ok());
  absl::StatusOr<std::unique_ptr<Catalog>> catalog =
      Catalog::LoadFromDirectory(copy_.dir());
  EXPECT_TRUE(catalog.ok()) << catalog.status();
}

}  // namespace
}  // namespace sslstore::catalog
