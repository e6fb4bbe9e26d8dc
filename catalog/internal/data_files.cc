#include "catalog/internal/data_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "catalog/internal/json_fields.h"
#include "rapidjson/error/en.h"

namespace sslstore::catalog::internal {
namespace {

constexpr const char* kKinds[] = {"option_lists", "fields",
                                  "field_sets",   "validity_profiles",
                                  "products",     "connection_fields"};

// 1-based line and column of byte `offset` in `text`.
std::pair<size_t, size_t> LineAndColumn(const std::string& text,
                                        size_t offset) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("catalog data file ", path, ": cannot be opened"));
  }
  std::string text;
  char buffer[8192];
  while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
    text.append(buffer, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxDataFileBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat("catalog data file ", path, ": larger than ",
                       kMaxDataFileBytes, " bytes"));
    }
  }
  if (in.bad()) {
    return absl::InvalidArgumentError(
        absl::StrCat("catalog data file ", path, ": read error"));
  }
  return text;
}

absl::StatusOr<DataFile> ParseDataFile(const std::string& path,
                                       const std::string& text) {
  DataFile file;
  file.path = path;
  file.document.Parse<rapidjson::kParseValidateEncodingFlag |
                      rapidjson::kParseIterativeFlag>(text.data(), text.size());
  if (file.document.HasParseError()) {
    auto [line, column] = LineAndColumn(text, file.document.GetErrorOffset());
    return absl::InvalidArgumentError(absl::StrCat(
        "catalog data file ", path, ": malformed JSON at line ", line,
        ", column ", column, ": ",
        rapidjson::GetParseError_En(file.document.GetParseError())));
  }
  EntryContext context(path, "top level");
  if (!file.document.IsObject()) {
    return context.Error(absl::StrCat("expected an object, found ",
                                      JsonTypeName(file.document)));
  }
  absl::StatusOr<std::string> kind =
      RequiredString(file.document, "kind", context);
  if (!kind.ok()) return kind.status();
  if (!IsKnownKind(*kind)) {
    return context.Error(absl::StrCat("unknown kind \"", *kind, "\" (known: ",
                                      absl::StrJoin(kKinds, ", "), ")"));
  }
  file.kind = *kind;
  return file;
}

}  // namespace

bool IsKnownKind(const std::string& kind) {
  return std::find(std::begin(kKinds), std::end(kKinds), kind) !=
         std::end(kKinds);
}

absl::StatusOr<std::vector<DataFile>> ReadDataFiles(const std::string& dir) {
  std::error_code error;
  std::filesystem::directory_iterator it(dir, error);
  if (error) {
    return absl::NotFoundError(absl::StrCat(
        "catalog data directory ", dir, " cannot be read: ", error.message()));
  }
  std::vector<std::filesystem::path> paths;
  for (; it != std::filesystem::directory_iterator(); it.increment(error)) {
    if (error) break;
    const std::filesystem::path& path = it->path();
    std::error_code type_error;
    if (!it->is_regular_file(type_error) || type_error) continue;
    if (!absl::EndsWith(path.filename().string(), ".json")) continue;
    paths.push_back(path);
  }
  if (error) {
    return absl::NotFoundError(
        absl::StrCat("catalog data directory ", dir,
                     " cannot be listed: ", error.message()));
  }
  if (paths.empty()) {
    return absl::NotFoundError(
        absl::StrCat("catalog data directory ", dir, " has no *.json files"));
  }
  std::sort(paths.begin(), paths.end());
  std::vector<DataFile> files;
  for (const std::filesystem::path& path : paths) {
    absl::StatusOr<std::string> text = ReadFile(path.string());
    if (!text.ok()) return text.status();
    absl::StatusOr<DataFile> file = ParseDataFile(path.string(), *text);
    if (!file.ok()) return file.status();
    files.push_back(std::move(*file));
  }
  return files;
}

absl::StatusOr<std::vector<DataFile>> ParseDataTexts(
    std::vector<CatalogFileText> texts) {
  if (texts.empty()) {
    return absl::NotFoundError("catalog data: no files given");
  }
  std::stable_sort(texts.begin(), texts.end(),
                   [](const CatalogFileText& a, const CatalogFileText& b) {
                     return a.name < b.name;
                   });
  std::vector<DataFile> files;
  for (const CatalogFileText& text : texts) {
    if (text.text.size() > kMaxDataFileBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat("catalog data file ", text.name, ": larger than ",
                       kMaxDataFileBytes, " bytes"));
    }
    absl::StatusOr<DataFile> file = ParseDataFile(text.name, text.text);
    if (!file.ok()) return file.status();
    files.push_back(std::move(*file));
  }
  return files;
}

}  // namespace sslstore::catalog::internal
