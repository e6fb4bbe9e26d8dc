#ifndef TESTS_SERVICE_X509_TEST_PKI_H_
#define TESTS_SERVICE_X509_TEST_PKI_H_

#include <string>
#include <utility>
#include <vector>

#include "sslstore_client/openssl/openssl_ptr.h"

// OpenSSL fixtures for the x509 tests: keys, CSRs and small CA hierarchies
// generated in memory. On an OpenSSL failure a function returns null or an
// empty string; tests assert on that.
namespace sslstore::service::x509::testing {

// A fresh RSA key of `bits` bits.
openssl::EvpPkeyPtr GenerateRsaKey(int bits);
// A fresh EC key on OpenSSL group `group` ("prime256v1", "secp384r1",
// "secp521r1").
openssl::EvpPkeyPtr GenerateEcKey(const char* group);
// A fresh Ed25519 key.
openssl::EvpPkeyPtr GenerateEd25519Key();

// Keys generated once per process (RSA generation is slow).
EVP_PKEY* SharedRsa2048Key(int index);  // index 0..5: distinct keys
EVP_PKEY* SharedEcP256Key();

// Subject attributes in DER order (least specific first: C, O, CN); an
// attribute whose type starts with '+' joins the previous RDN.
using NameSpec = std::vector<std::pair<std::string, std::string>>;

// What a test CSR contains.
struct CsrSpec {
  NameSpec subject;
  // subjectAltName in OpenSSL config syntax ("DNS:a.example,IP:10.0.0.1");
  // "" for no extension.
  std::string san;
};

// DER of a CSR for `key` signed with SHA-256 (no digest for Ed25519).
std::string MakeCsrDer(EVP_PKEY* key, const CsrSpec& spec);
// The same CSR as PEM ("CERTIFICATE REQUEST").
std::string MakeCsrPem(EVP_PKEY* key, const CsrSpec& spec);

// What a test certificate contains.
struct CertSpec {
  NameSpec subject;
  bool is_ca = false;
  std::string serial_hex = "01";  // upper-case hex
  std::string san;                // OpenSSL config syntax, "" for none
  int days = 365;
  bool key_ids = true;  // add subject and authority key identifiers
};

// A CertSpec with the given subject, CA flag and serial, other fields default.
CertSpec Spec(NameSpec subject, bool is_ca, std::string serial_hex);

// A certificate for `subject_key`, issued by `issuer` with `issuer_key`
// (self-signed when `issuer` is null).
openssl::X509Ptr IssueCertificate(const CertSpec& spec, EVP_PKEY* subject_key,
                                  X509* issuer, EVP_PKEY* issuer_key);

// DER and PEM of `x`.
std::string CertDer(X509* x);
std::string CertPem(X509* x);

// Unencrypted PEM ("PRIVATE KEY", PKCS#8) of `key`.
std::string KeyPem(EVP_PKEY* key);

// A root -> intermediate -> leaf hierarchy (RSA 2048 shared keys).
struct Hierarchy {
  openssl::X509Ptr root;
  openssl::X509Ptr intermediate;
  openssl::X509Ptr leaf;
};
// `key_offset` selects distinct shared keys so two hierarchies are unrelated
// (0 or 3).
Hierarchy MakeHierarchy(const std::string& leaf_cn, int key_offset = 0);

// Certificates that only a signature check tells apart, for a hierarchy
// made with key_offset 0: a leaf without key identifiers
// ("plain.example.com", serial 05) signed by the intermediate, and an
// impostor intermediate with the real one's name but another key (serial
// 66, issued by the root).
struct NameOnlyMatch {
  openssl::X509Ptr leaf;
  openssl::X509Ptr impostor;
};
NameOnlyMatch MakeNameOnlyMatch(const Hierarchy& h);

}  // namespace sslstore::service::x509::testing

#endif  // TESTS_SERVICE_X509_TEST_PKI_H_
