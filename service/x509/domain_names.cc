#include "service/x509/domain_names.h"

#include <arpa/inet.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "sslstore_client/dns/host_name.h"

namespace sslstore::service::x509 {
namespace {

constexpr size_t kMaxAddressText = 64;

}  // namespace

std::string NormalizeDnsName(absl::string_view name) {
  absl::string_view trimmed = absl::StripAsciiWhitespace(name);
  if (absl::EndsWith(trimmed, ".")) trimmed.remove_suffix(1);
  return absl::AsciiStrToLower(trimmed);
}

bool IsValidDnsName(absl::string_view name, bool allow_wildcard) {
  const std::string normalized = NormalizeDnsName(name);
  if (allow_wildcard && absl::StartsWith(normalized, "*.")) {
    return normalized.size() <= dns::kMaxHostNameLength &&
           dns::IsHostName(absl::string_view(normalized).substr(2));
  }
  return dns::IsHostName(normalized);
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
