#include "tools/gateway-cli/pem_file.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "tools/gateway-cli/exit_codes.h"

namespace sslstore::gateway::cli {

absl::Status WritePemFile(const std::string& path, const std::string& pem) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << pem;
  out.close();
  if (!out) {
    return UsageError(absl::StrCat("--out: cannot write \"", path, "\""));
  }
  return absl::OkStatus();
}

}  // namespace sslstore::gateway::cli
