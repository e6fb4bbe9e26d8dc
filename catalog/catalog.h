#ifndef CATALOG_CATALOG_H_
#define CATALOG_CATALOG_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "catalog/annotation.h"
#include "catalog/parameter_validation.h"
#include "catalog/product.h"

namespace sslstore::catalog {

struct CatalogData;  // internal: catalog/internal/catalog_data.h

// One catalog data file held in memory: the name it goes by (it orders the
// files as file names do in a directory, and error messages use it) and its
// JSON text.
struct CatalogFileText {
  std::string name;
  std::string text;
};

// $SSLSTORE_CATALOG_DIR, or empty when it is not set.
std::string CatalogDirFromEnvironment();

// The data directory to use when none is configured: $SSLSTORE_CATALOG_DIR
// if set and non-empty, else BuiltInCatalogDir().
std::string DefaultCatalogDir();

// The data directory found from the running program (/proc/self/exe): the
// installed one, <program dir>/../share/sslstore-connector/catalog, when it
// exists; else, for a program run from a build tree, the source tree's
// catalog/data (named by a file at the top of the build tree, so no build or
// source path is compiled in); else <install prefix>/share/sslstore-connector/
// catalog.
std::string BuiltInCatalogDir();

// The product catalog: products, their enrollment field sets, the gateway
// annotations, and parameter validation, all loaded from the JSON files of a
// data directory (schema: catalog/README.md). Immutable after loading and
// safe to share between threads.
class Catalog {
 public:
  // Loads and validates every *.json file of `data_dir`. A malformed file, an
  // unknown kind or member, a duplicate code/field/set, an unknown field set
  // or field type, a dangling option list or validity profile, or an
  // inconsistent entry fails with InvalidArgument naming the file and entry;
  // an unreadable directory fails with NotFound/InvalidArgument.
  static absl::StatusOr<std::unique_ptr<Catalog>> LoadFromDirectory(
      const std::string& data_dir);

  // Loads and validates data files held in memory, with the checks of
  // LoadFromDirectory (which reads the files and then does the same): files
  // are taken in name order, error messages name the file by `name`.
  // NotFound when `files` is empty.
  static absl::StatusOr<std::unique_ptr<Catalog>> LoadFromTexts(
      std::vector<CatalogFileText> files);

  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  // Products whose vendor and validation type equal the filters ignoring
  // case; an empty filter matches all. Sorted by code.
  std::vector<const Product*> ListProducts(
      absl::string_view vendor_filter,
      absl::string_view validation_type_filter) const;

  // The product with exactly this code, nullptr if unknown.
  const Product* FindProduct(absl::string_view code) const;

  // Number of products.
  size_t ProductCount() const;

  // The CA connection annotations (connection_fields.json), in file order.
  std::vector<Annotation> ConnectorAnnotations() const;

  // One template-parameter annotation per enrollment field (the union of all
  // field sets), in fields.json order. Types: boolean -> Boolean, integer and
  // validity days -> Number, everything else -> String.
  std::vector<Annotation> TemplateParameterAnnotations() const;

  // Every enrollment field, in fields.json order.
  std::vector<const FieldSpec*> Fields() const;

  // The field named `name` (exact, else case-insensitive); nullptr if none.
  const FieldSpec* FindField(absl::string_view name) const;

  // Every problem at once; empty = valid. Unknown parameter names are NOT
  // violations. See ValidateProductParameters.
  std::vector<FieldViolation> ValidateParameters(
      const Product& product,
      const std::map<std::string, std::string>& parameters) const;

  // Normalized values with defaults applied; see NormalizeProductParameters.
  std::map<std::string, std::string> NormalizedParameters(
      const Product& product,
      const std::map<std::string, std::string>& parameters) const;

 private:
  explicit Catalog(std::unique_ptr<CatalogData> data);

  std::unique_ptr<CatalogData> data_;
};

}  // namespace sslstore::catalog

#endif  // CATALOG_CATALOG_H_
