#ifndef SERVICE_X509_DISTINGUISHED_NAME_H_
#define SERVICE_X509_DISTINGUISHED_NAME_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sslstore::service::x509 {

// The longest distinguished-name string ParseDistinguishedName accepts.
inline constexpr size_t kMaxDistinguishedNameBytes = size_t{16} << 10;

// One attribute of a distinguished name, in RFC 4514 order (most specific
// RDN first, as in "CN=...,O=...,C=US"). `type` is canonical (see
// CanonicalAttributeType); `value` is the unescaped UTF-8 value; `rdn` is the
// 0-based index of the RDN the attribute belongs to (attributes of a
// multi-valued RDN "CN=a+UID=b" share it).
struct DnAttribute {
  std::string type;
  std::string value;
  int rdn = 0;

  bool operator==(const DnAttribute&) const = default;
};

// Canonical spelling of an attribute type: the usual short name for the
// well-known ones, matched case-insensitively by short name, long name or
// dotted OID (with or without an "OID." prefix): CN, C, L, ST (also "S"), O,
// OU, STREET, DC, UID, E (emailAddress), SERIALNUMBER. Other keywords and
// OIDs are returned as given (without "OID.").
std::string CanonicalAttributeType(absl::string_view type);

// Parses an RFC 4514 string (also the RFC 1779 forms gateways send: ';' as
// separator, quoted values, spaces around separators). Handles escaped
// specials ("O=Example\, Inc."), \XX hex escapes, "#<hex BER>" values,
// quoted values and multi-valued RDNs ("+"). An empty or blank string is an
// empty name. Errors (INVALID_ARGUMENT, message says where): a missing '=',
// a bad attribute type, a dangling or malformed escape (e.g. a value ending
// in a lone '\'), an unterminated quote, bad hex, a value that is not UTF-8
// or contains NUL, an empty RDN, or a string longer than
// kMaxDistinguishedNameBytes.
absl::StatusOr<std::vector<DnAttribute>> ParseDistinguishedName(
    absl::string_view dn);

// The value of the first attribute whose canonical type equals
// CanonicalAttributeType(`type`), i.e. the most specific one; nullopt if
// there is none.
std::optional<std::string> FindAttribute(
    const std::vector<DnAttribute>& attributes, absl::string_view type);

// Escapes `value` for an RFC 4514 string: '"', '+', ',', ';', '<', '>', '\\'
// and '=' get a backslash, a leading '#' or space and a trailing space are
// escaped, control characters become \XX.
std::string EscapeAttributeValue(absl::string_view value);

// RFC 4514 string of `attributes` ("CN=a+UID=b,O=Example\, Inc.,C=US"):
// attributes with the same `rdn` joined by '+', RDNs by ','.
std::string FormatDistinguishedName(const std::vector<DnAttribute>& attributes);

}  // namespace sslstore::service::x509

#endif  // SERVICE_X509_DISTINGUISHED_NAME_H_
