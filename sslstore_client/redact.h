#ifndef SSLSTORE_CLIENT_REDACT_H_
#define SSLSTORE_CLIENT_REDACT_H_

#include <string>

#include "absl/strings/string_view.h"

namespace sslstore::client {

// Returns `text` with every occurrence of `secret` (as is and JSON-escaped)
// replaced by "[REDACTED]". An empty secret changes nothing.
std::string Redact(absl::string_view text, absl::string_view secret);

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_REDACT_H_
