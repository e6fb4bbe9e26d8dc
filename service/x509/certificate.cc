#include "service/x509/certificate.h"

#include <openssl/objects.h>

#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "absl/strings/str_cat.h"
#include "service/x509/certificate_fields.h"
#include "service/x509/certificate_light.h"
#include "service/x509/digest.h"
#include "service/x509/pem_text.h"
#include "sslstore_client/openssl/openssl_ptr.h"

namespace sslstore::service::x509 {
namespace {

constexpr size_t kMaxBlocksPerText = kMaxCertificatesPerDownload;

// Most CA certificates the parse cache keeps; it starts over when full.
constexpr size_t kMaxCachedCaCertificates = 256;

// Parsed CA certificates by the SHA-256 of their DER.
class CaCertificateCache {
 public:
  std::optional<CertificateInfo> Find(const std::string& sha256_hex) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = entries_.find(sha256_hex);
    if (found == entries_.end()) return std::nullopt;
    return found->second;
  }
  void Add(const CertificateInfo& info) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (entries_.size() >= kMaxCachedCaCertificates) entries_.clear();
    entries_.emplace(info.sha256_hex, info);
  }

 private:
  std::mutex mutex_;
  std::map<std::string, CertificateInfo> entries_;
};

CaCertificateCache& CaCache() {
  static CaCertificateCache* const cache = new CaCertificateCache();
  return *cache;
}

absl::Status Invalid(absl::string_view what) {
  return absl::InvalidArgumentError(what);
}

absl::StatusOr<CertificateInfo> ParseWith(absl::string_view der,
                                          CertificateDecoding decoding);

// Appends the certificates of a DER PKCS#7 SignedData bundle; false if `der`
// is not one.
absl::StatusOr<bool> AppendPkcs7(absl::string_view der,
                                 CertificateDecoding decoding,
                                 std::vector<CertificateInfo>* out) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  openssl::Pkcs7Ptr p7(d2i_PKCS7(nullptr, &p, static_cast<long>(der.size())));
  if (p7 == nullptr ||
      p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    return false;
  }
  if (!PKCS7_type_is_signed(p7.get()) || p7->d.sign == nullptr) {
    return Invalid("PKCS#7 bundle is not SignedData");
  }
  STACK_OF(X509)* certs = p7->d.sign->cert;
  const int count = certs == nullptr ? 0 : sk_X509_num(certs);
  for (int i = 0; i < count; ++i) {
    X509* x = sk_X509_value(certs, i);
    unsigned char* cert_der = nullptr;
    const int len = x == nullptr ? -1 : i2d_X509(x, &cert_der);
    openssl::OpenSslMallocPtr<unsigned char> owned(cert_der);
    if (len <= 0 || cert_der == nullptr) {
      return Invalid("PKCS#7 bundle holds an unreadable certificate");
    }
    absl::StatusOr<CertificateInfo> info =
        ParseWith(absl::string_view(reinterpret_cast<const char*>(cert_der),
                                    static_cast<size_t>(len)),
                  decoding);
    if (!info.ok()) return info.status();
    if (out->size() >= kMaxCertificatesPerDownload) {
      return Invalid("too many certificates");
    }
    out->push_back(*std::move(info));
  }
  return true;
}

}  // namespace

absl::StatusOr<CertificateInfo> ParseCertificateDer(absl::string_view der) {
  if (der.empty()) return Invalid("certificate is empty");
  const std::string sha256_hex = Sha256Hex(der);
  if (std::optional<CertificateInfo> cached = CaCache().Find(sha256_hex)) {
    return *std::move(cached);
  }
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  openssl::X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (x == nullptr) return Invalid("not an X.509 certificate");
  if (p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    return Invalid("certificate has trailing bytes");
  }
  // Computes the cached extension data (key ids, CA flag); flags malformed
  // extensions as EXFLAG_INVALID.
  const uint32_t flags = X509_get_extension_flags(x.get());
  if ((flags & EXFLAG_INVALID) != 0) {
    return Invalid("certificate has malformed extensions");
  }

  CertificateInfo info;
  info.der = std::string(der);
  info.pem = ToPem("CERTIFICATE", info.der);
  info.sha256_hex = sha256_hex;
  CertificateParts parts;
  parts.subject = X509_get_subject_name(x.get());
  parts.issuer = X509_get_issuer_name(x.get());
  parts.serial = X509_get0_serialNumber(x.get());
  parts.not_before = X509_get0_notBefore(x.get());
  parts.not_after = X509_get0_notAfter(x.get());
  if (absl::Status status = ReadNamesSerialAndDates(parts, &info);
      !status.ok()) {
    return status;
  }

  info.is_ca = (flags & EXFLAG_CA) != 0;
  info.subject_key_id = OctetsHex(X509_get0_subject_key_id(x.get()));
  info.authority_key_id = OctetsHex(X509_get0_authority_key_id(x.get()));

  X509_PUBKEY* pubkey = X509_get_X509_PUBKEY(x.get());
  unsigned char* spki = nullptr;
  const int spki_len = pubkey == nullptr ? -1 : i2d_X509_PUBKEY(pubkey, &spki);
  openssl::OpenSslMallocPtr<unsigned char> owned(spki);
  if (spki_len <= 0 || spki == nullptr) {
    return Invalid("certificate public key is unreadable");
  }
  info.public_key_der.assign(reinterpret_cast<const char*>(spki),
                             static_cast<size_t>(spki_len));

  absl::Status status =
      ReadSubjectAltNames(X509_get0_extensions(x.get()), &info);
  if (!status.ok()) return status;
  // Extensions are cached (X509_get_extension_flags above), so the object
  // is safe to share read-only between threads from here on.
  info.x509 = std::shared_ptr<const X509>(x.release(), X509_free);
  if (info.is_ca) CaCache().Add(info);
  return info;
}

namespace {

absl::StatusOr<CertificateInfo> ParseWith(absl::string_view der,
                                          CertificateDecoding decoding) {
  if (decoding == CertificateDecoding::kFull || der.empty()) {
    return ParseCertificateDer(der);
  }
  // A cached CA certificate costs one hash; a new CA certificate is decoded
  // fully (and cached); a leaf is read without its public key.
  if (std::optional<CertificateInfo> cached = CaCache().Find(Sha256Hex(der))) {
    return *std::move(cached);
  }
  absl::StatusOr<CertificateInfo> light = ParseCertificateDerLight(der);
  if (!light.ok() || !light->is_ca) return light;
  return ParseCertificateDer(der);
}

}  // namespace

absl::StatusOr<std::vector<CertificateInfo>> ParseCertificateText(
    absl::string_view text, CertificateDecoding decoding) {
  absl::StatusOr<std::vector<DerBlock>> blocks =
      ExtractDerBlocks(text, kMaxBlocksPerText);
  if (!blocks.ok()) return blocks.status();
  std::vector<CertificateInfo> out;
  for (const DerBlock& block : *blocks) {
    if (block.label == "CERTIFICATE" || block.label == "X509 CERTIFICATE" ||
        block.label.empty()) {
      if (block.label.empty()) {  // unarmoured: certificate or PKCS#7
        absl::StatusOr<bool> was_pkcs7 = AppendPkcs7(block.der, decoding, &out);
        if (!was_pkcs7.ok()) return was_pkcs7.status();
        if (*was_pkcs7) continue;
      }
      absl::StatusOr<CertificateInfo> info = ParseWith(block.der, decoding);
      if (!info.ok()) return info.status();
      if (out.size() >= kMaxCertificatesPerDownload) {
        return Invalid("too many certificates");
      }
      out.push_back(*std::move(info));
    } else if (block.label == "PKCS7" || block.label == "CMS") {
      absl::StatusOr<bool> was_pkcs7 = AppendPkcs7(block.der, decoding, &out);
      if (!was_pkcs7.ok()) return was_pkcs7.status();
      if (!*was_pkcs7) return Invalid("PKCS7 block is not a PKCS#7 bundle");
    }
  }
  return out;
}

absl::StatusOr<std::vector<CertificateInfo>> ParseCertificates(
    const std::vector<std::string>& pem_texts, CertificateDecoding decoding) {
  if (pem_texts.size() > kMaxCertificatesPerDownload) {
    return Invalid(absl::StrCat(pem_texts.size(),
                                " certificate files; at most ",
                                kMaxCertificatesPerDownload, " accepted"));
  }
  std::vector<CertificateInfo> out;
  std::set<std::string> seen;
  for (size_t i = 0; i < pem_texts.size(); ++i) {
    absl::StatusOr<std::vector<CertificateInfo>> certificates =
        ParseCertificateText(pem_texts[i], decoding);
    if (!certificates.ok()) {
      return Invalid(absl::StrCat("certificate file ", i + 1, " of ",
                                  pem_texts.size(), ": ",
                                  certificates.status().message()));
    }
    for (CertificateInfo& certificate : *certificates) {
      if (!seen.insert(certificate.der).second) continue;
      if (out.size() >= kMaxCertificatesPerDownload) {
        return Invalid(absl::StrCat("more than ", kMaxCertificatesPerDownload,
                                    " certificates in the download"));
      }
      out.push_back(std::move(certificate));
    }
  }
  if (out.empty()) return Invalid("no certificate in the download");
  return out;
}

}  // namespace sslstore::service::x509
