#include "service/x509/chain_order.h"

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/x509/openssl_ptr.h"

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
  // The parsed certificates: the shared ones ParseCertificateDer made, or
  // decoded here for infos built some other way.
  std::vector<std::shared_ptr<const X509>> parsed;
  parsed.reserve(n);
  for (const CertificateInfo& certificate : certificates) {
    if (certificate.x509 != nullptr) {
      parsed.push_back(certificate.x509);
      continue;
    }
    const unsigned char* p =
        reinterpret_cast<const unsigned char*>(certificate.der.data());
    X509* x = d2i_X509(nullptr, &p, static_cast<long>(certificate.der.size()));
    if (x == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "certificate ", Describe(certificate), " is not readable"));
    }
    parsed.push_back(std::shared_ptr<const X509>(x, X509_free));
  }

  // issued[i][j]: certificate i issued certificate j (i != j).
  std::vector<std::vector<bool>> issued(n, std::vector<bool>(n, false));
  std::vector<bool> issued_any(n, false);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      // OpenSSL's checks take non-const pointers but only read.
      if (Issued(certificates[i], const_cast<X509*>(parsed[i].get()),
                 certificates[j], const_cast<X509*>(parsed[j].get()))) {
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
