#ifndef SERVICE_X509_DOMAIN_NAMES_H_
#define SERVICE_X509_DOMAIN_NAMES_H_

#include <string>

#include "absl/strings/string_view.h"

namespace sslstore::service::x509 {

// `name` in ASCII lower case, surrounding whitespace and one trailing dot
// removed ("WWW.Example.COM." -> "www.example.com").
std::string NormalizeDnsName(absl::string_view name);

// True for a name a public CA can certify: after NormalizeDnsName, a host
// name by dns::IsHostName (at most 253 characters, at least two labels,
// each label 1-63 characters of letters, digits and hyphens, no hyphen
// first or last, punycode "xn--" fine; a top-level label that is not all
// digits). With `allow_wildcard`, a
// leftmost label of exactly "*" is accepted when at least two labels follow
// ("*.example.com", not "*.com" or "w*.example.com").
bool IsValidDnsName(absl::string_view name, bool allow_wildcard);

// True if `name` starts with the wildcard label "*.".
bool IsWildcard(absl::string_view name);

// True for a textual IPv4 (dotted quad) or IPv6 address.
bool IsValidIpAddress(absl::string_view text);

// Canonical text of an IP address ("2001:DB8::0001" -> "2001:db8::1");
// `text` unchanged if it is not an address.
std::string NormalizeIpAddress(absl::string_view text);

// True for a plausible email address: one '@', a non-empty local part of
// printable ASCII without spaces, and a valid DNS domain.
bool IsValidEmailAddress(absl::string_view text);

}  // namespace sslstore::service::x509

#endif  // SERVICE_X509_DOMAIN_NAMES_H_
