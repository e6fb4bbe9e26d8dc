#ifndef SERVICE_X509_CERTIFICATE_FIELDS_H_
#define SERVICE_X509_CERTIFICATE_FIELDS_H_

#include <openssl/x509.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "service/x509/certificate.h"

namespace sslstore::service::x509 {

// The decoded parts of a certificate that both parsers (ParseCertificateDer
// with OpenSSL's X509, ParseCertificateDerLight without the public key) turn
// into CertificateInfo fields. Pointers are borrowed and may be null.
struct CertificateParts {
  const X509_NAME* subject = nullptr;
  const X509_NAME* issuer = nullptr;
  const ASN1_INTEGER* serial = nullptr;
  const ASN1_TIME* not_before = nullptr;
  const ASN1_TIME* not_after = nullptr;
};

// Fills subject, common_name, issuer, self_issued, serial_hex, not_before
// and not_after. INVALID_ARGUMENT ("certificate subject: ...",
// "certificate serial number is unreadable", ...) when one cannot be read.
absl::Status ReadNamesSerialAndDates(const CertificateParts& parts,
                                     CertificateInfo* info);

// Fills the subjectAltName lists from `extensions` (may be null).
// INVALID_ARGUMENT if the extension is repeated or malformed.
absl::Status ReadSubjectAltNames(const STACK_OF(X509_EXTENSION) * extensions,
                                 CertificateInfo* info);

// Upper-case hex of an OCTET STRING; "" for null or empty.
std::string OctetsHex(const ASN1_OCTET_STRING* octets);

}  // namespace sslstore::service::x509

#endif  // SERVICE_X509_CERTIFICATE_FIELDS_H_
