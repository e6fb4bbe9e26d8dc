#include "tools/sslstore-sim/sim_ca.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace sslstore_sim {
namespace {

struct NameSpec {
  const char* key;
  const char* value;
};

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

absl::Status WriteFile(const std::string& path, const std::string& data,
                       bool secret) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
    out << data;
    if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  }
  if (secret) chmod(path.c_str(), 0600);
  return absl::OkStatus();
}

absl::Status AddExt(X509* cert, X509V3_CTX* ctx, int nid, const char* value) {
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value);
  if (ext == nullptr) return OpenSslError("X509V3_EXT_conf_nid");
  int ok = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  if (ok != 1) return OpenSslError("X509_add_ext");
  return absl::OkStatus();
}

absl::Status AddSans(X509* cert, const std::vector<std::string>& names) {
  if (names.empty()) return absl::OkStatus();
  GENERAL_NAMES* gens = sk_GENERAL_NAME_new_null();
  if (gens == nullptr) return OpenSslError("sk_GENERAL_NAME_new_null");
  for (const std::string& name : names) {
    GENERAL_NAME* gn = nullptr;
    ASN1_OCTET_STRING* ip = a2i_IPADDRESS(name.c_str());
    if (ip != nullptr) {
      gn = GENERAL_NAME_new();
      if (gn != nullptr) GENERAL_NAME_set0_value(gn, GEN_IPADD, ip);
    } else {
      ERR_clear_error();
      ASN1_IA5STRING* dns = ASN1_IA5STRING_new();
      if (dns != nullptr &&
          ASN1_STRING_set(dns, name.data(), static_cast<int>(name.size())) ==
              1) {
        gn = GENERAL_NAME_new();
        if (gn != nullptr) GENERAL_NAME_set0_value(gn, GEN_DNS, dns);
      }
      if (gn == nullptr && dns != nullptr) ASN1_IA5STRING_free(dns);
    }
    if (gn == nullptr) {
      GENERAL_NAMES_free(gens);
      return OpenSslError("GENERAL_NAME");
    }
    sk_GENERAL_NAME_push(gens, gn);
  }
  int ok = X509_add1_ext_i2d(cert, NID_subject_alt_name, gens, 0, 0);
  GENERAL_NAMES_free(gens);
  if (ok != 1) return OpenSslError("subjectAltName");
  return absl::OkStatus();
}

absl::Status SetTime(ASN1_TIME* field, absl::Time t) {
  if (ASN1_TIME_set(field, absl::ToTimeT(t)) == nullptr) {
    return OpenSslError("ASN1_TIME_set");
  }
  return absl::OkStatus();
}

// Gives `cert` the serial number `serial` (16 random bytes), made positive
// and non-zero first.
absl::Status SetSerial(X509* cert, unsigned char serial[16]) {
  serial[0] &= 0x7f;
  serial[0] |= 0x01;
  sslstore::openssl::BignumPtr bn(BN_bin2bn(serial, 16, nullptr));
  if (bn == nullptr ||
      BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)) == nullptr) {
    return OpenSslError("serial");
  }
  return absl::OkStatus();
}

// What kind of certificate BuildCert makes.
enum class CertKind { kRoot, kIntermediate, kLeaf };

absl::StatusOr<X509Ptr> BuildCert(CertKind kind, absl::string_view cn,
                                  EVP_PKEY* subject_key, X509* issuer,
                                  EVP_PKEY* issuer_key,
                                  const std::vector<std::string>& sans,
                                  absl::Time not_before, absl::Time not_after) {
  X509Ptr cert(X509_new());
  if (!cert) return OpenSslError("X509_new");
  X509_set_version(cert.get(), X509_VERSION_3);
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof(serial)) != 1) return OpenSslError("RAND");
  if (absl::Status set = SetSerial(cert.get(), serial); !set.ok()) return set;
  absl::Status st = SetTime(X509_getm_notBefore(cert.get()), not_before);
  if (!st.ok()) return st;
  st = SetTime(X509_getm_notAfter(cert.get()), not_after);
  if (!st.ok()) return st;
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (kind != CertKind::kLeaf) {
    X509_NAME_add_entry_by_txt(
        name, "O", MBSTRING_UTF8,
        reinterpret_cast<const unsigned char*>("SSL Store Simulator"), -1, -1,
        0);
  }
  if (!cn.empty()) {
    std::string cn_str(cn);
    if (X509_NAME_add_entry_by_txt(
            name, "CN", MBSTRING_UTF8,
            reinterpret_cast<const unsigned char*>(cn_str.c_str()), -1, -1,
            0) != 1) {
      return OpenSslError("subject CN");
    }
  }
  X509_set_issuer_name(
      cert.get(), issuer != nullptr ? X509_get_subject_name(issuer) : name);
  if (X509_set_pubkey(cert.get(), subject_key) != 1) {
    return OpenSslError("X509_set_pubkey");
  }
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer != nullptr ? issuer : cert.get(), cert.get(),
                 nullptr, nullptr, 0);
  switch (kind) {
    case CertKind::kRoot:
      st = AddExt(cert.get(), &ctx, NID_basic_constraints, "critical,CA:TRUE");
      if (st.ok()) {
        st = AddExt(cert.get(), &ctx, NID_key_usage,
                    "critical,keyCertSign,cRLSign");
      }
      break;
    case CertKind::kIntermediate:
      st = AddExt(cert.get(), &ctx, NID_basic_constraints,
                  "critical,CA:TRUE,pathlen:0");
      if (st.ok()) {
        st = AddExt(cert.get(), &ctx, NID_key_usage,
                    "critical,keyCertSign,cRLSign");
      }
      break;
    case CertKind::kLeaf: {
      const bool is_rsa = EVP_PKEY_get_base_id(subject_key) == EVP_PKEY_RSA;
      st = AddExt(cert.get(), &ctx, NID_basic_constraints, "critical,CA:FALSE");
      if (st.ok()) {
        st = AddExt(cert.get(), &ctx, NID_key_usage,
                    is_rsa ? "critical,digitalSignature,keyEncipherment"
                           : "critical,digitalSignature");
      }
      if (st.ok()) {
        st = AddExt(cert.get(), &ctx, NID_ext_key_usage,
                    "serverAuth,clientAuth");
      }
      if (st.ok()) st = AddSans(cert.get(), sans);
      break;
    }
  }
  if (!st.ok()) return st;
  st = AddExt(cert.get(), &ctx, NID_subject_key_identifier, "hash");
  if (!st.ok()) return st;
  if (kind != CertKind::kRoot) {
    st = AddExt(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always");
    if (!st.ok()) return st;
  }
  if (X509_sign(cert.get(), issuer_key, EVP_sha256()) <= 0) {
    return OpenSslError("X509_sign");
  }
  return cert;
}

std::string SerialHex(X509* cert) {
  const ASN1_INTEGER* serial = X509_get0_serialNumber(cert);
  std::string bytes(
      reinterpret_cast<const char*>(ASN1_STRING_get0_data(serial)),
      static_cast<size_t>(ASN1_STRING_length(serial)));
  return absl::AsciiStrToUpper(absl::BytesToHexString(bytes));
}

// 128 random bits from a per-thread generator seeded by the OpenSSL RNG
// (RAND_bytes per certificate is slow under OpenSSL 3's locking).
void FastSerial(unsigned char out[16]) {
  thread_local std::mt19937_64 rng = [] {
    uint64_t seed = 0;
    if (RAND_bytes(reinterpret_cast<unsigned char*>(&seed), sizeof(seed)) !=
        1) {
      seed = std::random_device{}();
    }
    return std::mt19937_64(seed);
  }();
  for (int i = 0; i < 2; ++i) {
    uint64_t v = rng();
    std::memcpy(out + size_t{8} * i, &v, 8);
  }
}

}  // namespace

// Everything about a leaf that does not depend on the leaf: its fixed
// extensions and a DigestSign context to copy (OpenSSL 3 algorithm fetches
// dominate the cost of issuing otherwise).
struct SimCa::LeafCache {
  EVP_MD_CTX* sign_template = nullptr;
  X509_EXTENSION* basic_constraints = nullptr;
  X509_EXTENSION* key_usage_ec = nullptr;
  X509_EXTENSION* key_usage_rsa = nullptr;
  X509_EXTENSION* ext_key_usage = nullptr;
  X509_EXTENSION* authority_key_id = nullptr;
  X509_EXTENSION* seed_subject_key_id = nullptr;

  ~LeafCache() {
    EVP_MD_CTX_free(sign_template);
    for (X509_EXTENSION* e :
         {basic_constraints, key_usage_ec, key_usage_rsa, ext_key_usage,
          authority_key_id, seed_subject_key_id}) {
      X509_EXTENSION_free(e);
    }
  }
};

absl::StatusOr<std::unique_ptr<SimCa>> SimCa::LoadOrCreate(
    const std::string& dir) {
  std::unique_ptr<SimCa> ca(new SimCa());
  const std::string root_cert = dir + "/root.pem";
  const std::string root_key = dir + "/root.key";
  const std::string int_cert = dir + "/intermediate.pem";
  const std::string int_key = dir + "/intermediate.key";
  ca->ca_file_ = dir + "/ca.pem";
  std::error_code ec;
  const bool exists = std::filesystem::exists(root_cert, ec) &&
                      std::filesystem::exists(root_key, ec) &&
                      std::filesystem::exists(int_cert, ec) &&
                      std::filesystem::exists(int_key, ec);
  if (exists) {
    absl::StatusOr<std::string> rc = ReadFile(root_cert);
    absl::StatusOr<std::string> rk = ReadFile(root_key);
    absl::StatusOr<std::string> ic = ReadFile(int_cert);
    absl::StatusOr<std::string> ik = ReadFile(int_key);
    for (const auto* s : {&rc, &rk, &ic, &ik}) {
      if (!s->ok()) return s->status();
    }
    auto root = CertFromPem(*rc);
    auto rkey = KeyFromPem(*rk);
    auto inter = CertFromPem(*ic);
    auto ikey = KeyFromPem(*ik);
    if (!root.ok()) return root.status();
    if (!rkey.ok()) return rkey.status();
    if (!inter.ok()) return inter.status();
    if (!ikey.ok()) return ikey.status();
    ca->root_ = *std::move(root);
    ca->root_key_ = *std::move(rkey);
    ca->intermediate_ = *std::move(inter);
    ca->intermediate_key_ = *std::move(ikey);
  } else {
    const absl::Time now = absl::Now();
    auto rkey = GenerateEcKey();
    if (!rkey.ok()) return rkey.status();
    auto root = BuildCert(CertKind::kRoot, "SSL Store Simulator Root CA",
                          rkey->get(), nullptr, rkey->get(), {},
                          now - absl::Hours(24), now + absl::Hours(24 * 3650));
    if (!root.ok()) return root.status();
    auto ikey = GenerateEcKey();
    if (!ikey.ok()) return ikey.status();
    auto inter = BuildCert(CertKind::kIntermediate,
                           "SSL Store Simulator Intermediate CA", ikey->get(),
                           root->get(), rkey->get(), {}, now - absl::Hours(24),
                           now + absl::Hours(24 * 3000));
    if (!inter.ok()) return inter.status();
    ca->root_ = *std::move(root);
    ca->root_key_ = *std::move(rkey);
    ca->intermediate_ = *std::move(inter);
    ca->intermediate_key_ = *std::move(ikey);
    auto rk_pem = KeyToPem(ca->root_key_.get());
    auto ik_pem = KeyToPem(ca->intermediate_key_.get());
    auto rc_pem = CertToPem(ca->root_.get());
    auto ic_pem = CertToPem(ca->intermediate_.get());
    for (const auto* s : {&rk_pem, &ik_pem, &rc_pem, &ic_pem}) {
      if (!s->ok()) return s->status();
    }
    absl::Status st = WriteFile(root_key, *rk_pem, true);
    if (st.ok()) st = WriteFile(int_key, *ik_pem, true);
    if (st.ok()) st = WriteFile(int_cert, *ic_pem, false);
    if (st.ok()) st = WriteFile(root_cert, *rc_pem, false);
    if (!st.ok()) return st;
  }
  auto rc_pem = CertToPem(ca->root_.get());
  if (!rc_pem.ok()) return rc_pem.status();
  auto ic_pem = CertToPem(ca->intermediate_.get());
  if (!ic_pem.ok()) return ic_pem.status();
  ca->root_pem_ = *std::move(rc_pem);
  ca->intermediate_pem_ = *std::move(ic_pem);
  absl::Status st = WriteFile(ca->ca_file_, ca->root_pem_, false);
  if (!st.ok()) return st;
  auto seed_key = GenerateEcKey();
  if (!seed_key.ok()) return seed_key.status();
  auto spki = PublicKeyDer(seed_key->get());
  if (!spki.ok()) return spki.status();
  ca->seed_public_key_ = *std::move(spki);
  ca->seed_key_ = *std::move(seed_key);
  // Leaf cache: a throw-away certificate carrying the seed key lets the
  // extension code compute the seed key's identifier.
  auto cache = std::make_shared<LeafCache>();
  X509Ptr dummy(X509_new());
  if (!dummy || X509_set_pubkey(dummy.get(), ca->seed_key_.get()) != 1) {
    return OpenSslError("leaf cache");
  }
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, ca->intermediate_.get(), dummy.get(), nullptr, nullptr,
                 0);
  struct {
    X509_EXTENSION** out;
    int nid;
    const char* value;
  } const kExts[] = {
      {&cache->basic_constraints, NID_basic_constraints, "critical,CA:FALSE"},
      {&cache->key_usage_ec, NID_key_usage, "critical,digitalSignature"},
      {&cache->key_usage_rsa, NID_key_usage,
       "critical,digitalSignature,keyEncipherment"},
      {&cache->ext_key_usage, NID_ext_key_usage, "serverAuth,clientAuth"},
      {&cache->authority_key_id, NID_authority_key_identifier, "keyid:always"},
      {&cache->seed_subject_key_id, NID_subject_key_identifier, "hash"},
  };
  for (const auto& e : kExts) {
    *e.out = X509V3_EXT_conf_nid(nullptr, &ctx, e.nid, e.value);
    if (*e.out == nullptr) return OpenSslError("leaf cache extension");
  }
  cache->sign_template = EVP_MD_CTX_new();
  if (cache->sign_template == nullptr ||
      EVP_DigestSignInit(cache->sign_template, nullptr, EVP_sha256(), nullptr,
                         ca->intermediate_key_.get()) != 1) {
    return OpenSslError("leaf cache signing context");
  }
  ca->leaf_cache_ = std::move(cache);
  return ca;
}

absl::StatusOr<IssuedCertificate> SimCa::IssueLeaf(
    absl::string_view public_key_der, absl::string_view common_name,
    const std::vector<std::string>& names, absl::Time not_before,
    absl::Time not_after) const {
  const unsigned char* p =
      reinterpret_cast<const unsigned char*>(public_key_der.data());
  EvpPkeyPtr key(
      d2i_PUBKEY(nullptr, &p, static_cast<long>(public_key_der.size())));
  if (!key) return OpenSslError("d2i_PUBKEY");
  return IssueForKey(key.get(), common_name, names, not_before, not_after);
}

absl::StatusOr<IssuedCertificate> SimCa::IssueSeedLeaf(
    absl::string_view common_name, const std::vector<std::string>& names,
    absl::Time not_before, absl::Time not_after) const {
  return IssueForKey(seed_key_.get(), common_name, names, not_before,
                     not_after);
}

absl::StatusOr<IssuedCertificate> SimCa::IssueForKey(
    EVP_PKEY* key, absl::string_view common_name,
    const std::vector<std::string>& names, absl::Time not_before,
    absl::Time not_after) const {
  const LeafCache& cache = *leaf_cache_;
  X509Ptr cert(X509_new());
  if (!cert) return OpenSslError("X509_new");
  X509_set_version(cert.get(), X509_VERSION_3);
  unsigned char serial[16];
  FastSerial(serial);
  if (absl::Status set = SetSerial(cert.get(), serial); !set.ok()) return set;
  absl::Status st = SetTime(X509_getm_notBefore(cert.get()), not_before);
  if (st.ok()) st = SetTime(X509_getm_notAfter(cert.get()), not_after);
  if (!st.ok()) return st;
  if (!common_name.empty()) {
    std::string cn(common_name);
    if (X509_NAME_add_entry_by_txt(
            X509_get_subject_name(cert.get()), "CN", MBSTRING_UTF8,
            reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1,
            0) != 1) {
      return OpenSslError("subject CN");
    }
  }
  X509_set_issuer_name(cert.get(), X509_get_subject_name(intermediate_.get()));
  if (X509_set_pubkey(cert.get(), key) != 1) {
    return OpenSslError("X509_set_pubkey");
  }
  const bool is_rsa = EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA;
  for (X509_EXTENSION* ext : {cache.basic_constraints,
                              is_rsa ? cache.key_usage_rsa : cache.key_usage_ec,
                              cache.ext_key_usage}) {
    if (X509_add_ext(cert.get(), ext, -1) != 1) {
      return OpenSslError("X509_add_ext");
    }
  }
  st = AddSans(cert.get(), names);
  if (!st.ok()) return st;
  if (key == seed_key_.get()) {
    if (X509_add_ext(cert.get(), cache.seed_subject_key_id, -1) != 1) {
      return OpenSslError("X509_add_ext");
    }
  } else {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, intermediate_.get(), cert.get(), nullptr, nullptr, 0);
    st = AddExt(cert.get(), &ctx, NID_subject_key_identifier, "hash");
    if (!st.ok()) return st;
  }
  if (X509_add_ext(cert.get(), cache.authority_key_id, -1) != 1) {
    return OpenSslError("X509_add_ext");
  }
  EVP_MD_CTX* sign_ctx = EVP_MD_CTX_new();
  const bool signed_ok =
      sign_ctx != nullptr &&
      EVP_MD_CTX_copy_ex(sign_ctx, cache.sign_template) == 1 &&
      X509_sign_ctx(cert.get(), sign_ctx) > 0;
  EVP_MD_CTX_free(sign_ctx);
  if (!signed_ok) return OpenSslError("X509_sign_ctx");
  auto pem = CertToPem(cert.get());
  if (!pem.ok()) return pem.status();
  IssuedCertificate out;
  out.pem = *std::move(pem);
  out.serial_hex = SerialHex(cert.get());
  // Certificate times have one-second resolution.
  out.not_before = absl::FromTimeT(absl::ToTimeT(not_before));
  out.not_after = absl::FromTimeT(absl::ToTimeT(not_after));
  return out;
}

absl::StatusOr<TlsIdentity> SimCa::IssueTlsIdentity(
    const std::vector<std::string>& names) const {
  auto key = GenerateEcKey();
  if (!key.ok()) return key.status();
  const absl::Time now = absl::Now();
  auto cert =
      BuildCert(CertKind::kLeaf, names.empty() ? "" : names.front(), key->get(),
                intermediate_.get(), intermediate_key_.get(), names,
                now - absl::Hours(1), now + absl::Hours(24 * 365));
  if (!cert.ok()) return cert.status();
  auto pem = CertToPem(cert->get());
  if (!pem.ok()) return pem.status();
  auto key_pem = KeyToPem(key->get());
  if (!key_pem.ok()) return key_pem.status();
  TlsIdentity out;
  out.chain_pem = *pem + intermediate_pem_;
  out.key_pem = *std::move(key_pem);
  return out;
}

}  // namespace sslstore_sim
