// PEM and key helpers for the simulator's OpenSSL code. The owning pointers
// and the error text are the product's (sslstore_client/openssl/).
#ifndef TOOLS_SSLSTORE_SIM_OPENSSL_UTIL_H_
#define TOOLS_SSLSTORE_SIM_OPENSSL_UTIL_H_

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "sslstore_client/openssl/openssl_error.h"
#include "sslstore_client/openssl/openssl_ptr.h"

namespace sslstore_sim {

using ::sslstore::openssl::BioPtr;
using ::sslstore::openssl::EvpPkeyPtr;
using ::sslstore::openssl::OpenSslError;
using ::sslstore::openssl::X509Ptr;
using ::sslstore::openssl::X509ReqPtr;

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
