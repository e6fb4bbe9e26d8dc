// The gateway annotation dictionaries served from the catalog data.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/catalog/temp_catalog_copy.h"

namespace sslstore::catalog {
namespace {

using ::testing::ElementsAre;

// Every enrollment parameter the plugin documentation lists for Keyfactor
// Command templates.
const char* const kSeedParameters[] = {
    "Approver Email",
    "Validity Period (In Days)",
    "Admin Contact - First Name",
    "Admin Contact - Last Name",
    "Admin Contact - Phone",
    "Admin Contact - Email",
    "Admin Contact - Title",
    "Admin Contact - Organization Name",
    "Admin Contact - Address",
    "Admin Contact - City",
    "Admin Contact - Region",
    "Admin Contact - Postal Code",
    "Admin Contact - Country",
    "Technical Contact - First Name",
    "Technical Contact - Last Name",
    "Technical Contact - Phone",
    "Technical Contact - Email",
    "Technical Contact - Organization Name",
    "Technical Contact - Address",
    "Technical Contact - City",
    "Technical Contact - Region",
    "Technical Contact - Postal Code",
    "Technical Contact - Country",
    "Organization Name",
    "Organization Address",
    "Organization City",
    "Organization Region",
    "Organization State/Province",
    "Organization Postal Code",
    "Organization Country",
    "Organization Phone",
    "Organization Jurisdiction Country",
    "Organization ID",
    "Server Count",
    "Web Server Type",
    "Signature Hash Algorithm",
    "File Auth Domain Validation",
    "CName Auth Domain Validation",
    "Is CU Order?",
    "Is Renewal Order?",
    "Is Trial Order?",
};

std::unique_ptr<Catalog> LoadSourceCatalog() {
  auto loaded = Catalog::LoadFromDirectory(testing::SourceCatalogDir());
  EXPECT_TRUE(loaded.ok()) << loaded.status();
  return loaded.ok() ? std::move(*loaded) : nullptr;
}

TEST(ConnectorAnnotationsTest, MatchTheSeedConnectionFields) {
  std::unique_ptr<Catalog> catalog = LoadSourceCatalog();
  ASSERT_NE(catalog, nullptr);
  std::vector<Annotation> annotations = catalog->ConnectorAnnotations();
  std::vector<std::string> keys;
  std::map<std::string, Annotation> by_key;
  for (const Annotation& annotation : annotations) {
    keys.push_back(annotation.key);
    by_key[annotation.key] = annotation;
    EXPECT_FALSE(annotation.comments.empty()) << annotation.key;
  }
  EXPECT_THAT(keys, ElementsAre("SSLStoreURL", "PartnerCode", "AuthToken",
                                "PageSize", "Enabled", "RenewalWindow"));

  EXPECT_EQ(by_key["SSLStoreURL"].type, AnnotationType::kString);
  EXPECT_EQ(by_key["SSLStoreURL"].default_value,
            "https://sandbox-wbapi.thesslstore.com");
  EXPECT_TRUE(by_key["SSLStoreURL"].required);
  EXPECT_EQ(by_key["PartnerCode"].type, AnnotationType::kString);
  EXPECT_FALSE(by_key["PartnerCode"].default_value.has_value());
  EXPECT_TRUE(by_key["PartnerCode"].required);
  EXPECT_EQ(by_key["AuthToken"].type, AnnotationType::kSecret);
  EXPECT_TRUE(by_key["AuthToken"].hidden);
  EXPECT_FALSE(by_key["AuthToken"].default_value.has_value());
  EXPECT_EQ(by_key["PageSize"].type, AnnotationType::kNumber);
  EXPECT_EQ(by_key["PageSize"].default_value, "100");
  EXPECT_FALSE(by_key["PageSize"].required);
  EXPECT_EQ(by_key["Enabled"].type, AnnotationType::kBoolean);
  EXPECT_EQ(by_key["Enabled"].default_value, "true");
  EXPECT_EQ(by_key["RenewalWindow"].type, AnnotationType::kNumber);
  EXPECT_EQ(by_key["RenewalWindow"].default_value, "30");
  for (const Annotation& annotation : annotations) {
    EXPECT_EQ(annotation.hidden, annotation.key == "AuthToken")
        << annotation.key;
  }
}

TEST(TemplateParameterAnnotationsTest, OnePerSeedParameter) {
  std::unique_ptr<Catalog> catalog = LoadSourceCatalog();
  ASSERT_NE(catalog, nullptr);
  std::map<std::string, Annotation> by_key;
  for (const Annotation& annotation : catalog->TemplateParameterAnnotations()) {
    EXPECT_TRUE(by_key.emplace(annotation.key, annotation).second)
        << "duplicate " << annotation.key;
    EXPECT_FALSE(annotation.hidden) << annotation.key;
    EXPECT_FALSE(annotation.comments.empty()) << annotation.key;
  }
  EXPECT_EQ(by_key.size(), std::size(kSeedParameters));
  for (const char* name : kSeedParameters) {
    EXPECT_EQ(by_key.count(name), 1u) << name;
  }
  EXPECT_EQ(by_key["Is CU Order?"].type, AnnotationType::kBoolean);
  EXPECT_EQ(by_key["Is CU Order?"].default_value, "false");
  EXPECT_EQ(by_key["Server Count"].type, AnnotationType::kNumber);
  EXPECT_EQ(by_key["Server Count"].default_value, "1");
  EXPECT_EQ(by_key["Validity Period (In Days)"].type, AnnotationType::kNumber);
  EXPECT_EQ(by_key["Web Server Type"].type, AnnotationType::kString);
  EXPECT_EQ(by_key["Web Server Type"].default_value, "Other");
  EXPECT_EQ(by_key["Organization ID"].type, AnnotationType::kString);
  EXPECT_EQ(by_key["Approver Email"].comments,
            "Comma-separated approver email address(es) for domain "
            "validation.");
}

TEST(AnnotationTypeNameTest, GatewaySpellings) {
  EXPECT_EQ(AnnotationTypeName(AnnotationType::kString), "String");
  EXPECT_EQ(AnnotationTypeName(AnnotationType::kSecret), "Secret");
  EXPECT_EQ(AnnotationTypeName(AnnotationType::kNumber), "Number");
  EXPECT_EQ(AnnotationTypeName(AnnotationType::kBoolean), "Boolean");
  EXPECT_EQ(ParseAnnotationTypeName("Boolean"), AnnotationType::kBoolean);
  EXPECT_FALSE(ParseAnnotationTypeName("Bool").has_value());
}

}  // namespace
}  // namespace sslstore::catalog
