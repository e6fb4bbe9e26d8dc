#include "catalog/field_values.h"

#include <string>

#include "catalog/parameter_lookup.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sslstore::catalog {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ParseBooleanValueTest, AcceptsTrueAndFalseInAnyCase) {
  EXPECT_EQ(ParseBooleanValue("true"), true);
  EXPECT_EQ(ParseBooleanValue("True"), true);
  EXPECT_EQ(ParseBooleanValue("TRUE"), true);
  EXPECT_EQ(ParseBooleanValue(" false "), false);
  EXPECT_EQ(ParseBooleanValue("False"), false);
  EXPECT_FALSE(ParseBooleanValue("yes").has_value());
  EXPECT_FALSE(ParseBooleanValue("1").has_value());
  EXPECT_FALSE(ParseBooleanValue("").has_value());
  EXPECT_FALSE(ParseBooleanValue("truee").has_value());
}

TEST(IsWellFormedEmailTest, AcceptsOrdinaryAddresses) {
  for (const char* address :
       {"admin@example.com", "first.last+tag@sub.example.co.uk", "x@a-b.io",
        "o'brien@example.org", "A_B@EXAMPLE.COM"}) {
    EXPECT_TRUE(IsWellFormedEmail(address)) << address;
  }
}

TEST(IsWellFormedEmailTest, RejectsMalformedAddresses) {
  for (const char* address : {"",
                              "admin",
                              "admin@",
                              "@example.com",
                              "admin@example",
                              "admin@@example.com",
                              "a@b@example.com",
                              "admin @example.com",
                              "admin@exa mple.com",
                              ".admin@example.com",
                              "admin.@example.com",
                              "ad..min@example.com",
                              "admin@-example.com",
                              "admin@example-.com",
                              "admin@example..com",
                              "admin@.example.com",
                              "admin@example.com.",
                              "admin@1.2",
                              "admin@exa_mple.com",
                              "admin,x@example.com"}) {
    EXPECT_FALSE(IsWellFormedEmail(address)) << address;
  }
  EXPECT_FALSE(IsWellFormedEmail(std::string(65, 'a') + "@example.com"));
  EXPECT_FALSE(IsWellFormedEmail("a@" + std::string(64, 'b') + ".com"));
}

TEST(SplitEmailListTest, SplitsTrimsAndDropsEmpties) {
  EXPECT_THAT(SplitEmailList(" a@x.com, b@y.com ;c@z.com,, "),
              ElementsAre("a@x.com", "b@y.com", "c@z.com"));
  EXPECT_TRUE(SplitEmailList(" , ").empty());
}

TEST(ParseOrganizationIdTest, AcceptsDigits) {
  EXPECT_EQ(*ParseOrganizationId("1234"), 1234);
  EXPECT_EQ(*ParseOrganizationId(" 42 "), 42);
}

TEST(ParseOrganizationIdTest, ExtractsTheNumberFromLegacyLabels) {
  EXPECT_EQ(*ParseOrganizationId("Acme Corp (1234) Austin-US"), 1234);
  EXPECT_EQ(*ParseOrganizationId("Acme (Europe) (98765) Berlin-DE"), 98765);
  EXPECT_EQ(*ParseOrganizationId("Acme 2 (id 77) Paris-FR"), 77);
}

TEST(ParseOrganizationIdTest, RejectsEverythingElse) {
  for (const char* value :
       {"", "abc", "0", "-5", "12a", "Acme Corp", "Acme (12a34) X",
        "Acme (1234", "99999999999999999999"}) {
    absl::StatusOr<int64_t> id = ParseOrganizationId(value);
    EXPECT_FALSE(id.ok()) << value;
    EXPECT_THAT(std::string(id.status().message()),
                HasSubstr("not a DigiCert organization ID"))
        << value;
  }
}

TEST(MatchOptionTest, IgnoresCaseAndReturnsListedSpelling) {
  const std::vector<std::string> options = {"Other", "iis", "WebLogic"};
  EXPECT_EQ(MatchOption(options, "other"), "Other");
  EXPECT_EQ(MatchOption(options, "IIS"), "iis");
  EXPECT_EQ(MatchOption(options, " weblogic "), "WebLogic");
  EXPECT_FALSE(MatchOption(options, "nginx").has_value());
}

FieldSpec MakeField(FieldType type) {
  FieldSpec field;
  field.name = "F";
  field.type = type;
  return field;
}

TEST(NormalizeFieldValueTest, NormalizesEachType) {
  FieldSpec integer = MakeField(FieldType::kInteger);
  integer.min_value = 1;
  integer.max_value = 10;
  EXPECT_EQ(*NormalizeFieldValue(integer, " 007 "), "7");
  EXPECT_THAT(std::string(NormalizeFieldValue(integer, "0").status().message()),
              HasSubstr("less than the minimum 1"));
  EXPECT_THAT(
      std::string(NormalizeFieldValue(integer, "11").status().message()),
      HasSubstr("more than the maximum 10"));
  EXPECT_THAT(
      std::string(NormalizeFieldValue(integer, "1.5").status().message()),
      HasSubstr("not a whole number"));

  EXPECT_EQ(*NormalizeFieldValue(MakeField(FieldType::kBoolean), "True"),
            "true");
  EXPECT_EQ(*NormalizeFieldValue(MakeField(FieldType::kEmailList),
                                 "a@x.com , b@y.com"),
            "a@x.com,b@y.com");
  EXPECT_EQ(*NormalizeFieldValue(MakeField(FieldType::kOrganizationId),
                                 "Acme (55) Rome-IT"),
            "55");
  EXPECT_EQ(*NormalizeFieldValue(MakeField(FieldType::kValidityDays), "0365"),
            "365");
  EXPECT_FALSE(
      NormalizeFieldValue(MakeField(FieldType::kValidityDays), "0").ok());
  EXPECT_FALSE(
      NormalizeFieldValue(MakeField(FieldType::kValidityDays), "365 days")
          .ok());
  EXPECT_FALSE(NormalizeFieldValue(MakeField(FieldType::kString), "  ").ok());

  FieldSpec country = MakeField(FieldType::kCountry);
  country.options = {"DE", "US"};
  EXPECT_EQ(*NormalizeFieldValue(country, "us"), "US");
  EXPECT_THAT(
      std::string(NormalizeFieldValue(country, "USA").status().message()),
      HasSubstr("not an ISO 3166-1 alpha-2 country code"));
}

TEST(QuoteValueTest, TruncatesLongValues) {
  EXPECT_EQ(QuoteValue("abc"), "\"abc\"");
  EXPECT_EQ(QuoteValue(std::string(200, 'x')),
            "\"" + std::string(80, 'x') + "...\"");
}

TEST(LookupParameterTest, ExactThenCaseInsensitiveEmptyIsAbsent) {
  const std::map<std::string, std::string> parameters = {
      {"Admin Contact - Email", " a@x.com "},
      {"approver email", "b@y.com"},
      {"Server Count", "   "},
  };
  EXPECT_EQ(LookupParameter(parameters, "Admin Contact - Email"), "a@x.com");
  EXPECT_EQ(LookupParameter(parameters, "ADMIN CONTACT - EMAIL"), "a@x.com");
  EXPECT_EQ(LookupParameter(parameters, "Approver Email"), "b@y.com");
  EXPECT_FALSE(LookupParameter(parameters, "Server Count").has_value());
  EXPECT_FALSE(LookupParameter(parameters, "Web Server Type").has_value());
}

}  // namespace
}  // namespace sslstore::catalog
