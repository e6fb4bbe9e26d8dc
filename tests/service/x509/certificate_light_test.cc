#include "service/x509/certificate_light.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/x509/base64.h"
#include "service/x509/certificate.h"
#include "service/x509/chain_order.h"
#include "service/x509/pem_text.h"
#include "tests/service/x509/test_pki.h"

namespace sslstore::service::x509 {
namespace {

using testing::CertDer;
using testing::CertPem;
using testing::CertSpec;
using ::testing::ElementsAre;
using testing::Hierarchy;
using ::testing::IsEmpty;
using testing::MakeHierarchy;

// Every CertificateInfo field but the decoded objects.
void ExpectSameFields(const CertificateInfo& light, const CertificateInfo& full,
                      const std::string& context) {
  EXPECT_EQ(light.der, full.der) << context;
  EXPECT_EQ(light.pem, full.pem) << context;
  EXPECT_EQ(light.subject, full.subject) << context;
  EXPECT_EQ(light.issuer, full.issuer) << context;
  EXPECT_EQ(light.common_name, full.common_name) << context;
  EXPECT_EQ(light.serial_hex, full.serial_hex) << context;
  EXPECT_EQ(light.dns_names, full.dns_names) << context;
  EXPECT_EQ(light.ip_addresses, full.ip_addresses) << context;
  EXPECT_EQ(light.emails, full.emails) << context;
  EXPECT_EQ(light.uris, full.uris) << context;
  EXPECT_EQ(light.not_before, full.not_before) << context;
  EXPECT_EQ(light.not_after, full.not_after) << context;
  EXPECT_EQ(light.is_ca, full.is_ca) << context;
  EXPECT_EQ(light.self_issued, full.self_issued) << context;
  EXPECT_EQ(light.public_key_der, full.public_key_der) << context;
  EXPECT_EQ(light.subject_key_id, full.subject_key_id) << context;
  EXPECT_EQ(light.authority_key_id, full.authority_key_id) << context;
  EXPECT_EQ(light.sha256_hex, full.sha256_hex) << context;
}

// Both parsers agree on `der`: both fail with the same message, or both
// succeed with the same fields. Returns whether it parsed.
bool ExpectAgreement(const std::string& der, const std::string& context) {
  absl::StatusOr<CertificateInfo> light = ParseCertificateDerLight(der);
  absl::StatusOr<CertificateInfo> full = ParseCertificateDer(der);
  EXPECT_EQ(light.status(), full.status()) << context;
  if (!light.ok() || !full.ok()) return false;
  ExpectSameFields(*light, *full, context);
  EXPECT_EQ(light->x509, nullptr);
  EXPECT_NE(light->light, nullptr);
  return true;
}

// A leaf with more extensions than the test PKI's default one: extended key
// usage, CRL distribution points, an email SAN.
openssl::X509Ptr RichLeaf(const Hierarchy& h) {
  openssl::X509Ptr x = testing::IssueCertificate(
      CertSpec{
          {{"C", "US"}, {"O", "Example, Inc."}, {"CN", "rich.example.com"}},
          false,
          "7F00AA",
          "DNS:rich.example.com,email:ops@example.com,URI:https://x.test/"},
      testing::SharedEcP256Key(), h.intermediate.get(),
      testing::SharedRsa2048Key(1));
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, h.intermediate.get(), x.get(), nullptr, nullptr, 0);
  for (auto [nid, value] : std::vector<std::pair<int, const char*>>{
           {NID_ext_key_usage, "serverAuth,clientAuth"},
           {NID_crl_distribution_points, "URI:http://crl.example.com/a.crl"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    EXPECT_NE(ext, nullptr);
    X509_add_ext(x.get(), ext, -1);
    X509_EXTENSION_free(ext);
  }
  X509_sign(x.get(), testing::SharedRsa2048Key(1), EVP_sha256());
  return x;
}

TEST(CertificateLightTest, SameFieldsAsTheFullParse) {
  Hierarchy h = MakeHierarchy("example.com");
  openssl::X509Ptr rich = RichLeaf(h);
  for (X509* x :
       {h.leaf.get(), h.intermediate.get(), h.root.get(), rich.get()}) {
    EXPECT_TRUE(ExpectAgreement(CertDer(x), "valid certificate"));
  }
  absl::StatusOr<CertificateInfo> leaf =
      ParseCertificateDerLight(CertDer(rich.get()));
  ASSERT_TRUE(leaf.ok()) << leaf.status();
  EXPECT_EQ(leaf->subject, "CN=rich.example.com,O=Example\\, Inc.,C=US");
  EXPECT_EQ(leaf->serial_hex, "7F00AA");
  EXPECT_THAT(leaf->emails, ElementsAre("ops@example.com"));
  EXPECT_THAT(leaf->uris, ElementsAre("https://x.test/"));
  EXPECT_FALSE(leaf->is_ca);
  ASSERT_NE(leaf->light, nullptr);
  EXPECT_NE(leaf->light->authority_key_id(), nullptr);
  EXPECT_TRUE(leaf->light->has_subject_key_id());
  EXPECT_FALSE(leaf->light->proxy());
  EXPECT_EQ(leaf->light->signature_nid(), NID_sha256WithRSAEncryption);
}

// Hostile input: every single-byte change and every truncation of two leaf
// certificates either fails in both parsers with the same message or parses
// to the same fields. (Also the fuzz target's contract: never a crash.)
TEST(CertificateLightTest, AgreesWithTheFullParseOnEveryMutation) {
  Hierarchy h = MakeHierarchy("example.com");
  openssl::X509Ptr rich = RichLeaf(h);
  for (X509* x : {h.leaf.get(), rich.get()}) {
    const std::string der = CertDer(x);
    int parsed = 0;
    for (size_t i = 0; i < der.size(); ++i) {
      for (unsigned char mask : {0x01, 0x5A, 0x80}) {
        std::string mutated = der;
        mutated[i] = static_cast<char>(mutated[i] ^ mask);
        if (ExpectAgreement(mutated, absl::StrCat("byte ", i, " ^ ", mask))) {
          ++parsed;
        }
      }
      EXPECT_FALSE(ParseCertificateDerLight(der.substr(0, i)).ok()) << i;
    }
    EXPECT_GT(parsed, 0);
    EXPECT_EQ(ParseCertificateDerLight(der + "x").status().message(),
              "certificate has trailing bytes");
  }
  EXPECT_EQ(ParseCertificateDerLight("").status().message(),
            "certificate is empty");
  EXPECT_EQ(
      ParseCertificateDerLight(std::string(5000, '\x30')).status().message(),
      "not an X.509 certificate");
}

std::vector<std::string> Ders(const std::vector<CertificateInfo>& certs) {
  std::vector<std::string> out;
  for (const CertificateInfo& c : certs) out.push_back(c.der);
  return out;
}

// FindLeafAndOrder gives the same leaf, chain and unused set whether the
// download was read fully or with light leaves.
void ExpectSameOrdering(const std::vector<std::string>& texts) {
  absl::StatusOr<std::vector<CertificateInfo>> full = ParseCertificates(texts);
  absl::StatusOr<std::vector<CertificateInfo>> light =
      ParseCertificates(texts, CertificateDecoding::kLightLeaves);
  ASSERT_EQ(full.status(), light.status());
  if (!full.ok()) return;
  absl::StatusOr<OrderedChain> a = FindLeafAndOrder(*full);
  absl::StatusOr<OrderedChain> b = FindLeafAndOrder(*light);
  ASSERT_EQ(a.status(), b.status());
  if (!a.ok()) return;
  EXPECT_EQ(a->leaf.der, b->leaf.der);
  EXPECT_EQ(Ders(a->chain), Ders(b->chain));
  EXPECT_EQ(Ders(a->unused), Ders(b->unused));
}

TEST(CertificateLightTest, LightLeavesOrderLikeFullOnes) {
  Hierarchy a = MakeHierarchy("example.com");
  Hierarchy b = MakeHierarchy("other.example", 3);
  openssl::X509Ptr rich = RichLeaf(a);
  const std::vector<std::string> pems = {
      CertPem(a.leaf.get()), CertPem(a.intermediate.get()),
      CertPem(a.root.get()), CertPem(b.root.get())};
  std::vector<int> order = {0, 1, 2, 3};
  do {
    std::vector<std::string> texts;
    for (int i : order) texts.push_back(pems[i]);
    ExpectSameOrdering(texts);
  } while (std::next_permutation(order.begin(), order.end()));
  ExpectSameOrdering({CertPem(rich.get()) + CertPem(a.intermediate.get())});
  ExpectSameOrdering({CertPem(a.leaf.get()), CertPem(b.leaf.get())});
  ExpectSameOrdering({CertPem(a.root.get()), CertPem(a.intermediate.get())});
  ExpectSameOrdering({EncodeBase64(CertDer(a.leaf.get()))});

  absl::StatusOr<std::vector<CertificateInfo>> light =
      ParseCertificates({CertPem(a.root.get()) + CertPem(a.leaf.get()),
                         CertPem(a.intermediate.get())},
                        CertificateDecoding::kLightLeaves);
  ASSERT_TRUE(light.ok()) << light.status();
  ASSERT_EQ(light->size(), 3u);
  EXPECT_EQ((*light)[1].x509, nullptr);  // the leaf: no key decoded
  EXPECT_NE((*light)[1].light, nullptr);
  EXPECT_NE((*light)[0].x509, nullptr);  // CA certificates: full (cached)
  EXPECT_NE((*light)[2].x509, nullptr);
  absl::StatusOr<OrderedChain> chain = FindLeafAndOrder(*light);
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_EQ(chain->leaf.common_name, "example.com");
  ASSERT_EQ(chain->chain.size(), 2u);
  EXPECT_EQ(chain->chain[0].common_name, "Test Intermediate A");
  EXPECT_EQ(chain->chain[1].common_name, "Test Root A");
}

// Without key identifiers the leaf's signature decides, exactly as in the
// full parse: an impostor with the intermediate's name is not its issuer.
TEST(CertificateLightTest, WithoutKeyIdsTheSignatureDecides) {
  Hierarchy h = MakeHierarchy("example.com");
  testing::NameOnlyMatch m = testing::MakeNameOnlyMatch(h);
  const std::vector<std::string> texts = {
      CertPem(m.impostor.get()), CertPem(m.leaf.get()), CertPem(h.root.get()),
      CertPem(h.intermediate.get())};
  ExpectSameOrdering(texts);
  absl::StatusOr<std::vector<CertificateInfo>> light =
      ParseCertificates(texts, CertificateDecoding::kLightLeaves);
  ASSERT_TRUE(light.ok());
  absl::StatusOr<OrderedChain> chain = FindLeafAndOrder(*light);
  ASSERT_TRUE(chain.ok()) << chain.status();
  ASSERT_EQ(chain->chain.size(), 2u);
  EXPECT_EQ(chain->chain[0].serial_hex, "20");
  ASSERT_EQ(chain->unused.size(), 1u);
  EXPECT_EQ(chain->unused[0].serial_hex, "66");
}

// The documented shortcut: when the leaf's authority key id names the
// issuer's subject key id, its signature is not verified (the full parse
// verifies it and rejects a leaf signed by another key).
TEST(CertificateLightTest, MatchingKeyIdsSkipTheSignatureCheck) {
  Hierarchy h = MakeHierarchy("example.com");
  // Claims intermediate A (name and key id) but is signed by another key.
  openssl::X509Ptr forged = testing::IssueCertificate(
      testing::Spec({{"CN", "forged.example.com"}}, false, "06"),
      testing::SharedEcP256Key(), h.intermediate.get(),
      testing::SharedRsa2048Key(4));
  const std::vector<std::string> texts = {CertPem(forged.get()),
                                          CertPem(h.intermediate.get())};
  absl::StatusOr<std::vector<CertificateInfo>> full = ParseCertificates(texts);
  absl::StatusOr<std::vector<CertificateInfo>> light =
      ParseCertificates(texts, CertificateDecoding::kLightLeaves);
  ASSERT_TRUE(full.ok() && light.ok());
  absl::StatusOr<OrderedChain> full_chain = FindLeafAndOrder(*full);
  absl::StatusOr<OrderedChain> light_chain = FindLeafAndOrder(*light);
  ASSERT_TRUE(full_chain.ok() && light_chain.ok());
  EXPECT_EQ(full_chain->leaf.common_name, "forged.example.com");
  EXPECT_THAT(full_chain->chain, IsEmpty());
  EXPECT_EQ(light_chain->leaf.common_name, "forged.example.com");
  ASSERT_EQ(light_chain->chain.size(), 1u);
  EXPECT_EQ(light_chain->chain[0].common_name, "Test Intermediate A");
}

}  // namespace
}  // namespace sslstore::service::x509
