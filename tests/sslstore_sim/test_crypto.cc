#include "tests/sslstore_sim/test_crypto.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/sslstore-sim/openssl_util.h"

namespace sslstore_sim_test {

using sslstore_sim::BioPtr;
using sslstore_sim::EvpPkeyPtr;
using sslstore_sim::X509Ptr;
using sslstore_sim::X509ReqPtr;

absl::StatusOr<TestCsr> MakeCsr(KeyKind kind, const std::string& common_name,
                                const std::vector<std::string>& sans) {
  EvpPkeyPtr key(kind == KeyKind::kRsa2048 ? EVP_RSA_gen(2048)
                                           : EVP_EC_gen("P-256"));
  if (!key) return absl::InternalError("keygen");
  X509ReqPtr req(X509_REQ_new());
  X509_REQ_set_version(req.get(), 0);
  X509_NAME* name = X509_REQ_get_subject_name(req.get());
  if (!common_name.empty()) {
    X509_NAME_add_entry_by_txt(
        name, "CN", MBSTRING_UTF8,
        reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
  }
  X509_REQ_set_pubkey(req.get(), key.get());
  if (!sans.empty()) {
    std::vector<std::string> parts;
    for (const std::string& s : sans) parts.push_back("DNS:" + s);
    std::string value = absl::StrJoin(parts, ",");
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(
        nullptr, nullptr, NID_subject_alt_name, value.c_str());
    if (ext == nullptr) return absl::InternalError("san ext");
    STACK_OF(X509_EXTENSION)* exts = sk_X509_EXTENSION_new_null();
    sk_X509_EXTENSION_push(exts, ext);
    X509_REQ_add_extensions(req.get(), exts);
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
  }
  if (X509_REQ_sign(req.get(), key.get(), EVP_sha256()) <= 0) {
    return absl::InternalError("sign");
  }
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509_REQ(bio.get(), req.get());
  TestCsr out;
  out.pem = sslstore_sim::BioToString(bio.get());
  auto spki = sslstore_sim::PublicKeyDer(key.get());
  if (!spki.ok()) return spki.status();
  out.public_key_der = *spki;
  return out;
}

absl::StatusOr<CertInfo> InspectCert(const std::string& pem) {
  auto cert = sslstore_sim::CertFromPem(pem);
  if (!cert.ok()) return cert.status();
  X509* x = cert->get();
  CertInfo info;
  X509_NAME* subject = X509_get_subject_name(x);
  int idx = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (idx >= 0) {
    ASN1_STRING* s =
        X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, idx));
    info.subject_cn.assign(
        reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
        ASN1_STRING_length(s));
  }
  char buf[512];
  X509_NAME_oneline(subject, buf, sizeof(buf));
  info.subject = buf;
  X509_NAME_oneline(X509_get_issuer_name(x), buf, sizeof(buf));
  info.issuer = buf;
  auto* names = static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr));
  if (names != nullptr) {
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
      const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names, i);
      if (gn->type == GEN_DNS) {
        info.dns_names.emplace_back(
            reinterpret_cast<const char*>(ASN1_STRING_get0_data(gn->d.dNSName)),
            ASN1_STRING_length(gn->d.dNSName));
      }
    }
    GENERAL_NAMES_free(names);
  }
  auto spki = sslstore_sim::PublicKeyDer(X509_get0_pubkey(x));
  if (!spki.ok()) return spki.status();
  info.public_key_der = *spki;
  const ASN1_INTEGER* serial = X509_get0_serialNumber(x);
  info.serial_hex =
      absl::AsciiStrToUpper(absl::BytesToHexString(absl::string_view(
          reinterpret_cast<const char*>(ASN1_STRING_get0_data(serial)),
          ASN1_STRING_length(serial))));
  info.is_ca = X509_check_ca(x) != 0;
  return info;
}

absl::Status VerifyChain(const std::string& leaf_pem,
                         const std::vector<std::string>& intermediates_pem,
                         const std::string& root_pem) {
  auto leaf = sslstore_sim::CertFromPem(leaf_pem);
  auto root = sslstore_sim::CertFromPem(root_pem);
  if (!leaf.ok()) return leaf.status();
  if (!root.ok()) return root.status();
  X509_STORE* store = X509_STORE_new();
  X509_STORE_add_cert(store, root->get());
  STACK_OF(X509)* chain = sk_X509_new_null();
  std::vector<X509Ptr> keep;
  for (const std::string& pem : intermediates_pem) {
    auto c = sslstore_sim::CertFromPem(pem);
    if (!c.ok()) continue;
    sk_X509_push(chain, c->get());
    keep.push_back(*std::move(c));
  }
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store, leaf->get(), chain);
  int ok = X509_verify_cert(ctx);
  int err = X509_STORE_CTX_get_error(ctx);
  X509_STORE_CTX_free(ctx);
  sk_X509_free(chain);
  X509_STORE_free(store);
  ERR_clear_error();
  if (ok != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("verify failed: ", X509_verify_cert_error_string(err)));
  }
  return absl::OkStatus();
}

}  // namespace sslstore_sim_test
