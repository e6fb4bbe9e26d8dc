#ifndef TESTS_CATALOG_TEMP_CATALOG_COPY_H_
#define TESTS_CATALOG_TEMP_CATALOG_COPY_H_

#include <string>

#include "absl/status/status.h"

namespace sslstore::catalog::testing {

// The checked-in data directory (catalog/data of the source tree).
std::string SourceCatalogDir();

// A private copy of the catalog data in a fresh temporary directory, removed
// on destruction; tests put one defect into it and load it.
class TempCatalogCopy {
 public:
  TempCatalogCopy();
  ~TempCatalogCopy();
  TempCatalogCopy(const TempCatalogCopy&) = delete;
  TempCatalogCopy& operator=(const TempCatalogCopy&) = delete;

  // The copy's directory.
  const std::string& dir() const { return dir_; }

  // Full path of `file_name` inside the copy.
  std::string PathOf(const std::string& file_name) const;

  // Replaces the first occurrence of `from` by `to` in `file_name`; fails if
  // `from` does not occur (so a stale test cannot silently pass).
  absl::Status ReplaceFirst(const std::string& file_name,
                            const std::string& from, const std::string& to);

  // Overwrites (or creates) `file_name` with `content`.
  absl::Status Write(const std::string& file_name, const std::string& content);

  // Deletes `file_name`.
  absl::Status Remove(const std::string& file_name);

 private:
  std::string dir_;
};

}  // namespace sslstore::catalog::testing

#endif  // TESTS_CATALOG_TEMP_CATALOG_COPY_H_
