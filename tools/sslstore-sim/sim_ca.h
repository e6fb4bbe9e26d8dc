// The simulator's own certificate authority: a root and an intermediate
// (EC P-256) created on first start in a state directory and loaded on later
// starts. It signs order certificates from a public key and a list of names,
// and issues the TLS identity of the simulator's HTTPS listener.
#ifndef TOOLS_SSLSTORE_SIM_SIM_CA_H_
#define TOOLS_SSLSTORE_SIM_SIM_CA_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "tools/sslstore-sim/openssl_util.h"

namespace sslstore_sim {

// One issued end-entity certificate.
struct IssuedCertificate {
  std::string pem;         // leaf certificate, PEM
  std::string serial_hex;  // upper-case hex serial number
  absl::Time not_before;
  absl::Time not_after;
};

// A certificate chain and private key for a TLS server.
struct TlsIdentity {
  std::string chain_pem;  // leaf followed by the intermediate
  std::string key_pem;
};

// Thread-safe after construction: every method is const.
class SimCa {
 public:
  // Loads root.pem/root.key/intermediate.pem/intermediate.key from `dir`, or
  // creates them (and ca.pem, the root to trust) when absent. `dir` must exist.
  static absl::StatusOr<std::unique_ptr<SimCa>> LoadOrCreate(
      const std::string& dir);

  // Signs a leaf for the DER SubjectPublicKeyInfo `public_key_der` with
  // subject CN `common_name` and dNSName (or iPAddress, for literal IPs)
  // SANs `names`, valid [not_before, not_after].
  absl::StatusOr<IssuedCertificate> IssueLeaf(
      absl::string_view public_key_der, absl::string_view common_name,
      const std::vector<std::string>& names, absl::Time not_before,
      absl::Time not_after) const;

  // Like IssueLeaf, for the pre-generated seed key (no key decoding).
  absl::StatusOr<IssuedCertificate> IssueSeedLeaf(
      absl::string_view common_name, const std::vector<std::string>& names,
      absl::Time not_before, absl::Time not_after) const;

  // Creates a fresh key and a server certificate for `names`.
  absl::StatusOr<TlsIdentity> IssueTlsIdentity(
      const std::vector<std::string>& names) const;

  // PEM of the root certificate (the one to trust).
  const std::string& root_pem() const { return root_pem_; }
  // PEM of the intermediate certificate.
  const std::string& intermediate_pem() const { return intermediate_pem_; }
  // Path of the PEM file holding the root certificate.
  const std::string& ca_file() const { return ca_file_; }
  // A pre-generated EC public key (DER SPKI) reused for seeded orders.
  const std::string& seed_public_key_der() const { return seed_public_key_; }

 private:
  SimCa() = default;
  absl::StatusOr<IssuedCertificate> IssueForKey(
      EVP_PKEY* key, absl::string_view common_name,
      const std::vector<std::string>& names, absl::Time not_before,
      absl::Time not_after) const;

  X509Ptr root_;
  EvpPkeyPtr root_key_;
  X509Ptr intermediate_;
  EvpPkeyPtr intermediate_key_;
  std::string root_pem_;
  std::string intermediate_pem_;
  std::string ca_file_;
  std::string seed_public_key_;
  EvpPkeyPtr seed_key_;
  struct LeafCache;  // pre-built leaf extensions and signing context
  std::shared_ptr<LeafCache> leaf_cache_;
};

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_SIM_CA_H_
