#ifndef SERVICE_X509_GENERAL_NAMES_H_
#define SERVICE_X509_GENERAL_NAMES_H_

#include <openssl/x509v3.h>

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace sslstore::service::x509 {

// The subjectAltName entries of a certificate or CSR, by type, in the order
// they appear (values as encoded; IP addresses as text).
struct SubjectAltNames {
  std::vector<std::string> dns_names;
  std::vector<std::string> ip_addresses;
  std::vector<std::string> emails;
  std::vector<std::string> uris;
};

// Appends the DNS, IP, email and URI entries of `names` to `out`; other
// types (directoryName, otherName, ...) are ignored. INVALID_ARGUMENT for an
// IP entry that is neither 4 nor 16 bytes.
absl::Status AppendGeneralNames(const GENERAL_NAMES* names,
                                SubjectAltNames* out);

// Text form of a 4-byte (IPv4) or 16-byte (IPv6) address; "" otherwise.
std::string IpBytesToText(const unsigned char* bytes, int length);

}  // namespace sslstore::service::x509

#endif  // SERVICE_X509_GENERAL_NAMES_H_
