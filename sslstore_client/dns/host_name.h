#ifndef SSLSTORE_CLIENT_DNS_HOST_NAME_H_
#define SSLSTORE_CLIENT_DNS_HOST_NAME_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace sslstore::dns {

// The longest host name in characters, without a trailing dot (RFC 1035).
inline constexpr size_t kMaxHostNameLength = 253;

// The longest label in characters (RFC 1035).
inline constexpr size_t kMaxLabelLength = 63;

// True for one label of 1-63 ASCII letters, digits and hyphens with no
// hyphen first or last (punycode "xn--" is fine).
bool IsLdhLabel(absl::string_view label);

// True for a fully qualified host name as written: at most 253 characters,
// at least two labels, each an LDH label, and a top-level label that is not
// all digits ("example.com", not "localhost", "1.2" or "example.com.").
// Case is not checked and nothing is trimmed: callers normalize first if
// they accept other spellings.
bool IsHostName(absl::string_view name);

}  // namespace sslstore::dns

#endif  // SSLSTORE_CLIENT_DNS_HOST_NAME_H_
