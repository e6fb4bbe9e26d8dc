// Writing a certificate (PEM) to the file named by --out.
#ifndef TOOLS_GATEWAY_CLI_PEM_FILE_H_
#define TOOLS_GATEWAY_CLI_PEM_FILE_H_

#include <string>

#include "absl/status/status.h"

namespace sslstore::gateway::cli {

// Writes `pem` to `path`, replacing the file; a usage error (exit 2) when
// it cannot be written.
absl::Status WritePemFile(const std::string& path, const std::string& pem);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_PEM_FILE_H_
