// Where the catalog's data directory is when none is configured: found from
// the running program's own path, so that an installed binary holds no path
// of the build or source tree.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "catalog/catalog.h"

namespace sslstore::catalog {
namespace {

namespace fs = std::filesystem;

// The installed data directory relative to the installed program's
// directory, e.g. "../share/sslstore-connector/catalog".
constexpr char kFromBinDir[] = SSLSTORE_CATALOG_DIR_FROM_BIN;
// The installed data directory under the configured install prefix.
constexpr char kInstalledDir[] = SSLSTORE_INSTALLED_CATALOG_DIR;
// A file at the top of a build tree naming the source tree's data
// directory; only programs run from inside a build tree find it.
constexpr char kBuildTreeMarker[] = "sslstore-build-tree-catalog-dir";
// How many directories up from the program a build tree's top may be.
constexpr int kMaxBuildTreeDepth = 8;

bool IsDirectory(const fs::path& path) {
  std::error_code error;
  return fs::is_directory(path, error);
}

// The directory of the running program; empty when unknown.
fs::path ProgramDir() {
  std::error_code error;
  const fs::path program = fs::read_symlink("/proc/self/exe", error);
  if (error) return {};
  return program.parent_path();
}

// The source data directory named by a build tree's marker file above
// `dir`; empty when there is none.
std::string BuildTreeCatalogDir(fs::path dir) {
  for (int depth = 0; depth <= kMaxBuildTreeDepth && !dir.empty(); ++depth) {
    std::ifstream marker(dir / kBuildTreeMarker);
    std::string line;
    if (marker && std::getline(marker, line) && IsDirectory(line)) {
      return line;
    }
    if (dir == dir.root_path()) break;
    dir = dir.parent_path();
  }
  return "";
}

}  // namespace

std::string CatalogDirFromEnvironment() {
  const char* from_env = std::getenv("SSLSTORE_CATALOG_DIR");
  return from_env == nullptr ? "" : from_env;
}

std::string DefaultCatalogDir() {
  std::string from_env = CatalogDirFromEnvironment();
  return from_env.empty() ? BuiltInCatalogDir() : from_env;
}

std::string BuiltInCatalogDir() {
  const fs::path program_dir = ProgramDir();
  if (!program_dir.empty()) {
    const fs::path installed = (program_dir / kFromBinDir).lexically_normal();
    if (IsDirectory(installed)) return installed.string();
    std::string build_tree = BuildTreeCatalogDir(program_dir);
    if (!build_tree.empty()) return build_tree;
  }
  return kInstalledDir;
}

}  // namespace sslstore::catalog
