#ifndef SERVICE_X509_CHAIN_ORDER_H_
#define SERVICE_X509_CHAIN_ORDER_H_

#include <vector>

#include "absl/status/statusor.h"
#include "service/x509/certificate.h"

namespace sslstore::service::x509 {

// A certificate set sorted out: the end-entity certificate and the
// certificates that issued it.
struct OrderedChain {
  CertificateInfo leaf;
  // The leaf's issuer first, then its issuer, ... up to the root if present
  // (leaf excluded).
  std::vector<CertificateInfo> chain;
  // Certificates of the set that are on neither (unrelated roots, a second
  // cross-signed copy of an intermediate, ...), in input order.
  std::vector<CertificateInfo> unused;
};

// Finds the leaf by inspecting the set, never by position: "A issued B"
// means B's issuer name equals A's subject, their key identifiers (when
// present) match, A's key usage allows signing certificates, and B's
// signature verifies with A's key (or cannot be checked). The leaf is the
// one non-CA certificate that issued no other certificate of the set; the
// chain follows issuers from it (preferring, among equal candidates, one
// whose own issuer is in the set, then input order). Duplicates (same DER)
// are ignored. INVALID_ARGUMENT if the set is empty, holds only CA
// certificates, or more than one unrelated end-entity certificate.
//
// Certificates read without their public key (`light` set, from
// CertificateDecoding::kLightLeaves) are decoded only when a pair cannot be
// decided without it. One shortcut: when such a certificate's
// authorityKeyIdentifier keyIdentifier matches the candidate issuer's
// subjectKeyIdentifier (names, algorithm and key usage checked as well),
// the issuer is accepted without verifying the certificate's signature
// (the key identifiers already name the issuing key; this saves the
// decoding and a public-key operation per leaf in a sync).
absl::StatusOr<OrderedChain> FindLeafAndOrder(
    std::vector<CertificateInfo> certificates);

}  // namespace sslstore::service::x509

#endif  // SERVICE_X509_CHAIN_ORDER_H_
