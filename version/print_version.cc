#include <cstdio>
#include <string>

#include "version/version.h"

namespace sslstore::version {

bool PrintVersionIfAsked(int argc, char** argv, absl::string_view program) {
  for (int i = 1; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (arg == "--") return false;
    if (arg != "--version") continue;
    const std::string line =
        std::string(program) + " " + std::string(VersionString()) + "\n";
    std::fputs(line.c_str(), stdout);
    return true;
  }
  return false;
}

}  // namespace sslstore::version
