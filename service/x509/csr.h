#ifndef SERVICE_X509_CSR_H_
#define SERVICE_X509_CSR_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/x509/distinguished_name.h"
#include "service/x509/problem.h"

namespace sslstore::service::x509 {

// The largest CSR text accepted (64 KiB).
inline constexpr size_t kMaxCsrTextBytes = size_t{64} << 10;

// What a PKCS#10 certificate signing request says, as read by ParseCsr.
struct CsrInfo {
  std::string der;      // the request's DER bytes
  std::string pem;      // normalised "-----BEGIN CERTIFICATE REQUEST-----"
                        // PEM, 64-character lines, "\n" line ends
  std::string subject;  // RFC 4514 string, most specific RDN first
  std::vector<DnAttribute> subject_attributes;  // same, parsed
  std::string common_name;  // most specific CN of the subject; "" if none
  // subjectAltName entries of the extensionRequest attribute, as encoded.
  std::vector<std::string> dns_names;
  std::vector<std::string> ip_addresses;
  std::vector<std::string> emails;
  std::vector<std::string> uris;
  std::string key_algorithm;     // "RSA", "EC", "ED25519", "RSA-PSS", ...
  int key_bits = 0;              // modulus or field size in bits
  std::string ec_curve;          // "P-256", "P-384", or OpenSSL's group name
                                 // ("secp521r1"); "" for non-EC keys
  std::string key_type;          // "RSA-2048", "EC-P256", "EC-P384",
                                 // "EC-secp521r1", "ED25519", ...
  std::string public_key_der;    // SubjectPublicKeyInfo DER (compare with an
                                 // issued certificate's public_key_der)
  std::string sha256_hex;        // lower-case hex SHA-256 of `der`
  bool signature_valid = false;  // the self-signature verifies
};

// Parses a CSR given as PEM ("CERTIFICATE REQUEST" or "NEW CERTIFICATE
// REQUEST" label, LF or CRLF, text around the block ignored) or as base64
// DER without armour. Does not judge the signature or key (see
// CsrPolicyProblems). INVALID_ARGUMENT with a user-readable message for
// empty input ("CSR is empty"), input over kMaxCsrTextBytes, "not PEM or
// base64 DER", a PEM block of another kind, more than one block, DER that is
// not a PKCS#10 request (or has trailing bytes), an unreadable public key, a
// subject that is not UTF-8 text, or a malformed subjectAltName extension.
absl::StatusOr<CsrInfo> ParseCsr(absl::string_view text);

// The signature and key policy problems of a parsed CSR (field "csr"), all
// of them: "CSR signature does not verify", "RSA key of 1024 bits; 2048 or
// more required", "EC curve secp521r1 not accepted; use P-256 or P-384",
// "key type ED25519 not accepted; use RSA (2048 bits or more) or EC P-256 or
// P-384". Empty = acceptable.
std::vector<Problem> CsrPolicyProblems(const CsrInfo& csr);

// ParseCsr and CsrPolicyProblems together: `info` is set when the CSR
// parsed (even if it breaks the policy); `problems` lists everything wrong
// (field "csr"), empty when the CSR is acceptable.
struct CsrCheck {
  std::optional<CsrInfo> info;
  std::vector<Problem> problems;
};
CsrCheck CheckCsr(absl::string_view text);

// The CSR if it parses and passes the policy; otherwise INVALID_ARGUMENT
// whose message lists every problem, separated by "; ".
absl::StatusOr<CsrInfo> ValidateCsr(absl::string_view text);

}  // namespace sslstore::service::x509

#endif  // SERVICE_X509_CSR_H_
