// Small RAII and error helpers for the simulator's OpenSSL code.
#ifndef TOOLS_SSLSTORE_SIM_OPENSSL_UTIL_H_
#define TOOLS_SSLSTORE_SIM_OPENSSL_UTIL_H_

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sslstore_sim {

struct BioDeleter {
  void operator()(BIO* p) const { BIO_free_all(p); }
};
struct X509Deleter {
  void operator()(X509* p) const { X509_free(p); }
};
struct X509ReqDeleter {
  void operator()(X509_REQ* p) const { X509_REQ_free(p); }
};
struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};

using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;
using X509ReqPtr = std::unique_ptr<X509_REQ, X509ReqDeleter>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;

// Returns an internal error with `what` and the drained OpenSSL error queue.
absl::Status OpenSslError(absl::string_view what);

// Returns the contents of a memory BIO as a string.
std::string BioToString(BIO* bio);

// PEM-encodes a certificate.
absl::StatusOr<std::string> CertToPem(X509* cert);

// PEM-encodes a private key (unencrypted PKCS#8).
absl::StatusOr<std::string> KeyToPem(EVP_PKEY* key);

// Parses the first certificate of a PEM text.
absl::StatusOr<X509Ptr> CertFromPem(absl::string_view pem);

// Parses a PEM private key.
absl::StatusOr<EvpPkeyPtr> KeyFromPem(absl::string_view pem);

// Generates a fresh EC P-256 key pair.
absl::StatusOr<EvpPkeyPtr> GenerateEcKey();

// DER-encodes the SubjectPublicKeyInfo of `key`.
absl::StatusOr<std::string> PublicKeyDer(EVP_PKEY* key);

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_OPENSSL_UTIL_H_
