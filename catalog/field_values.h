#ifndef CATALOG_FIELD_VALUES_H_
#define CATALOG_FIELD_VALUES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "catalog/product.h"

namespace sslstore::catalog {

// Parses a boolean parameter: "true"/"false" in any case ("True" as the
// gateway sends), surrounding whitespace ignored; nullopt otherwise.
std::optional<bool> ParseBooleanValue(absl::string_view value);

// True if `address` is one well-formed email address (local@domain.tld, no
// spaces, RFC 5321 length limits, letters/digits/hyphens in domain labels).
bool IsWellFormedEmail(absl::string_view address);

// Splits a comma- (or semicolon-) separated email list, trimming whitespace
// and dropping empty entries. Entries are not checked.
std::vector<std::string> SplitEmailList(absl::string_view value);

// Parses a DigiCert organization id: plain digits ("1234"), or the legacy
// drop-down label "Name (1234) City-US" from which the number in the first
// parenthesised group holding digits is taken. The id must be positive.
absl::StatusOr<int64_t> ParseOrganizationId(absl::string_view value);

// The option of `options` equal to `value` ignoring case (the option's own
// spelling); nullopt when none matches.
std::optional<std::string> MatchOption(const std::vector<std::string>& options,
                                       absl::string_view value);

// Checks a non-empty parameter `value` against `field`'s type and returns its
// normalized form: options in their listed spelling, booleans "true"/"false",
// organization ids and integers as plain digits, email lists joined by ",",
// validity as whole days. The error message says what is wrong with the
// value without naming the field. Allowed months are product-specific and
// not checked here.
absl::StatusOr<std::string> NormalizeFieldValue(const FieldSpec& field,
                                                absl::string_view value);

// `value` in double quotes, cut to 80 characters: user input in messages.
std::string QuoteValue(absl::string_view value);

}  // namespace sslstore::catalog

#endif  // CATALOG_FIELD_VALUES_H_
