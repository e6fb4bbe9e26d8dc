#ifndef CATALOG_INTERNAL_DATA_FILES_H_
#define CATALOG_INTERNAL_DATA_FILES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "catalog/catalog.h"
#include "rapidjson/document.h"

namespace sslstore::catalog::internal {

// One parsed data file: a JSON object with a "kind" member.
struct DataFile {
  std::string path;  // as used in error messages
  std::string kind;  // "products", "fields", ...
  rapidjson::Document document;
};

// Largest data file accepted.
inline constexpr size_t kMaxDataFileBytes = size_t{16} << 20;

// Reads and parses every regular "*.json" file directly in `dir`, sorted by
// name. Fails naming the file when one cannot be read, is not well-formed
// UTF-8 JSON (with line and column), is not an object, or lacks a known
// "kind"; NotFound when `dir` is not a readable directory or has no files.
absl::StatusOr<std::vector<DataFile>> ReadDataFiles(const std::string& dir);

// Parses texts held in memory as ReadDataFiles parses files: sorted by name
// (`name` stands for the path in messages), the same checks; NotFound when
// `files` is empty.
absl::StatusOr<std::vector<DataFile>> ParseDataTexts(
    std::vector<CatalogFileText> files);

// The kinds a data file may declare.
bool IsKnownKind(const std::string& kind);

}  // namespace sslstore::catalog::internal

#endif  // CATALOG_INTERNAL_DATA_FILES_H_
