#include "service/x509/certificate.h"

#include <openssl/objects.h>

#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "absl/strings/str_cat.h"
#include "service/x509/digest.h"
#include "service/x509/general_names.h"
#include "service/x509/openssl_ptr.h"
#include "service/x509/pem_text.h"
#include "service/x509/x509_name.h"

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

std::string OctetsHex(const ASN1_OCTET_STRING* s) {
  if (s == nullptr) return "";
  const unsigned char* data = ASN1_STRING_get0_data(s);
  const int length = ASN1_STRING_length(s);
  if (data == nullptr || length <= 0) return "";
  return HexUpper(absl::string_view(reinterpret_cast<const char*>(data),
                                    static_cast<size_t>(length)));
}

absl::StatusOr<absl::Time> ToTime(const ASN1_TIME* t, absl::string_view what) {
  struct tm tm = {};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) {
    return Invalid(absl::StrCat("certificate ", what, " date is unreadable"));
  }
  return absl::FromCivil(
      absl::CivilSecond(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                        tm.tm_hour, tm.tm_min, tm.tm_sec),
      absl::UTCTimeZone());
}

absl::StatusOr<std::string> SerialHex(const X509* x) {
  const ASN1_INTEGER* serial = X509_get0_serialNumber(x);
  BignumPtr bn(serial == nullptr ? nullptr
                                 : ASN1_INTEGER_to_BN(serial, nullptr));
  if (bn == nullptr) return Invalid("certificate serial number is unreadable");
  OpenSslMallocPtr<char> hex(BN_bn2hex(bn.get()));
  if (hex == nullptr) return Invalid("certificate serial number is unreadable");
  return std::string(hex.get());
}

absl::Status ReadSubjectAltNames(X509* x, CertificateInfo* info) {
  int critical = -1;
  GeneralNamesPtr names(static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(x, NID_subject_alt_name, &critical, nullptr)));
  if (names == nullptr) {
    if (critical == -1) return absl::OkStatus();  // no SAN extension
    return Invalid(critical == -2
                       ? "certificate has more than one subjectAltName"
                       : "certificate subjectAltName is malformed");
  }
  SubjectAltNames sans;
  absl::Status status = AppendGeneralNames(names.get(), &sans);
  if (!status.ok())
    return Invalid(absl::StrCat("certificate ", status.message()));
  info->dns_names = std::move(sans.dns_names);
  info->ip_addresses = std::move(sans.ip_addresses);
  info->emails = std::move(sans.emails);
  info->uris = std::move(sans.uris);
  return absl::OkStatus();
}

// Appends the certificates of a DER PKCS#7 SignedData bundle; false if `der`
// is not one.
absl::StatusOr<bool> AppendPkcs7(absl::string_view der,
                                 std::vector<CertificateInfo>* out) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  Pkcs7Ptr p7(d2i_PKCS7(nullptr, &p, static_cast<long>(der.size())));
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
    OpenSslMallocPtr<unsigned char> owned(cert_der);
    if (len <= 0 || cert_der == nullptr) {
      return Invalid("PKCS#7 bundle holds an unreadable certificate");
    }
    absl::StatusOr<CertificateInfo> info =
        ParseCertificateDer(absl::string_view(
            reinterpret_cast<const char*>(cert_der), static_cast<size_t>(len)));
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
  X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
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

  absl::StatusOr<std::vector<DnAttribute>> subject =
      NameAttributes(X509_get_subject_name(x.get()));
  if (!subject.ok()) {
    return Invalid(
        absl::StrCat("certificate subject: ", subject.status().message()));
  }
  info.subject = FormatDistinguishedName(*subject);
  info.common_name = FindAttribute(*subject, "CN").value_or("");
  absl::StatusOr<std::string> issuer =
      FormatX509Name(X509_get_issuer_name(x.get()));
  if (!issuer.ok()) {
    return Invalid(
        absl::StrCat("certificate issuer: ", issuer.status().message()));
  }
  info.issuer = *std::move(issuer);
  info.self_issued = X509_NAME_cmp(X509_get_subject_name(x.get()),
                                   X509_get_issuer_name(x.get())) == 0;

  absl::StatusOr<std::string> serial = SerialHex(x.get());
  if (!serial.ok()) return serial.status();
  info.serial_hex = *std::move(serial);

  absl::StatusOr<absl::Time> not_before =
      ToTime(X509_get0_notBefore(x.get()), "notBefore");
  if (!not_before.ok()) return not_before.status();
  absl::StatusOr<absl::Time> not_after =
      ToTime(X509_get0_notAfter(x.get()), "notAfter");
  if (!not_after.ok()) return not_after.status();
  info.not_before = *not_before;
  info.not_after = *not_after;

  info.is_ca = (flags & EXFLAG_CA) != 0;
  info.subject_key_id = OctetsHex(X509_get0_subject_key_id(x.get()));
  info.authority_key_id = OctetsHex(X509_get0_authority_key_id(x.get()));

  X509_PUBKEY* pubkey = X509_get_X509_PUBKEY(x.get());
  unsigned char* spki = nullptr;
  const int spki_len = pubkey == nullptr ? -1 : i2d_X509_PUBKEY(pubkey, &spki);
  OpenSslMallocPtr<unsigned char> owned(spki);
  if (spki_len <= 0 || spki == nullptr) {
    return Invalid("certificate public key is unreadable");
  }
  info.public_key_der.assign(reinterpret_cast<const char*>(spki),
                             static_cast<size_t>(spki_len));

  absl::Status status = ReadSubjectAltNames(x.get(), &info);
  if (!status.ok()) return status;
  // Extensions are cached (X509_get_extension_flags above), so the object
  // is safe to share read-only between threads from here on.
  info.x509 = std::shared_ptr<const X509>(x.release(), X509_free);
  if (info.is_ca) CaCache().Add(info);
  return info;
}

absl::StatusOr<std::vector<CertificateInfo>> ParseCertificateText(
    absl::string_view text) {
  absl::StatusOr<std::vector<DerBlock>> blocks =
      ExtractDerBlocks(text, kMaxBlocksPerText);
  if (!blocks.ok()) return blocks.status();
  std::vector<CertificateInfo> out;
  for (const DerBlock& block : *blocks) {
    if (block.label == "CERTIFICATE" || block.label == "X509 CERTIFICATE" ||
        block.label.empty()) {
      if (block.label.empty()) {  // unarmoured: certificate or PKCS#7
        absl::StatusOr<bool> was_pkcs7 = AppendPkcs7(block.der, &out);
        if (!was_pkcs7.ok()) return was_pkcs7.status();
        if (*was_pkcs7) continue;
      }
      absl::StatusOr<CertificateInfo> info = ParseCertificateDer(block.der);
      if (!info.ok()) return info.status();
      if (out.size() >= kMaxCertificatesPerDownload) {
        return Invalid("too many certificates");
      }
      out.push_back(*std::move(info));
    } else if (block.label == "PKCS7" || block.label == "CMS") {
      absl::StatusOr<bool> was_pkcs7 = AppendPkcs7(block.der, &out);
      if (!was_pkcs7.ok()) return was_pkcs7.status();
      if (!*was_pkcs7) return Invalid("PKCS7 block is not a PKCS#7 bundle");
    }
  }
  return out;
}

absl::StatusOr<std::vector<CertificateInfo>> ParseCertificates(
    const std::vector<std::string>& pem_texts) {
  if (pem_texts.size() > kMaxCertificatesPerDownload) {
    return Invalid(absl::StrCat(pem_texts.size(),
                                " certificate files; at most ",
                                kMaxCertificatesPerDownload, " accepted"));
  }
  std::vector<CertificateInfo> out;
  std::set<std::string> seen;
  for (size_t i = 0; i < pem_texts.size(); ++i) {
    absl::StatusOr<std::vector<CertificateInfo>> certificates =
        ParseCertificateText(pem_texts[i]);
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
