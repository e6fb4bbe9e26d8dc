// Catalog::LoadFromTexts: the checked-in data given as texts loads like the
// directory, and the texts get the directory loader's checks and messages.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "catalog/catalog.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/catalog/temp_catalog_copy.h"

namespace sslstore::catalog {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

// The checked-in data files as texts, named by file name, in directory order.
std::vector<CatalogFileText> SourceTexts() {
  std::vector<CatalogFileText> texts;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::SourceCatalogDir())) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    texts.push_back({entry.path().filename().string(), text.str()});
  }
  return texts;
}

// The text named `name` in `texts`; fails the test when there is none.
std::string* TextNamed(std::vector<CatalogFileText>& texts,
                       const std::string& name) {
  for (CatalogFileText& text : texts) {
    if (text.name == name) return &text.text;
  }
  ADD_FAILURE() << "no data file " << name;
  static std::string none;
  return &none;
}

TEST(LoadFromTextsTest, SourceDataLoadsLikeTheDirectory) {
  absl::StatusOr<std::unique_ptr<Catalog>> from_dir =
      Catalog::LoadFromDirectory(testing::SourceCatalogDir());
  ASSERT_TRUE(from_dir.ok()) << from_dir.status();
  std::vector<CatalogFileText> texts = SourceTexts();
  ASSERT_GE(texts.size(), 4u);
  // Reversed: the loader sorts by name itself.
  std::reverse(texts.begin(), texts.end());
  absl::StatusOr<std::unique_ptr<Catalog>> from_texts =
      Catalog::LoadFromTexts(texts);
  ASSERT_TRUE(from_texts.ok()) << from_texts.status();
  EXPECT_EQ((*from_texts)->ProductCount(), (*from_dir)->ProductCount());
  EXPECT_EQ((*from_texts)->Fields().size(), (*from_dir)->Fields().size());
  ASSERT_NE((*from_texts)->FindProduct("positivessl"), nullptr);
  EXPECT_EQ((*from_texts)->FindProduct("positivessl")->name,
            (*from_dir)->FindProduct("positivessl")->name);
}

TEST(LoadFromTextsTest, NoFilesIsNotFound) {
  absl::StatusOr<std::unique_ptr<Catalog>> catalog = Catalog::LoadFromTexts({});
  EXPECT_EQ(catalog.status().code(), absl::StatusCode::kNotFound);
}

TEST(LoadFromTextsTest, MissingKindIsNamed) {
  std::vector<CatalogFileText> texts = SourceTexts();
  std::erase_if(texts, [](const CatalogFileText& text) {
    return text.name == "connection_fields.json";
  });
  absl::StatusOr<std::unique_ptr<Catalog>> catalog =
      Catalog::LoadFromTexts(texts);
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(catalog.status().message(),
              HasSubstr("has no file of kind \"connection_fields\""));
}

TEST(LoadFromTextsTest, MalformedTextIsNamedWithLineAndColumn) {
  std::vector<CatalogFileText> texts = SourceTexts();
  texts.push_back(
      {"extra.json", "{\"kind\": \"products\",\n  \"products\": ["});
  absl::StatusOr<std::unique_ptr<Catalog>> catalog =
      Catalog::LoadFromTexts(texts);
  ASSERT_FALSE(catalog.ok());
  EXPECT_THAT(catalog.status().message(),
              AllOf(HasSubstr("extra.json"),
                    HasSubstr("malformed JSON at line 2, column")));
}

TEST(LoadFromTextsTest, FilesAreTakenInNameOrder) {
  std::vector<CatalogFileText> texts = SourceTexts();
  std::string sectigo = *TextNamed(texts, "products_sectigo.json");
  // The same products again under a name sorting after the original: the
  // duplicate is reported in the later file whatever the input order.
  texts.insert(texts.begin(), {"zz_copy.json", sectigo});
  absl::StatusOr<std::unique_ptr<Catalog>> catalog =
      Catalog::LoadFromTexts(texts);
  ASSERT_FALSE(catalog.ok());
  EXPECT_THAT(
      catalog.status().message(),
      AllOf(HasSubstr("zz_copy.json"), HasSubstr("duplicate product code")));
}

TEST(LoadFromTextsTest, OversizedTextIsRefused) {
  std::vector<CatalogFileText> texts = SourceTexts();
  texts.push_back({"big.json", std::string(17 * 1024 * 1024, ' ')});
  absl::StatusOr<std::unique_ptr<Catalog>> catalog =
      Catalog::LoadFromTexts(texts);
  ASSERT_FALSE(catalog.ok());
  EXPECT_THAT(catalog.status().message(),
              AllOf(HasSubstr("big.json"), HasSubstr("larger than")));
}

}  // namespace
}  // namespace sslstore::catalog
