#include "sslstore_client/dns/host_name.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"

namespace sslstore::dns {
namespace {

bool IsAllDigits(absl::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !text.empty();
}

}  // namespace

bool IsLdhLabel(absl::string_view label) {
  if (label.empty() || label.size() > kMaxLabelLength) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-') {
      return false;
    }
  }
  return true;
}

bool IsHostName(absl::string_view name) {
  if (name.empty() || name.size() > kMaxHostNameLength) return false;
  std::vector<absl::string_view> labels = absl::StrSplit(name, '.');
  if (labels.size() < 2) return false;
  for (absl::string_view label : labels) {
    if (!IsLdhLabel(label)) return false;
  }
  // The top-level label is never all digits ("192.168.0.1" is an address).
  return !IsAllDigits(labels.back());
}

}  // namespace sslstore::dns
