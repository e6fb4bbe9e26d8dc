#ifndef SERVICE_X509_CERTIFICATE_LIGHT_H_
#define SERVICE_X509_CERTIFICATE_LIGHT_H_

#include <openssl/x509v3.h>

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/x509/certificate.h"
#include "sslstore_client/openssl/openssl_ptr.h"

namespace sslstore::service::x509 {

// What chain ordering needs of a certificate that ParseCertificateDerLight
// read without decoding its public key (OpenSSL 3 key decoding costs
// hundreds of microseconds per certificate; a sync reads one leaf per
// order). Read-only once built, so it is safe to share between threads.
class LightCertificate {
 public:
  ~LightCertificate();
  LightCertificate(const LightCertificate&) = delete;
  LightCertificate& operator=(const LightCertificate&) = delete;

  // The subject and issuer names (never null).
  const X509_NAME* subject() const;
  const X509_NAME* issuer() const;
  // The authorityKeyIdentifier extension; null if absent.
  const AUTHORITY_KEYID* authority_key_id() const { return akid_.get(); }
  // True if the certificate has a subjectKeyIdentifier.
  bool has_subject_key_id() const { return has_skid_; }
  // True if the certificate has a proxyCertInfo extension.
  bool proxy() const { return proxy_; }
  // OBJ_obj2nid of the algorithm the certificate is signed with (the
  // TBSCertificate's `signature` field); NID_undef if unknown.
  int signature_nid() const { return signature_nid_; }

  // Internal: the decoded structure (an ASN1 item private to the .cc file).
  struct Decoded;

 private:
  friend absl::StatusOr<CertificateInfo> ParseCertificateDerLight(
      absl::string_view der);
  LightCertificate() = default;

  Decoded* decoded_ = nullptr;
  openssl::AuthorityKeyIdPtr akid_;
  bool has_skid_ = false;
  bool proxy_ = false;
  int signature_nid_ = 0;
};

// Parses one DER certificate like ParseCertificateDer, with the same
// acceptance rules and messages (one X.509 certificate, no trailing bytes,
// well-formed extensions as OpenSSL judges them, readable names, serial,
// dates and subjectAltName), but with OpenSSL ASN.1 templates for the
// certificate in which the SubjectPublicKeyInfo stays undecoded:
// `public_key_der` holds its DER bytes, `x509` is null and `light` is set.
// `pem`, `sha256_hex` and every other field are filled as
// ParseCertificateDer fills them. Nothing is cached. Safe on any input
// (fuzz entry point).
absl::StatusOr<CertificateInfo> ParseCertificateDerLight(absl::string_view der);

}  // namespace sslstore::service::x509

#endif  // SERVICE_X509_CERTIFICATE_LIGHT_H_
