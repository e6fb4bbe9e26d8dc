#ifndef VERSION_VERSION_H_
#define VERSION_VERSION_H_

#include "absl/strings/string_view.h"

namespace sslstore::version {

// The CMake project version, e.g. "0.1.0".
absl::string_view ProjectVersion();

// `git describe --always --dirty` of the source tree at configure time, e.g.
// "7252748-dirty"; empty when git or the repository was not available.
absl::string_view GitDescribe();

// The build's version: ProjectVersion(), followed by "+" and GitDescribe()
// when that is known, e.g. "0.1.0+7252748-dirty".
absl::string_view VersionString();

// When one of `argv`'s arguments (before a "--") is "--version", prints
// "<program> <VersionString()>" on stdout and returns true.
bool PrintVersionIfAsked(int argc, char** argv, absl::string_view program);

}  // namespace sslstore::version

#endif  // VERSION_VERSION_H_
