#ifndef SERVICE_X509_CERTIFICATE_H_
#define SERVICE_X509_CERTIFICATE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "openssl/x509.h"

namespace sslstore::service::x509 {

class LightCertificate;

// The most certificates ParseCertificates returns for one download.
inline constexpr size_t kMaxCertificatesPerDownload = 64;

// What an X.509 certificate says, as read by ParseCertificateDer.
struct CertificateInfo {
  std::string der;          // DER bytes, never empty
  std::string pem;          // "-----BEGIN CERTIFICATE-----" PEM, "\n" ends
  std::string subject;      // RFC 4514 string, most specific RDN first
  std::string issuer;       // RFC 4514 string
  std::string common_name;  // most specific CN of the subject; "" if none
  std::string serial_hex;   // upper-case hex of the serial's big-endian
                            // bytes: even length, no colons, no DER sign
                            // byte ("0A1B", not "00:0A:1B"); "0" for zero,
                            // "-" prefix if negative
  std::vector<std::string> dns_names;  // subjectAltName entries, as encoded
  std::vector<std::string> ip_addresses;
  std::vector<std::string> emails;
  std::vector<std::string> uris;
  absl::Time not_before;
  absl::Time not_after;
  bool is_ca = false;            // basicConstraints cA=TRUE
  bool self_issued = false;      // subject and issuer names are equal
  std::string public_key_der;    // SubjectPublicKeyInfo DER
  std::string subject_key_id;    // upper-case hex; "" if absent
  std::string authority_key_id;  // keyIdentifier, upper-case hex; "" if absent
  std::string sha256_hex;        // lower-case hex SHA-256 of `der`
  // The parsed certificate, shared and read-only, so that chain ordering
  // does not decode it again (OpenSSL 3 key decoding is costly).
  // Null for a certificate read by ParseCertificateDerLight, which sets
  // `light` instead.
  std::shared_ptr<const X509> x509;
  // What chain ordering needs of a certificate read without its public key
  // (certificate_light.h); null when `x509` is set.
  std::shared_ptr<const LightCertificate> light;
};

// How ParseCertificateText / ParseCertificates decode each certificate.
enum class CertificateDecoding {
  // Every certificate with ParseCertificateDer (public key included).
  kFull,
  // CA certificates with ParseCertificateDer (so they are cached), the
  // others (leaves) with ParseCertificateDerLight: same fields, same
  // acceptance, no public-key decoding. FindLeafAndOrder orders both kinds.
  kLightLeaves,
};

// Parses one DER certificate. CA certificates are remembered (a bounded,
// thread-safe cache keyed by the DER's SHA-256), so the intermediates and
// roots that every download repeats are decoded once per process.
// INVALID_ARGUMENT (with the reason) if it is not exactly one X.509
// certificate, or its names, validity dates, extensions or subjectAltName
// cannot be read.
absl::StatusOr<CertificateInfo> ParseCertificateDer(absl::string_view der);

// Every certificate in one text: PEM blocks labelled CERTIFICATE or X509
// CERTIFICATE, PKCS7 blocks (their certificates), or unarmoured base64 of a
// certificate or PKCS#7 bundle; CRLF and text around the blocks are fine,
// blocks of other kinds (keys, CSRs) are ignored. An empty or blank text
// gives an empty list. INVALID_ARGUMENT if the text or a block is bad.
absl::StatusOr<std::vector<CertificateInfo>> ParseCertificateText(
    absl::string_view text,
    CertificateDecoding decoding = CertificateDecoding::kFull);

// Every certificate in a download (a list of PEM texts, e.g. WBAPI
// Certificates[].FileContent), in order of appearance, duplicates (same DER)
// removed. Blank entries are skipped. INVALID_ARGUMENT naming the bad entry
// ("certificate file 2 of 3: ...") if any entry cannot be read, if there is
// no certificate at all, or more than kMaxCertificatesPerDownload files or
// (distinct) certificates.
absl::StatusOr<std::vector<CertificateInfo>> ParseCertificates(
    const std::vector<std::string>& pem_texts,
    CertificateDecoding decoding = CertificateDecoding::kFull);

}  // namespace sslstore::service::x509

#endif  // SERVICE_X509_CERTIFICATE_H_
