// libFuzzer target: the X.509 input parsing of service/x509, all on each
// input: CSRs (PEM or base64 DER) with the key policy and the name
// collection an enrollment runs on them, certificate texts (PEM, PKCS#7,
// base64) read in full and with light leaves, with leaf and chain ordering, a
// download's list of files (the input split at NUL bytes), and RFC 4514 subject
// strings. Beyond "no crash, leak or undefined behaviour" it checks round
// trips: a parsed CSR's normalised PEM and a certificate's PEM read back as the
// same DER, and a parsed distinguished name formats back to the same
// attributes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "service/x509/certificate.h"
#include "service/x509/chain_order.h"
#include "service/x509/csr.h"
#include "service/x509/distinguished_name.h"
#include "service/x509/name_policy.h"
#include "service/x509/san_collection.h"
#include "tools/fuzz/fuzz_check.h"

namespace {

namespace x509 = sslstore::service::x509;

// At most this many certificates of one input are re-read (each costs a
// full decode).
constexpr size_t kMaxReparsed = 4;

void FuzzCsr(absl::string_view text) {
  x509::CsrCheck check = x509::CheckCsr(text);
  if (!check.info.has_value()) {
    FUZZ_CHECK(!check.problems.empty());
    return;
  }
  const x509::CsrInfo& csr = *check.info;
  FUZZ_CHECK(!csr.der.empty());
  absl::StatusOr<x509::CsrInfo> again = x509::ParseCsr(csr.pem);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->der == csr.der);
  FUZZ_CHECK(again->subject == csr.subject);
  FUZZ_CHECK(again->dns_names == csr.dns_names);

  // What an enrollment does with the CSR next: names from the CSR alone,
  // then with the request's own subject and SANs, then the product rules.
  x509::CollectRequestedNames({}, "", &csr);
  x509::SanMap sans = {{"dns", csr.dns_names},
                       {"ip", csr.ip_addresses},
                       {"email", csr.emails},
                       {"uri", csr.uris}};
  x509::NameCollection names =
      x509::CollectRequestedNames(sans, csr.subject, &csr);
  for (bool wildcard : {false, true}) {
    for (bool multi_domain : {false, true}) {
      x509::CheckNamePolicy(names.names,
                            {"fuzz", wildcard, multi_domain, /*max_names=*/3});
    }
  }
}

// Orders a certificate set; a found leaf comes from the set.
void FindLeaf(std::vector<x509::CertificateInfo> certificates) {
  if (certificates.empty()) return;
  size_t count = certificates.size();
  absl::StatusOr<x509::OrderedChain> ordered =
      x509::FindLeafAndOrder(std::move(certificates));
  if (!ordered.ok()) return;
  FUZZ_CHECK(!ordered->leaf.der.empty());
  FUZZ_CHECK(1 + ordered->chain.size() + ordered->unused.size() <= count);
}

void FuzzCertificates(absl::string_view text) {
  absl::StatusOr<std::vector<x509::CertificateInfo>> certificates =
      x509::ParseCertificateText(text);
  if (!certificates.ok()) {
    FUZZ_CHECK(!x509::ParseCertificateText(
                    text, x509::CertificateDecoding::kLightLeaves)
                    .ok());
    return;
  }
  std::vector<std::string> certificates_der;
  for (const x509::CertificateInfo& certificate : *certificates) {
    certificates_der.push_back(certificate.der);
  }
  for (size_t i = 0; i < certificates->size() && i < kMaxReparsed; ++i) {
    const x509::CertificateInfo& certificate = (*certificates)[i];
    FUZZ_CHECK(!certificate.der.empty());
    absl::StatusOr<std::vector<x509::CertificateInfo>> again =
        x509::ParseCertificateText(certificate.pem);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->size() == 1);
    FUZZ_CHECK(again->front().der == certificate.der);
  }
  FindLeaf(std::move(*certificates));

  // Leaves read without their public key: the same acceptance and the same
  // certificates; the ordering may differ (it trusts matching key
  // identifiers without a signature check), so it only has to hold up.
  absl::StatusOr<std::vector<x509::CertificateInfo>> light =
      x509::ParseCertificateText(text, x509::CertificateDecoding::kLightLeaves);
  FUZZ_CHECK(light.ok());
  FUZZ_CHECK(light->size() == certificates_der.size());
  for (size_t i = 0; i < light->size(); ++i) {
    FUZZ_CHECK((*light)[i].der == certificates_der[i]);
  }
  FindLeaf(std::move(*light));
}

void FuzzDownload(absl::string_view text) {
  std::vector<std::string> files = absl::StrSplit(text, '\0');
  absl::StatusOr<std::vector<x509::CertificateInfo>> certificates =
      x509::ParseCertificates(files);
  if (certificates.ok()) {
    FUZZ_CHECK(!certificates->empty());
    FUZZ_CHECK(certificates->size() <= x509::kMaxCertificatesPerDownload);
  }
}

void FuzzDistinguishedName(absl::string_view text) {
  absl::StatusOr<std::vector<x509::DnAttribute>> attributes =
      x509::ParseDistinguishedName(text);
  if (!attributes.ok()) return;
  std::string formatted = x509::FormatDistinguishedName(*attributes);
  // Escaping can make the text longer than the parser accepts.
  if (formatted.size() > x509::kMaxDistinguishedNameBytes) return;
  absl::StatusOr<std::vector<x509::DnAttribute>> again =
      x509::ParseDistinguishedName(formatted);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(*again == *attributes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view text(reinterpret_cast<const char*>(data), size);
  FuzzCsr(text);
  FuzzCertificates(text);
  FuzzDownload(text);
  FuzzDistinguishedName(text);
  return 0;
}
