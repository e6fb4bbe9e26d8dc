// What every command shares.
#include "tools/gateway-cli/commands.h"

namespace sslstore::gateway::cli {

void Print(std::FILE* out, const std::string& text) {
  std::fputs(text.c_str(), out);
  if (!text.empty() && text.back() != '\n') std::fputc('\n', out);
}

}  // namespace sslstore::gateway::cli
