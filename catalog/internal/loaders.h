#ifndef CATALOG_INTERNAL_LOADERS_H_
#define CATALOG_INTERNAL_LOADERS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "catalog/internal/catalog_data.h"
#include "catalog/internal/data_files.h"

// One loader per data-file kind. Each validates its file and adds the entries
// to `data`; errors name the file and the entry. Cross references point
// backwards in this order: option lists <- fields <- field sets <- products
// (which also use validity profiles); connection fields stand alone.
namespace sslstore::catalog::internal {

// kind "option_lists": named value lists (countries, web server types, ...).
absl::Status LoadOptionLists(const DataFile& file, CatalogData* data);

// kind "fields": enrollment fields; needs the option lists.
absl::Status LoadFields(const DataFile& file, CatalogData* data);

// kind "field_sets": raw field sets; resolved by ResolveFieldSets.
absl::Status LoadFieldSets(const DataFile& file, CatalogData* data);

// Resolves "extends" (cycles are errors), checks field names and
// required_unless_true flags, and fills data->resolved_field_sets.
absl::Status ResolveFieldSets(CatalogData* data);

// kind "validity_profiles": named month lists with their reasoning.
absl::Status LoadValidityProfiles(const DataFile& file, CatalogData* data);

// kind "products": needs resolved field sets and validity profiles.
absl::Status LoadProducts(const DataFile& file, CatalogData* data);

// kind "connection_fields": the CA connection annotations.
absl::Status LoadConnectionFields(const DataFile& file, CatalogData* data);

// Reads `dir` and runs every loader in dependency order; also fails when a
// required kind (fields, field_sets, products, connection_fields) is absent.
absl::StatusOr<std::unique_ptr<CatalogData>> LoadCatalogData(
    const std::string& dir);

// The same for files held in memory (see ParseDataTexts).
absl::StatusOr<std::unique_ptr<CatalogData>> LoadCatalogDataFromTexts(
    std::vector<CatalogFileText> files);

// Runs every loader over parsed `files` in dependency order; `source` names
// where they came from in the "has no file of kind" error.
absl::StatusOr<std::unique_ptr<CatalogData>> LoadParsedCatalogData(
    const std::vector<DataFile>& files, const std::string& source);

}  // namespace sslstore::catalog::internal

#endif  // CATALOG_INTERNAL_LOADERS_H_
