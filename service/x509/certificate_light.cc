#include "service/x509/certificate_light.h"

#include <openssl/asn1t.h>
#include <openssl/objects.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "service/x509/certificate_fields.h"
#include "service/x509/digest.h"
#include "service/x509/pem_text.h"

// ASN.1 templates of an X.509 certificate (RFC 5280 section 4.1) that mirror
// OpenSSL's X509 / X509_CINF, except that the SubjectPublicKeyInfo is read as
// SEQUENCE { AlgorithmIdentifier, BIT STRING } without decoding the key.
// The decoder is OpenSSL's (bounds-checked, nesting-limited).
namespace sslstore::service::x509 {
namespace {

struct SSLSTORE_LIGHT_SPKI {
  X509_ALGOR* algor;
  ASN1_BIT_STRING* public_key;
};

ASN1_SEQUENCE(SSLSTORE_LIGHT_SPKI) =
    {
        ASN1_SIMPLE(SSLSTORE_LIGHT_SPKI, algor, X509_ALGOR),
        ASN1_SIMPLE(SSLSTORE_LIGHT_SPKI, public_key, ASN1_BIT_STRING),
} ASN1_SEQUENCE_END(SSLSTORE_LIGHT_SPKI)

        struct SSLSTORE_LIGHT_TBS {
  ASN1_INTEGER* version;
  ASN1_INTEGER* serial;
  X509_ALGOR* signature;
  X509_NAME* issuer;
  X509_VAL* validity;
  X509_NAME* subject;
  SSLSTORE_LIGHT_SPKI* key;
  ASN1_BIT_STRING* issuer_uid;
  ASN1_BIT_STRING* subject_uid;
  STACK_OF(X509_EXTENSION) * extensions;
};

ASN1_SEQUENCE(SSLSTORE_LIGHT_TBS) = {
    ASN1_EXP_OPT(SSLSTORE_LIGHT_TBS, version, ASN1_INTEGER, 0),
    ASN1_SIMPLE(SSLSTORE_LIGHT_TBS, serial, ASN1_INTEGER),
    ASN1_SIMPLE(SSLSTORE_LIGHT_TBS, signature, X509_ALGOR),
    ASN1_SIMPLE(SSLSTORE_LIGHT_TBS, issuer, X509_NAME),
    ASN1_SIMPLE(SSLSTORE_LIGHT_TBS, validity, X509_VAL),
    ASN1_SIMPLE(SSLSTORE_LIGHT_TBS, subject, X509_NAME),
    ASN1_SIMPLE(SSLSTORE_LIGHT_TBS, key, SSLSTORE_LIGHT_SPKI),
    ASN1_IMP_OPT(SSLSTORE_LIGHT_TBS, issuer_uid, ASN1_BIT_STRING, 1),
    ASN1_IMP_OPT(SSLSTORE_LIGHT_TBS, subject_uid, ASN1_BIT_STRING, 2),
    ASN1_EXP_SEQUENCE_OF_OPT(SSLSTORE_LIGHT_TBS, extensions, X509_EXTENSION, 3),
} ASN1_SEQUENCE_END(SSLSTORE_LIGHT_TBS)

}  // namespace

struct LightCertificate::Decoded {
  SSLSTORE_LIGHT_TBS* tbs;
  X509_ALGOR* sig_alg;
  ASN1_BIT_STRING* signature;
};

namespace {

using SSLSTORE_LIGHT_CERT = LightCertificate::Decoded;

ASN1_SEQUENCE(SSLSTORE_LIGHT_CERT) =
    {
        ASN1_SIMPLE(SSLSTORE_LIGHT_CERT, tbs, SSLSTORE_LIGHT_TBS),
        ASN1_SIMPLE(SSLSTORE_LIGHT_CERT, sig_alg, X509_ALGOR),
        ASN1_SIMPLE(SSLSTORE_LIGHT_CERT, signature, ASN1_BIT_STRING),
} ASN1_SEQUENCE_END(SSLSTORE_LIGHT_CERT)

        absl::Status Invalid(absl::string_view what) {
  return absl::InvalidArgumentError(what);
}

// One decoded extension value, freed with its method's ASN.1 item.
class ExtensionValue {
 public:
  ExtensionValue(const STACK_OF(X509_EXTENSION) * extensions, int nid) {
    value_ = X509V3_get_d2i(extensions, nid, &critical_, nullptr);
    const X509V3_EXT_METHOD* method = X509V3_EXT_get_nid(nid);
    if (method != nullptr) {
      if (method->it != nullptr) {
        item_ = ASN1_ITEM_ptr(method->it);
      } else {
        free_ = method->ext_free;
      }
    }
  }
  ~ExtensionValue() {
    if (value_ == nullptr) return;
    if (item_ != nullptr) {
      ASN1_item_free(static_cast<ASN1_VALUE*>(value_), item_);
    } else if (free_ != nullptr) {
      free_(value_);
    }
  }
  ExtensionValue(const ExtensionValue&) = delete;
  ExtensionValue& operator=(const ExtensionValue&) = delete;

  // The decoded value; null when absent or invalid.
  template <typename T>
  T* get() const {
    return static_cast<T*>(value_);
  }
  // True when the extension is present but cannot be used: malformed or
  // repeated (what OpenSSL flags as EXFLAG_INVALID).
  bool invalid() const { return value_ == nullptr && critical_ != -1; }
  // Hands the value over to the caller (who frees it).
  void* release() { return std::exchange(value_, nullptr); }

 private:
  void* value_ = nullptr;
  int critical_ = -1;
  const ASN1_ITEM* item_ = nullptr;
  X509V3_EXT_FREE free_ = nullptr;
};

// What the extension checks found out.
struct ExtensionFacts {
  bool valid = true;
  bool is_ca = false;
  bool proxy = false;
  openssl::AuthorityKeyIdPtr akid;
  std::string skid_hex;
  bool has_skid = false;
};

// The extension checks of OpenSSL 3's x509v3_cache_extensions that can mark
// a certificate EXFLAG_INVALID, on an extension list.
ExtensionFacts CheckExtensions(const STACK_OF(X509_EXTENSION) * extensions) {
  ExtensionFacts facts;
  {
    ExtensionValue bc(extensions, NID_basic_constraints);
    if (BASIC_CONSTRAINTS* bs = bc.get<BASIC_CONSTRAINTS>()) {
      facts.is_ca = bs->ca != 0;
      if (bs->pathlen != nullptr && bs->pathlen->type == V_ASN1_NEG_INTEGER) {
        facts.valid = false;
      }
    } else if (bc.invalid()) {
      facts.valid = false;
    }
  }
  {
    ExtensionValue pci(extensions, NID_proxyCertInfo);
    if (pci.get<void>() != nullptr) {
      if (facts.is_ca ||
          X509v3_get_ext_by_NID(extensions, NID_subject_alt_name, -1) >= 0 ||
          X509v3_get_ext_by_NID(extensions, NID_issuer_alt_name, -1) >= 0) {
        facts.valid = false;
      }
      facts.proxy = true;
    } else if (pci.invalid()) {
      facts.valid = false;
    }
  }
  {
    ExtensionValue ku(extensions, NID_key_usage);
    if (ASN1_BIT_STRING* usage = ku.get<ASN1_BIT_STRING>()) {
      uint32_t bits = 0;
      if (usage->length > 0) {
        bits = usage->data[0];
        if (usage->length > 1)
          bits |= static_cast<uint32_t>(usage->data[1]) << 8;
      }
      if (bits == 0) facts.valid = false;  // empty keyUsage (RFC 5280)
    } else if (ku.invalid()) {
      facts.valid = false;
    }
  }
  for (int nid : {NID_ext_key_usage, NID_netscape_cert_type,
                  NID_subject_alt_name, NID_name_constraints,
                  NID_sbgp_ipAddrBlock, NID_sbgp_autonomousSysNum}) {
    ExtensionValue value(extensions, nid);
    if (value.invalid()) facts.valid = false;
  }
  {
    ExtensionValue skid(extensions, NID_subject_key_identifier);
    if (skid.invalid()) facts.valid = false;
    facts.has_skid = skid.get<void>() != nullptr;
    facts.skid_hex = OctetsHex(skid.get<ASN1_OCTET_STRING>());
  }
  {
    ExtensionValue akid(extensions, NID_authority_key_identifier);
    if (akid.invalid()) facts.valid = false;
    facts.akid.reset(static_cast<AUTHORITY_KEYID*>(akid.release()));
  }
  {
    ExtensionValue crldp(extensions, NID_crl_distribution_points);
    if (CRL_DIST_POINTS* points = crldp.get<CRL_DIST_POINTS>()) {
      for (int i = 0; i < sk_DIST_POINT_num(points); ++i) {
        const DIST_POINT* point = sk_DIST_POINT_value(points, i);
        if (point == nullptr || (point->distpoint == nullptr &&
                                 sk_GENERAL_NAME_num(point->CRLissuer) <= 0)) {
          facts.valid = false;
        }
      }
    } else if (crldp.invalid()) {
      facts.valid = false;
    }
  }
  return facts;
}

}  // namespace

LightCertificate::~LightCertificate() {
  ASN1_item_free(reinterpret_cast<ASN1_VALUE*>(decoded_),
                 ASN1_ITEM_rptr(SSLSTORE_LIGHT_CERT));
}

const X509_NAME* LightCertificate::subject() const {
  return decoded_->tbs->subject;
}

const X509_NAME* LightCertificate::issuer() const {
  return decoded_->tbs->issuer;
}

absl::StatusOr<CertificateInfo> ParseCertificateDerLight(
    absl::string_view der) {
  if (der.empty()) return Invalid("certificate is empty");
  std::shared_ptr<LightCertificate> light(new LightCertificate());
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  light->decoded_ = reinterpret_cast<LightCertificate::Decoded*>(
      ASN1_item_d2i(nullptr, &p, static_cast<long>(der.size()),
                    ASN1_ITEM_rptr(SSLSTORE_LIGHT_CERT)));
  if (light->decoded_ == nullptr) return Invalid("not an X.509 certificate");
  if (p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    return Invalid("certificate has trailing bytes");
  }
  const SSLSTORE_LIGHT_TBS* tbs = light->decoded_->tbs;
  ExtensionFacts facts = CheckExtensions(tbs->extensions);
  if (!facts.valid) return Invalid("certificate has malformed extensions");

  CertificateInfo info;
  info.der = std::string(der);
  info.pem = ToPem("CERTIFICATE", info.der);
  info.sha256_hex = Sha256Hex(der);
  CertificateParts parts;
  parts.subject = tbs->subject;
  parts.issuer = tbs->issuer;
  parts.serial = tbs->serial;
  parts.not_before =
      tbs->validity == nullptr ? nullptr : tbs->validity->notBefore;
  parts.not_after =
      tbs->validity == nullptr ? nullptr : tbs->validity->notAfter;
  if (absl::Status status = ReadNamesSerialAndDates(parts, &info);
      !status.ok()) {
    return status;
  }
  info.is_ca = facts.is_ca;
  info.subject_key_id = std::move(facts.skid_hex);
  info.authority_key_id =
      facts.akid == nullptr ? "" : OctetsHex(facts.akid->keyid);

  unsigned char* spki = nullptr;
  const int spki_len =
      tbs->key == nullptr
          ? -1
          : ASN1_item_i2d(reinterpret_cast<ASN1_VALUE*>(tbs->key), &spki,
                          ASN1_ITEM_rptr(SSLSTORE_LIGHT_SPKI));
  openssl::OpenSslMallocPtr<unsigned char> owned(spki);
  if (spki_len <= 0 || spki == nullptr) {
    return Invalid("certificate public key is unreadable");
  }
  info.public_key_der.assign(reinterpret_cast<const char*>(spki),
                             static_cast<size_t>(spki_len));

  if (absl::Status status = ReadSubjectAltNames(tbs->extensions, &info);
      !status.ok()) {
    return status;
  }
  light->akid_ = std::move(facts.akid);
  light->has_skid_ = facts.has_skid;
  light->proxy_ = facts.proxy;
  light->signature_nid_ = tbs->signature == nullptr
                              ? NID_undef
                              : OBJ_obj2nid(tbs->signature->algorithm);
  info.light = std::move(light);
  return info;
}

}  // namespace sslstore::service::x509
