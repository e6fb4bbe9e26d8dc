// OpenSSL helpers for the simulator tests: CSR generation (RSA 2048 or EC
// P-256) and certificate chain inspection/verification.
#ifndef TESTS_SSLSTORE_SIM_TEST_CRYPTO_H_
#define TESTS_SSLSTORE_SIM_TEST_CRYPTO_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace sslstore_sim_test {

// Key algorithm of a generated CSR.
enum class KeyKind { kRsa2048, kEcP256 };

// A generated CSR.
struct TestCsr {
  std::string pem;             // PEM, LF line endings
  std::string public_key_der;  // SubjectPublicKeyInfo DER
};

// Generates a key and a CSR with subject CN `common_name` (omitted when
// empty) and dNSName SANs `sans` (no extension when empty).
absl::StatusOr<TestCsr> MakeCsr(KeyKind kind, const std::string& common_name,
                                const std::vector<std::string>& sans = {});

// What a test checks in a certificate.
struct CertInfo {
  std::string subject_cn;
  std::vector<std::string> dns_names;
  std::string public_key_der;
  std::string serial_hex;
  bool is_ca = false;
  std::string subject;  // one-line subject
  std::string issuer;   // one-line issuer
};

// Parses one PEM certificate.
absl::StatusOr<CertInfo> InspectCert(const std::string& pem);

// Verifies `leaf_pem` with `intermediates_pem` as untrusted chain and
// `root_pem` as the only trust anchor (X509_verify_cert).
absl::Status VerifyChain(const std::string& leaf_pem,
                         const std::vector<std::string>& intermediates_pem,
                         const std::string& root_pem);

}  // namespace sslstore_sim_test

#endif  // TESTS_SSLSTORE_SIM_TEST_CRYPTO_H_
