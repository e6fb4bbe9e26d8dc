#ifndef SSLSTORE_CLIENT_FILES_ATOMIC_FILE_H_
#define SSLSTORE_CLIENT_FILES_ATOMIC_FILE_H_

#include <sys/types.h>

#include <string>

#include "absl/status/status.h"

namespace sslstore::files {

// Writes `text` to `path` through `path` + ".new" (created with `mode`, or
// truncated) and a rename, so that a reader sees the old contents or the
// new, never a mix. INTERNAL naming the file and the system's reason
// ("cannot write /run/x/port.new: No space left on device") when it fails;
// the temporary file is then removed.
absl::Status WriteFileAtomically(const std::string& path,
                                 const std::string& text, mode_t mode = 0644);

}  // namespace sslstore::files

#endif  // SSLSTORE_CLIENT_FILES_ATOMIC_FILE_H_
