#include "service/server/server_tls_material.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "openssl/bio.h"
#include "openssl/err.h"
#include "openssl/pem.h"
#include "openssl/x509.h"
#include "service/config/config_json.h"
#include "sslstore_client/openssl/openssl_ptr.h"

namespace sslstore::service {
namespace {

using ::sslstore::openssl::BioPtr;
using ::sslstore::openssl::EvpPkeyPtr;
using ::sslstore::openssl::X509Ptr;

absl::Status FileError(absl::string_view key, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("tls.", key, ": ", problem));
}

absl::StatusOr<std::string> ReadPem(absl::string_view key,
                                    const std::string& path) {
  absl::StatusOr<std::string> text = config_json::ReadFileText(path);
  if (!text.ok()) return FileError(key, text.status().message());
  return text;
}

BioPtr MemoryBio(const std::string& text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

// Counts the PEM certificates in `pem` (0 when none parses).
int CountCertificates(const std::string& pem) {
  BioPtr bio = MemoryBio(pem);
  int count = 0;
  while (bio != nullptr) {
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (cert == nullptr) break;
    ++count;
  }
  ERR_clear_error();
  return count;
}

absl::Status CheckKeyMatchesCertificate(const std::string& cert_pem,
                                        const std::string& key_pem) {
  BioPtr cert_bio = MemoryBio(cert_pem);
  BioPtr key_bio = MemoryBio(key_pem);
  if (cert_bio == nullptr || key_bio == nullptr) {
    return absl::ResourceExhaustedError("out of memory reading TLS files");
  }
  X509Ptr cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
  EvpPkeyPtr key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  const bool matches = cert != nullptr && key != nullptr &&
                       X509_check_private_key(cert.get(), key.get());
  ERR_clear_error();
  if (key == nullptr) {
    return FileError("key_file", "is not an unencrypted PEM private key");
  }
  if (!matches) {
    return FileError("key_file", "does not belong to tls.cert_file");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ServerTlsMaterial> LoadServerTlsMaterial(
    const ServerTlsConfig& tls) {
  ServerTlsMaterial material;
  absl::StatusOr<std::string> cert = ReadPem("cert_file", tls.cert_file);
  if (!cert.ok()) return cert.status();
  if (CountCertificates(*cert) == 0) {
    return FileError("cert_file", "holds no PEM certificate");
  }
  absl::StatusOr<std::string> key = ReadPem("key_file", tls.key_file);
  if (!key.ok()) return key.status();
  absl::Status matching = CheckKeyMatchesCertificate(*cert, *key);
  if (!matching.ok()) return matching;
  material.cert_chain_pem = *std::move(cert);
  material.private_key_pem = *std::move(key);
  if (tls.mutual()) {
    absl::StatusOr<std::string> client_ca =
        ReadPem("client_ca_file", tls.client_ca_file);
    if (!client_ca.ok()) return client_ca.status();
    if (CountCertificates(*client_ca) == 0) {
      return FileError("client_ca_file", "holds no PEM certificate");
    }
    material.client_ca_pem = *std::move(client_ca);
  }
  return material;
}

}  // namespace sslstore::service
