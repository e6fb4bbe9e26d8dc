#include "tools/gateway-cli/enroll_routing.h"

#include "absl/algorithm/container.h"

namespace sslstore::gateway::cli {

std::optional<std::pair<std::string, std::string>> EnrollRoutingMetadata(
    const sslstore::connector::v1::EnrollRequest& request) {
  const std::string& key = request.request_id();
  const bool printable =
      absl::c_all_of(key, [](char c) { return c >= ' ' && c <= '~'; });
  if (key.empty() || !printable) return std::nullopt;
  return std::make_pair(std::string(kRequestIdMetadataKey), key);
}

}  // namespace sslstore::gateway::cli
