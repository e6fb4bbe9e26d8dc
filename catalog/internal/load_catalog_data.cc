#include <functional>

#include "absl/strings/str_cat.h"
#include "catalog/internal/loaders.h"

namespace sslstore::catalog::internal {

absl::StatusOr<std::unique_ptr<CatalogData>> LoadCatalogData(
    const std::string& dir) {
  absl::StatusOr<std::vector<DataFile>> files = ReadDataFiles(dir);
  if (!files.ok()) return files.status();
  return LoadParsedCatalogData(*files,
                               absl::StrCat("catalog data directory ", dir));
}

absl::StatusOr<std::unique_ptr<CatalogData>> LoadCatalogDataFromTexts(
    std::vector<CatalogFileText> texts) {
  absl::StatusOr<std::vector<DataFile>> files =
      ParseDataTexts(std::move(texts));
  if (!files.ok()) return files.status();
  return LoadParsedCatalogData(*files, "catalog data");
}

absl::StatusOr<std::unique_ptr<CatalogData>> LoadParsedCatalogData(
    const std::vector<DataFile>& files, const std::string& source) {
  auto data = std::make_unique<CatalogData>();
  using Loader = std::function<absl::Status(const DataFile&, CatalogData*)>;
  const std::pair<const char*, Loader> steps[] = {
      {"option_lists", LoadOptionLists},
      {"fields", LoadFields},
      {"field_sets", LoadFieldSets},
      {"validity_profiles", LoadValidityProfiles},
      {"products", LoadProducts},
      {"connection_fields", LoadConnectionFields},
  };
  for (const auto& [kind, loader] : steps) {
    bool seen = false;
    for (const DataFile& file : files) {
      if (file.kind != kind) continue;
      seen = true;
      absl::Status status = loader(file, data.get());
      if (!status.ok()) return status;
    }
    const std::string kind_name = kind;
    if (!seen && kind_name != "option_lists" &&
        kind_name != "validity_profiles") {
      return absl::InvalidArgumentError(
          absl::StrCat(source, " has no file of kind \"", kind_name, "\""));
    }
    if (kind_name == "field_sets") {
      absl::Status status = ResolveFieldSets(data.get());
      if (!status.ok()) return status;
    }
  }
  return data;
}

}  // namespace sslstore::catalog::internal
