#include "service/enroll/reissue_san_edits.h"

#include <set>

#include "absl/strings/ascii.h"

namespace sslstore::service::enroll {

SanEdits ComputeSanEdits(const client::OrderResponse& order,
                         const std::vector<std::string>& wanted) {
  std::vector<std::string> current;
  if (!order.common_name.empty()) current.push_back(order.common_name);
  current.insert(current.end(), order.dns_names.begin(), order.dns_names.end());
  SanEdits edits;
  if (current.empty()) return edits;
  std::set<std::string> have;
  for (const std::string& name : current) {
    have.insert(absl::AsciiStrToLower(name));
  }
  std::set<std::string> want;
  for (const std::string& name : wanted) {
    if (name.empty()) continue;
    const std::string lowered = absl::AsciiStrToLower(name);
    if (want.insert(lowered).second && have.count(lowered) == 0) {
      edits.add.push_back({"", name});
    }
  }
  std::set<std::string> dropped;
  for (const std::string& name : current) {
    const std::string lowered = absl::AsciiStrToLower(name);
    if (want.count(lowered) == 0 && dropped.insert(lowered).second) {
      edits.remove.push_back({name, ""});
    }
  }
  return edits;
}

}  // namespace sslstore::service::enroll
