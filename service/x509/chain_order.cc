#include "service/x509/chain_order.h"

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/x509/certificate_light.h"
#include "sslstore_client/openssl/openssl_ptr.h"

namespace sslstore::service::x509 {
namespace {

// Most CA-to-CA issuance answers remembered; starts over when full.
constexpr size_t kMaxCachedIssuance = 1024;

// True if `issuer` issued `subject` (see FindLeafAndOrder).
bool CheckIssued(X509* issuer, X509* subject) {
  if (X509_check_issued(issuer, subject) != X509_V_OK) return false;
  EVP_PKEY* key = X509_get0_pubkey(issuer);
  if (key == nullptr) return false;
  // 1 = verifies, 0 = wrong signature, < 0 = cannot be checked.
  return X509_verify(subject, key) != 0;
}

// CheckIssued, remembered for pairs of CA certificates (the intermediates
// and roots every download of an account repeats).
bool Issued(const CertificateInfo& issuer_info, X509* issuer,
            const CertificateInfo& subject_info, X509* subject) {
  if (!issuer_info.is_ca || !subject_info.is_ca) {
    return CheckIssued(issuer, subject);
  }
  static std::mutex* const mutex = new std::mutex();
  static auto* const answers = new std::map<std::string, bool>();
  const std::string key =
      absl::StrCat(issuer_info.sha256_hex, ">", subject_info.sha256_hex);
  {
    std::lock_guard<std::mutex> lock(*mutex);
    auto found = answers->find(key);
    if (found != answers->end()) return found->second;
  }
  const bool issued = CheckIssued(issuer, subject);
  std::lock_guard<std::mutex> lock(*mutex);
  if (answers->size() >= kMaxCachedIssuance) answers->clear();
  answers->emplace(key, issued);
  return issued;
}

std::string Describe(const CertificateInfo& certificate) {
  return certificate.subject.empty()
             ? absl::StrCat("serial ", certificate.serial_hex)
             : absl::StrCat("\"", certificate.subject, "\"");
}

// X509_check_issued's name test: `issuer`'s subject is `subject`'s issuer.
const X509_NAME* SubjectName(const CertificateInfo& info) {
  if (info.x509 != nullptr) return X509_get_subject_name(info.x509.get());
  return info.light != nullptr ? info.light->subject() : nullptr;
}
const X509_NAME* IssuerName(const CertificateInfo& info) {
  if (info.x509 != nullptr) return X509_get_issuer_name(info.x509.get());
  return info.light != nullptr ? info.light->issuer() : nullptr;
}

// X509_check_issued(issuer, subject) == X509_V_OK for a subject read
// without its public key (certificate_light.h): the same four checks
// (names, authority key id, signature algorithm against the issuer's key
// type, issuer's keyUsage) on the light structure.
bool LikelyIssuedLight(X509* issuer, const LightCertificate& subject) {
  if (X509_NAME_cmp(X509_get_subject_name(issuer), subject.issuer()) != 0) {
    return false;
  }
  const uint32_t flags = X509_get_extension_flags(issuer);
  if ((flags & EXFLAG_INVALID) != 0) return false;
  if (X509_check_akid(issuer, subject.authority_key_id()) != X509_V_OK) {
    return false;
  }
  const EVP_PKEY* key = X509_get0_pubkey(issuer);
  int signature_key_nid = NID_undef;
  if (key == nullptr || OBJ_find_sigid_algs(subject.signature_nid(), nullptr,
                                            &signature_key_nid) == 0) {
    return false;
  }
  const int key_nid = EVP_PKEY_get_base_id(key);
  if (key_nid != EVP_PKEY_type(signature_key_nid) &&
      !(key_nid == EVP_PKEY_RSA && signature_key_nid == NID_rsassaPss)) {
    return false;
  }
  const uint32_t needed =
      subject.proxy() ? KU_DIGITAL_SIGNATURE : KU_KEY_CERT_SIGN;
  return (X509_get_key_usage(issuer) & needed) != 0;
}

// Answers "did certificate i issue certificate j" for a set in which some
// certificates may have been read without their public key (`light`). Such
// a certificate is decoded fully only when a name test cannot rule the pair
// out and the answer needs its key or signature: in a download that is
// never the case for the leaf, whose issuer link is then established by
// names, key identifiers, algorithm and key usage without verifying the
// leaf's signature (see FindLeafAndOrder).
class IssuanceTester {
 public:
  explicit IssuanceTester(const std::vector<CertificateInfo>& certificates)
      : certificates_(certificates), full_(certificates.size()) {
    for (size_t k = 0; k < certificates.size(); ++k) {
      full_[k] = certificates[k].x509;
    }
  }

  absl::StatusOr<bool> Issued(size_t i, size_t j) {
    const CertificateInfo& issuer = certificates_[i];
    const CertificateInfo& subject = certificates_[j];
    if (issuer.x509 == nullptr || subject.x509 == nullptr) {
      const X509_NAME* issuer_subject = SubjectName(issuer);
      const X509_NAME* subject_issuer = IssuerName(subject);
      if (issuer_subject != nullptr && subject_issuer != nullptr &&
          X509_NAME_cmp(issuer_subject, subject_issuer) != 0) {
        return false;  // X509_check_issued's first test
      }
      if (issuer.x509 != nullptr && subject.light != nullptr &&
          subject.light->authority_key_id() != nullptr &&
          subject.light->authority_key_id()->keyid != nullptr &&
          X509_get0_subject_key_id(const_cast<X509*>(issuer.x509.get())) !=
              nullptr) {
        // Key identifiers on both sides name the issuing key.
        return LikelyIssuedLight(const_cast<X509*>(issuer.x509.get()),
                                 *subject.light);
      }
    }
    absl::StatusOr<X509*> a = Full(i);
    if (!a.ok()) return a.status();
    absl::StatusOr<X509*> b = Full(j);
    if (!b.ok()) return b.status();
    // OpenSSL's checks take non-const pointers but only read.
    return x509::Issued(issuer, *a, subject, *b);
  }

 private:
  // Certificate k as an OpenSSL X509, decoded on first use if it was read
  // without one.
  absl::StatusOr<X509*> Full(size_t k) {
    if (full_[k] == nullptr) {
      const std::string& der = certificates_[k].der;
      const unsigned char* p =
          reinterpret_cast<const unsigned char*>(der.data());
      X509* x = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
      if (x == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat(
            "certificate ", Describe(certificates_[k]), " is not readable"));
      }
      full_[k] = std::shared_ptr<const X509>(x, X509_free);
    }
    return const_cast<X509*>(full_[k].get());
  }

  const std::vector<CertificateInfo>& certificates_;
  std::vector<std::shared_ptr<const X509>> full_;
};

}  // namespace

absl::StatusOr<OrderedChain> FindLeafAndOrder(
    std::vector<CertificateInfo> certificates) {
  // De-duplicate by DER, keeping the first occurrence.
  {
    std::set<std::string> seen;
    std::vector<CertificateInfo> unique;
    for (CertificateInfo& certificate : certificates) {
      if (seen.insert(certificate.der).second) {
        unique.push_back(std::move(certificate));
      }
    }
    certificates = std::move(unique);
  }
  if (certificates.empty()) {
    return absl::InvalidArgumentError("no certificate to choose a leaf from");
  }
  if (certificates.size() > kMaxCertificatesPerDownload) {
    return absl::InvalidArgumentError(absl::StrCat(
        "more than ", kMaxCertificatesPerDownload, " certificates"));
  }

  const size_t n = certificates.size();
  IssuanceTester tester(certificates);
  // issued[i][j]: certificate i issued certificate j (i != j).
  std::vector<std::vector<bool>> issued(n, std::vector<bool>(n, false));
  std::vector<bool> issued_any(n, false);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      absl::StatusOr<bool> result = tester.Issued(i, j);
      if (!result.ok()) return result.status();
      if (*result) {
        issued[i][j] = true;
        issued_any[i] = true;
      }
    }
  }

  std::vector<size_t> leaves;
  for (size_t i = 0; i < n; ++i) {
    if (!issued_any[i] && !certificates[i].is_ca) leaves.push_back(i);
  }
  if (leaves.empty()) {
    return absl::InvalidArgumentError(
        "no end-entity certificate among the certificates (only CA "
        "certificates)");
  }
  if (leaves.size() > 1) {
    std::vector<std::string> names;
    names.reserve(leaves.size());
    for (size_t i : leaves) names.push_back(Describe(certificates[i]));
    return absl::InvalidArgumentError(
        absl::StrCat("ambiguous leaf: ", leaves.size(),
                     " unrelated end-entity certificates (",
                     absl::StrJoin(names, ", "), ")"));
  }

  std::vector<size_t> path = {leaves.front()};
  std::vector<bool> on_path(n, false);
  on_path[leaves.front()] = true;
  while (true) {
    const size_t current = path.back();
    size_t best = n;
    bool best_continues = false;
    for (size_t k = 0; k < n; ++k) {
      if (on_path[k] || !issued[k][current]) continue;
      bool continues = false;
      for (size_t m = 0; m < n; ++m) {
        if (!on_path[m] && m != k && issued[m][k]) continues = true;
      }
      if (best == n || (continues && !best_continues)) {
        best = k;
        best_continues = continues;
      }
    }
    if (best == n) break;
    path.push_back(best);
    on_path[best] = true;
  }

  OrderedChain result;
  result.leaf = std::move(certificates[path.front()]);
  for (size_t i = 1; i < path.size(); ++i) {
    result.chain.push_back(std::move(certificates[path[i]]));
  }
  for (size_t k = 0; k < n; ++k) {
    if (!on_path[k]) result.unused.push_back(std::move(certificates[k]));
  }
  return result;
}

}  // namespace sslstore::service::x509
