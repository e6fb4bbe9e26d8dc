#include "tests/service/x509/test_pki.h"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "service/x509/pem_text.h"

namespace sslstore::service::x509::testing {
namespace {

openssl::X509NamePtr MakeName(const NameSpec& spec) {
  openssl::X509NamePtr name(X509_NAME_new());
  for (const auto& [type, value] : spec) {
    const bool join = !type.empty() && type.front() == '+';
    const std::string t = join ? type.substr(1) : type;
    X509_NAME_add_entry_by_txt(
        name.get(), t.c_str(), MBSTRING_UTF8,
        reinterpret_cast<const unsigned char*>(value.data()),
        static_cast<int>(value.size()), -1, join ? -1 : 0);
  }
  return name;
}

const EVP_MD* DigestFor(EVP_PKEY* key) {
  return EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519 ? nullptr : EVP_sha256();
}

void AddExtension(X509* x, X509V3_CTX* ctx, int nid, const char* value) {
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value);
  if (ext == nullptr) return;
  X509_add_ext(x, ext, -1);
  X509_EXTENSION_free(ext);
}

}  // namespace

openssl::EvpPkeyPtr GenerateRsaKey(int bits) {
  return openssl::EvpPkeyPtr(EVP_RSA_gen(static_cast<unsigned int>(bits)));
}

openssl::EvpPkeyPtr GenerateEcKey(const char* group) {
  return openssl::EvpPkeyPtr(EVP_EC_gen(group));
}

openssl::EvpPkeyPtr GenerateEd25519Key() {
  return openssl::EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
}

EVP_PKEY* SharedRsa2048Key(int index) {
  static openssl::EvpPkeyPtr* keys = [] {
    auto* k = new openssl::EvpPkeyPtr[6];
    for (int i = 0; i < 6; ++i) k[i] = GenerateRsaKey(2048);
    return k;
  }();
  return keys[index].get();
}

EVP_PKEY* SharedEcP256Key() {
  static openssl::EvpPkeyPtr* key =
      new openssl::EvpPkeyPtr(GenerateEcKey("prime256v1"));
  return key->get();
}

std::string MakeCsrDer(EVP_PKEY* key, const CsrSpec& spec) {
  openssl::X509ReqPtr req(X509_REQ_new());
  X509_REQ_set_version(req.get(), 0);
  openssl::X509NamePtr name = MakeName(spec.subject);
  X509_REQ_set_subject_name(req.get(), name.get());
  X509_REQ_set_pubkey(req.get(), key);
  if (!spec.san.empty()) {
    STACK_OF(X509_EXTENSION)* extensions = sk_X509_EXTENSION_new_null();
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(
        nullptr, nullptr, NID_subject_alt_name, spec.san.c_str());
    if (ext != nullptr) sk_X509_EXTENSION_push(extensions, ext);
    X509_REQ_add_extensions(req.get(), extensions);
    sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
  }
  if (X509_REQ_sign(req.get(), key, DigestFor(key)) <= 0) return "";
  unsigned char* der = nullptr;
  const int len = i2d_X509_REQ(req.get(), &der);
  openssl::OpenSslMallocPtr<unsigned char> owned(der);
  if (len <= 0) return "";
  return std::string(reinterpret_cast<const char*>(der), len);
}

std::string MakeCsrPem(EVP_PKEY* key, const CsrSpec& spec) {
  const std::string der = MakeCsrDer(key, spec);
  return der.empty() ? "" : ToPem("CERTIFICATE REQUEST", der);
}

CertSpec Spec(NameSpec subject, bool is_ca, std::string serial_hex) {
  CertSpec spec;
  spec.subject = std::move(subject);
  spec.is_ca = is_ca;
  spec.serial_hex = std::move(serial_hex);
  return spec;
}

openssl::X509Ptr IssueCertificate(const CertSpec& spec, EVP_PKEY* subject_key,
                                  X509* issuer, EVP_PKEY* issuer_key) {
  openssl::X509Ptr x(X509_new());
  X509_set_version(x.get(), 2);
  BIGNUM* bn = nullptr;
  BN_hex2bn(&bn, spec.serial_hex.c_str());
  openssl::BignumPtr owned_bn(bn);
  ASN1_INTEGER* serial = BN_to_ASN1_INTEGER(bn, nullptr);
  X509_set_serialNumber(x.get(), serial);
  ASN1_INTEGER_free(serial);
  X509_gmtime_adj(X509_getm_notBefore(x.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), 60L * 60 * 24 * spec.days);
  openssl::X509NamePtr name = MakeName(spec.subject);
  X509_set_subject_name(x.get(), name.get());
  X509_set_issuer_name(
      x.get(), issuer == nullptr ? name.get() : X509_get_subject_name(issuer));
  X509_set_pubkey(x.get(), subject_key);

  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer == nullptr ? x.get() : issuer, x.get(), nullptr,
                 nullptr, 0);
  AddExtension(x.get(), &ctx, NID_basic_constraints,
               spec.is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  AddExtension(x.get(), &ctx, NID_key_usage,
               spec.is_ca ? "critical,keyCertSign,cRLSign"
                          : "critical,digitalSignature,keyEncipherment");
  if (spec.key_ids) {
    AddExtension(x.get(), &ctx, NID_subject_key_identifier, "hash");
    AddExtension(x.get(), &ctx, NID_authority_key_identifier, "keyid:always");
  }
  if (!spec.san.empty()) {
    AddExtension(x.get(), &ctx, NID_subject_alt_name, spec.san.c_str());
  }
  X509_sign(x.get(), issuer_key, DigestFor(issuer_key));
  return x;
}

std::string CertDer(X509* x) {
  unsigned char* der = nullptr;
  const int len = i2d_X509(x, &der);
  openssl::OpenSslMallocPtr<unsigned char> owned(der);
  if (len <= 0) return "";
  return std::string(reinterpret_cast<const char*>(der), len);
}

std::string CertPem(X509* x) { return ToPem("CERTIFICATE", CertDer(x)); }

std::string KeyPem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr) return "";
  std::string pem;
  if (PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr,
                               nullptr) == 1) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    if (size > 0) pem.assign(data, static_cast<size_t>(size));
  }
  BIO_free(bio);
  return pem;
}

Hierarchy MakeHierarchy(const std::string& leaf_cn, int key_offset) {
  EVP_PKEY* root_key = SharedRsa2048Key(key_offset);
  EVP_PKEY* intermediate_key = SharedRsa2048Key(key_offset + 1);
  EVP_PKEY* leaf_key = SharedRsa2048Key(key_offset + 2);
  Hierarchy h;
  const std::string tag = key_offset == 0 ? "A" : "B";
  h.root = IssueCertificate(
      Spec({{"C", "US"}, {"O", "Test " + tag}, {"CN", "Test Root " + tag}},
           true, "10"),
      root_key, nullptr, root_key);
  h.intermediate = IssueCertificate(Spec({{"C", "US"},
                                          {"O", "Test " + tag},
                                          {"CN", "Test Intermediate " + tag}},
                                         true, "20"),
                                    intermediate_key, h.root.get(), root_key);
  h.leaf = IssueCertificate(
      CertSpec{{{"CN", leaf_cn}},
               false,
               "0A1B2C3D4E5F60718293",
               "DNS:" + leaf_cn + ",DNS:www." + leaf_cn + ",IP:192.0.2.7"},
      leaf_key, h.intermediate.get(), intermediate_key);
  return h;
}

NameOnlyMatch MakeNameOnlyMatch(const Hierarchy& h) {
  NameOnlyMatch m;
  m.leaf = IssueCertificate(
      CertSpec{{{"CN", "plain.example.com"}}, false, "05", "", 30, false},
      SharedEcP256Key(), h.intermediate.get(), SharedRsa2048Key(1));
  m.impostor = IssueCertificate(
      CertSpec{{{"C", "US"}, {"O", "Test A"}, {"CN", "Test Intermediate A"}},
               true,
               "66",
               "",
               30,
               false},
      SharedRsa2048Key(4), h.root.get(), SharedRsa2048Key(0));
  return m;
}

}  // namespace sslstore::service::x509::testing
