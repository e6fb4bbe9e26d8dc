#include "service/x509/domain_names.h"

#include <arpa/inet.h>

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace sslstore::service::x509 {
namespace {

constexpr size_t kMaxNameLength = 253;
constexpr size_t kMaxLabelLength = 63;
constexpr size_t kMaxAddressText = 64;

bool IsLdhLabel(absl::string_view label) {
  if (label.empty() || label.size() > kMaxLabelLength) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    if (!absl::ascii_isalnum(c) && c != '-') return false;
  }
  return true;
}

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return !s.empty();
}

}  // namespace

std::string NormalizeDnsName(absl::string_view name) {
  absl::string_view trimmed = absl::StripAsciiWhitespace(name);
  if (absl::EndsWith(trimmed, ".")) trimmed.remove_suffix(1);
  return absl::AsciiStrToLower(trimmed);
}

bool IsValidDnsName(absl::string_view name, bool allow_wildcard) {
  const std::string normalized = NormalizeDnsName(name);
  if (normalized.empty() || normalized.size() > kMaxNameLength) return false;
  std::vector<absl::string_view> labels = absl::StrSplit(normalized, '.');
  size_t first = 0;
  if (labels.front() == "*") {
    if (!allow_wildcard) return false;
    first = 1;
  }
  if (labels.size() - first < 2) return false;
  for (size_t i = first; i < labels.size(); ++i) {
    if (!IsLdhLabel(labels[i])) return false;
  }
  return !AllDigits(labels.back());
}

bool IsWildcard(absl::string_view name) {
  return absl::StartsWith(absl::StripAsciiWhitespace(name), "*.");
}

bool IsValidIpAddress(absl::string_view text) {
  if (text.empty() || text.size() > kMaxAddressText) return false;
  const std::string s(text);
  unsigned char buffer[16];
  return inet_pton(AF_INET, s.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, s.c_str(), buffer) == 1;
}

std::string NormalizeIpAddress(absl::string_view text) {
  const std::string s(absl::StripAsciiWhitespace(text));
  if (s.size() > kMaxAddressText) return std::string(text);
  unsigned char buffer[16];
  char out[INET6_ADDRSTRLEN] = {};
  if (inet_pton(AF_INET, s.c_str(), buffer) == 1) {
    if (inet_ntop(AF_INET, buffer, out, sizeof(out)) != nullptr) return out;
  } else if (inet_pton(AF_INET6, s.c_str(), buffer) == 1) {
    if (inet_ntop(AF_INET6, buffer, out, sizeof(out)) != nullptr) return out;
  }
  return std::string(text);
}

bool IsValidEmailAddress(absl::string_view text) {
  const size_t at = text.find('@');
  if (at == absl::string_view::npos || at == 0 ||
      text.find('@', at + 1) != absl::string_view::npos) {
    return false;
  }
  for (char c : text.substr(0, at)) {
    if (c <= ' ' || c > '~') return false;
  }
  return IsValidDnsName(text.substr(at + 1), /*allow_wildcard=*/false);
}

}  // namespace sslstore::service::x509
