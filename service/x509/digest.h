#ifndef SERVICE_X509_DIGEST_H_
#define SERVICE_X509_DIGEST_H_

#include <string>

#include "absl/strings/string_view.h"

namespace sslstore::service::x509 {

// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(absl::string_view data);

// Upper-case hex of `bytes`, two digits per byte, no separators.
std::string HexUpper(absl::string_view bytes);

}  // namespace sslstore::service::x509

#endif  // SERVICE_X509_DIGEST_H_
