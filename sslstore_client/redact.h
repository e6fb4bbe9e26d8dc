#ifndef SSLSTORE_CLIENT_REDACT_H_
#define SSLSTORE_CLIENT_REDACT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

// The one secret redaction of the C++ code: the WBAPI client's errors and
// traces, the server's logs and replies (service/observability/redactor.h
// builds its Redactor on it) and the sslstore-gateway CLI. The AnyCA plugin
// (C#) keeps a copy with the same placeholder.

namespace sslstore::client {

// The text every redacted secret is replaced with.
inline constexpr absl::string_view kRedacted = "[REDACTED]";

// `text` as the inside of a JSON string, escaped the way RapidJSON's writer
// escapes it (how a secret appears in a request body or a JSON log line).
std::string JsonEscaped(absl::string_view text);

// Replaces every occurrence of `secret` and of `escaped` (its JsonEscaped
// form, computed once by the caller) in `*text` by kRedacted. An empty
// secret changes nothing.
void RedactKnown(absl::string_view secret, absl::string_view escaped,
                 std::string* text);

// Returns `text` with every occurrence of `secret` (as is and JSON-escaped)
// replaced by "[REDACTED]". An empty secret changes nothing.
std::string Redact(absl::string_view text, absl::string_view secret);

// The same for each of `secrets`, longest first (so a secret containing
// another is removed whole); empty entries are passed over.
std::string Redact(absl::string_view text,
                   absl::Span<const std::string> secrets);

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_REDACT_H_
