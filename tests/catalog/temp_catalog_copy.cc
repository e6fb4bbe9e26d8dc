#include "tests/catalog/temp_catalog_copy.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace sslstore::catalog::testing {

std::string SourceCatalogDir() { return SSLSTORE_CATALOG_DIR; }

TempCatalogCopy::TempCatalogCopy() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "catalog-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return;
  dir_ = pattern;
  std::error_code error;
  std::filesystem::copy(SourceCatalogDir(), dir_,
                        std::filesystem::copy_options::recursive, error);
  if (error) dir_.clear();
}

TempCatalogCopy::~TempCatalogCopy() {
  if (dir_.empty()) return;
  std::error_code error;
  std::filesystem::remove_all(dir_, error);
}

std::string TempCatalogCopy::PathOf(const std::string& file_name) const {
  return absl::StrCat(dir_, "/", file_name);
}

absl::Status TempCatalogCopy::ReplaceFirst(const std::string& file_name,
                                           const std::string& from,
                                           const std::string& to) {
  std::ifstream in(PathOf(file_name), std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", file_name));
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  const size_t at = text.find(from);
  if (at == std::string::npos) {
    return absl::NotFoundError(
        absl::StrCat("\"", from, "\" does not occur in ", file_name));
  }
  text.replace(at, from.size(), to);
  return Write(file_name, text);
}

absl::Status TempCatalogCopy::Write(const std::string& file_name,
                                    const std::string& content) {
  std::ofstream out(PathOf(file_name), std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out)
    return absl::InternalError(absl::StrCat("cannot write ", file_name));
  return absl::OkStatus();
}

absl::Status TempCatalogCopy::Remove(const std::string& file_name) {
  std::error_code error;
  if (!std::filesystem::remove(PathOf(file_name), error)) {
    return absl::NotFoundError(absl::StrCat("cannot remove ", file_name));
  }
  return absl::OkStatus();
}

}  // namespace sslstore::catalog::testing
