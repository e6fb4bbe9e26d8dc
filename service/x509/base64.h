#ifndef SERVICE_X509_BASE64_H_
#define SERVICE_X509_BASE64_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace sslstore::service::x509 {

// Decodes standard base64 (RFC 4648 alphabet, '=' padding optional).
// ASCII whitespace anywhere (spaces, tabs, CR, LF) is ignored. Returns
// nullopt for any other character, '=' anywhere but at the end, a length that
// is not a whole number of bytes, or an input with no data at all.
std::optional<std::string> DecodeBase64(absl::string_view text);

// Encodes `data` as standard base64 with padding, on one line.
std::string EncodeBase64(absl::string_view data);

}  // namespace sslstore::service::x509

#endif  // SERVICE_X509_BASE64_H_
