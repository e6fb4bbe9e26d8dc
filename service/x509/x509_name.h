#ifndef SERVICE_X509_X509_NAME_H_
#define SERVICE_X509_X509_NAME_H_

#include <openssl/x509.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "service/x509/distinguished_name.h"

namespace sslstore::service::x509 {

// The attributes of an OpenSSL X509_NAME in RFC 4514 order (last RDN of the
// DER first), values converted to UTF-8 and types canonical (unknown types
// as dotted OIDs). INVALID_ARGUMENT if a value cannot be converted to UTF-8
// or is not clean UTF-8 text.
absl::StatusOr<std::vector<DnAttribute>> NameAttributes(const X509_NAME* name);

// RFC 4514 string of `name` (FormatDistinguishedName of NameAttributes).
absl::StatusOr<std::string> FormatX509Name(const X509_NAME* name);

// Value of the most specific commonName of `name`; "" if none.
absl::StatusOr<std::string> CommonNameOf(const X509_NAME* name);

}  // namespace sslstore::service::x509

#endif  // SERVICE_X509_X509_NAME_H_
