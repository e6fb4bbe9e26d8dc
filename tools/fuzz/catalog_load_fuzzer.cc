// libFuzzer target: catalog loading (Catalog::LoadFromTexts). An input is
// "<file name>\n<JSON text>": the checked-in data files (read once from
// DefaultCatalogDir()) are loaded with the input's text in place of the file
// of that name, or beside them when no file has that name (an input without
// a newline is added as "fuzz.json"). Replacing one file of a complete data
// set reaches every loader and cross-check, not just the JSON syntax. A
// catalog that loads is then queried the way the service queries it, with
// parameter validation and normalisation for every product.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "catalog/catalog.h"
#include "tools/fuzz/fuzz_check.h"

namespace {

namespace catalog = sslstore::catalog;

// The checked-in data files; aborts when they cannot be read (a broken
// setup, not a finding).
const std::vector<catalog::CatalogFileText>& BaseFiles() {
  static const std::vector<catalog::CatalogFileText>* files = [] {
    auto* texts = new std::vector<catalog::CatalogFileText>;
    std::string dir = catalog::DefaultCatalogDir();
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
      if (entry.path().extension() != ".json") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      texts->push_back({entry.path().filename().string(), text.str()});
    }
    if (error || texts->empty()) {
      std::fprintf(stderr, "catalog_load_fuzzer: no data files in %s\n",
                   dir.c_str());
      std::abort();
    }
    return texts;
  }();
  return *files;
}

// Parameter values cycled over a product's fields: empty, text, boolean,
// number, email, country, organization id.
constexpr const char* kValues[] = {
    "", "x", "true", "365", "a@example.com", "US", "Acme (1234) Lehi-US"};

void UseCatalog(const catalog::Catalog& loaded) {
  loaded.ConnectorAnnotations();
  loaded.TemplateParameterAnnotations();
  for (const catalog::FieldSpec* field : loaded.Fields()) {
    FUZZ_CHECK(loaded.FindField(field->name) == field);
  }
  loaded.ListProducts("DigiCert", "DV");
  std::vector<const catalog::Product*> products = loaded.ListProducts("", "");
  FUZZ_CHECK(products.size() == loaded.ProductCount());
  for (const catalog::Product* product : products) {
    FUZZ_CHECK(loaded.FindProduct(product->code) == product);
    loaded.ValidateParameters(*product, {});
    loaded.NormalizedParameters(*product, {});
    std::map<std::string, std::string> parameters;
    size_t i = 0;
    for (const catalog::FieldRequirement& requirement : product->fields) {
      FUZZ_CHECK(requirement.field != nullptr);
      parameters[requirement.field->name] =
          kValues[i++ % (sizeof(kValues) / sizeof(kValues[0]))];
    }
    loaded.ValidateParameters(*product, parameters);
    loaded.NormalizedParameters(*product, parameters);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view input(reinterpret_cast<const char*>(data), size);
  catalog::CatalogFileText fuzzed{"fuzz.json", std::string(input)};
  if (size_t newline = input.find('\n'); newline != absl::string_view::npos) {
    fuzzed = {std::string(input.substr(0, newline)),
              std::string(input.substr(newline + 1))};
  }
  std::vector<catalog::CatalogFileText> files = BaseFiles();
  bool replaced = false;
  for (catalog::CatalogFileText& file : files) {
    if (file.name != fuzzed.name) continue;
    file.text = fuzzed.text;
    replaced = true;
  }
  if (!replaced) files.push_back(std::move(fuzzed));

  absl::StatusOr<std::unique_ptr<catalog::Catalog>> loaded =
      catalog::Catalog::LoadFromTexts(std::move(files));
  if (!loaded.ok()) {
    FUZZ_CHECK(!loaded.status().message().empty());
    return 0;
  }
  FUZZ_CHECK(*loaded != nullptr);
  UseCatalog(**loaded);
  return 0;
}
