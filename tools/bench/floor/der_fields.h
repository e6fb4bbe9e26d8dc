// The --x509=fields mode of sync-floor-bench: what a CertificateRecord needs
// from a downloaded chain, read by walking the DER by hand instead of
// d2i_X509 (OpenSSL decodes only the names, times and subjectAltName).
#ifndef TOOLS_BENCH_FLOOR_DER_FIELDS_H_
#define TOOLS_BENCH_FLOOR_DER_FIELDS_H_

#include <openssl/bio.h>

#include <cstring>
#include <ctime>
#include <string>
#include <vector>

namespace sslstore::bench {

// A span of DER bytes (not owned).
struct DerSpan {
  const unsigned char* data = nullptr;
  long size = 0;
  // Same bytes.
  bool operator==(const DerSpan& o) const {
    return size == o.size && std::memcmp(data, o.data, size) == 0;
  }
};

// Where the fields of a certificate's TBSCertificate are (inside the DER
// the view was made from, which must outlive it).
struct CertView {
  DerSpan serial;      // INTEGER content
  DerSpan issuer;      // Name, whole TLV
  DerSpan validity;    // SEQUENCE content
  DerSpan subject;     // Name, whole TLV
  DerSpan extensions;  // [3] content; empty when absent
};

// Locates the TBSCertificate fields of the DER certificate `der`; false when
// its structure is not a certificate's.
bool ViewCertificate(const std::string& der, CertView* view);

// The fields a CertificateRecord carries for one certificate.
struct CertFields {
  std::string serial_hex;  // upper-case, without the sign padding byte
  std::string subject;     // RFC 4514
  std::string issuer;      // RFC 4514
  time_t not_before = 0;
  time_t not_after = 0;
  std::vector<std::string> sans;  // dNSName entries (leaf only)
};

// Reads serial, subject, issuer and validity of `view` into `out`, and the
// subjectAltName DNS names when `with_sans`; `bio` is a memory BIO used as
// scratch for the names. False when a field does not decode.
bool ReadCertFields(const CertView& view, bool with_sans, BIO* bio,
                    CertFields* out);

// What a record needs from a downloaded chain (DER certificates in any
// order): finds the leaf by inspection (the certificate whose subject issues
// no other one) and reads serial, subject, issuer and validity of every
// certificate and the leaf's DNS names. False when any of it fails.
bool ReadRecordFields(const std::vector<std::string>& ders);

}  // namespace sslstore::bench

#endif  // TOOLS_BENCH_FLOOR_DER_FIELDS_H_
