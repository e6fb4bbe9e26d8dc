#include "service/x509/chain_order.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/x509/certificate.h"
#include "tests/service/x509/test_pki.h"

namespace sslstore::service::x509 {
namespace {

using testing::CertDer;
using testing::CertPem;
using testing::CertSpec;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Hierarchy;
using ::testing::IsEmpty;
using testing::MakeHierarchy;
using testing::Spec;

CertificateInfo Info(X509* x) {
  absl::StatusOr<CertificateInfo> info = ParseCertificateDer(CertDer(x));
  EXPECT_TRUE(info.ok()) << info.status();
  return info.ok() ? *info : CertificateInfo{};
}

std::vector<std::string> Names(const std::vector<CertificateInfo>& certs) {
  std::vector<std::string> out;
  for (const CertificateInfo& c : certs) out.push_back(c.common_name);
  return out;
}

TEST(ChainOrderTest, EveryPermutationGivesTheSameChain) {
  Hierarchy h = MakeHierarchy("example.com");
  std::vector<CertificateInfo> certs = {
      Info(h.leaf.get()), Info(h.intermediate.get()), Info(h.root.get())};
  std::vector<int> order = {0, 1, 2};
  int permutations = 0;
  do {
    std::vector<CertificateInfo> input;
    for (int i : order) input.push_back(certs[i]);
    absl::StatusOr<OrderedChain> chain = FindLeafAndOrder(input);
    ASSERT_TRUE(chain.ok()) << chain.status();
    EXPECT_EQ(chain->leaf.der, certs[0].der);
    EXPECT_THAT(Names(chain->chain),
                ElementsAre("Test Intermediate A", "Test Root A"));
    EXPECT_THAT(chain->unused, IsEmpty());
    ++permutations;
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_EQ(permutations, 6);
}

TEST(ChainOrderTest, ShuffledDownloadWithDuplicatesAndJunk) {
  Hierarchy h = MakeHierarchy("shop.example.org");
  std::vector<std::string> texts = {
      "Root:\r\n" + CertPem(h.root.get()),
      CertPem(h.leaf.get()) + "\r\n" + CertPem(h.intermediate.get()),
      CertPem(h.intermediate.get()), "(end)\n" + CertPem(h.root.get()),
      CertPem(h.leaf.get())};
  std::mt19937 random(12345);
  for (int round = 0; round < 10; ++round) {
    std::shuffle(texts.begin(), texts.end(), random);
    absl::StatusOr<std::vector<CertificateInfo>> certs =
        ParseCertificates(texts);
    ASSERT_TRUE(certs.ok()) << certs.status();
    EXPECT_EQ(certs->size(), 3u);
    absl::StatusOr<OrderedChain> chain = FindLeafAndOrder(*certs);
    ASSERT_TRUE(chain.ok()) << chain.status();
    EXPECT_EQ(chain->leaf.common_name, "shop.example.org");
    EXPECT_EQ(chain->leaf.serial_hex, "0A1B2C3D4E5F60718293");
    EXPECT_THAT(Names(chain->chain),
                ElementsAre("Test Intermediate A", "Test Root A"));
  }
}

TEST(ChainOrderTest, DuplicatesGivenDirectlyAreIgnored) {
  Hierarchy h = MakeHierarchy("example.com");
  absl::StatusOr<OrderedChain> chain =
      FindLeafAndOrder({Info(h.intermediate.get()), Info(h.leaf.get()),
                        Info(h.leaf.get()), Info(h.intermediate.get())});
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_EQ(chain->leaf.common_name, "example.com");
  EXPECT_THAT(Names(chain->chain), ElementsAre("Test Intermediate A"));
}

TEST(ChainOrderTest, LeafAlone) {
  Hierarchy h = MakeHierarchy("example.com");
  absl::StatusOr<OrderedChain> chain = FindLeafAndOrder({Info(h.leaf.get())});
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_EQ(chain->leaf.common_name, "example.com");
  EXPECT_THAT(chain->chain, IsEmpty());
}

TEST(ChainOrderTest, UnrelatedRootIsLeftOut) {
  Hierarchy a = MakeHierarchy("example.com");
  Hierarchy b = MakeHierarchy("other.example", 3);
  absl::StatusOr<OrderedChain> chain =
      FindLeafAndOrder({Info(b.root.get()), Info(a.root.get()),
                        Info(a.leaf.get()), Info(a.intermediate.get())});
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_EQ(chain->leaf.common_name, "example.com");
  EXPECT_THAT(Names(chain->chain),
              ElementsAre("Test Intermediate A", "Test Root A"));
  EXPECT_THAT(Names(chain->unused), ElementsAre("Test Root B"));
}

TEST(ChainOrderTest, CrossSignedIntermediate) {
  Hierarchy a = MakeHierarchy("example.com");
  Hierarchy b = MakeHierarchy("other.example", 3);
  // Same subject and key as intermediate A, issued by root B.
  openssl::X509Ptr cross = testing::IssueCertificate(
      Spec({{"C", "US"}, {"O", "Test A"}, {"CN", "Test Intermediate A"}}, true,
           "77"),
      testing::SharedRsa2048Key(1), b.root.get(), testing::SharedRsa2048Key(3));
  const CertificateInfo cross_info = Info(cross.get());
  // Root A absent: the path through the cross-signed copy reaches a root.
  absl::StatusOr<OrderedChain> chain =
      FindLeafAndOrder({Info(a.leaf.get()), Info(a.intermediate.get()),
                        cross_info, Info(b.root.get())});
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_EQ(chain->leaf.common_name, "example.com");
  ASSERT_EQ(chain->chain.size(), 2u);
  EXPECT_EQ(chain->chain[0].der, cross_info.der);
  EXPECT_EQ(chain->chain[1].common_name, "Test Root B");
  ASSERT_EQ(chain->unused.size(), 1u);
  EXPECT_EQ(chain->unused[0].serial_hex, "20");  // the root-A-signed copy
  // Both roots present: input order decides between equal paths.
  chain =
      FindLeafAndOrder({Info(a.leaf.get()), Info(a.intermediate.get()),
                        cross_info, Info(b.root.get()), Info(a.root.get())});
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_EQ(chain->chain[0].serial_hex, "20");
  EXPECT_EQ(chain->chain[1].common_name, "Test Root A");
  EXPECT_EQ(chain->unused.size(), 2u);
}

TEST(ChainOrderTest, NameMatchWithoutSignatureIsNotAnIssuer) {
  Hierarchy h = MakeHierarchy("example.com");
  // A leaf without key identifiers, and an impostor intermediate with the
  // real intermediate's name but another key.
  testing::NameOnlyMatch m = testing::MakeNameOnlyMatch(h);
  absl::StatusOr<OrderedChain> chain =
      FindLeafAndOrder({Info(m.impostor.get()), Info(m.leaf.get()),
                        Info(h.root.get()), Info(h.intermediate.get())});
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_EQ(chain->leaf.common_name, "plain.example.com");
  ASSERT_EQ(chain->chain.size(), 2u);
  EXPECT_EQ(chain->chain[0].serial_hex, "20");
  EXPECT_EQ(chain->chain[1].common_name, "Test Root A");
  ASSERT_EQ(chain->unused.size(), 1u);
  EXPECT_EQ(chain->unused[0].serial_hex, "66");
}

TEST(ChainOrderTest, TwoUnrelatedLeavesAreAmbiguous) {
  Hierarchy a = MakeHierarchy("example.com");
  Hierarchy b = MakeHierarchy("other.example", 3);
  absl::StatusOr<OrderedChain> chain = FindLeafAndOrder(
      {Info(a.leaf.get()), Info(a.intermediate.get()), Info(b.leaf.get())});
  EXPECT_EQ(chain.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(chain.status().message(),
              HasSubstr("ambiguous leaf: 2 unrelated end-entity certificates"));
  EXPECT_THAT(chain.status().message(), HasSubstr("\"CN=other.example\""));
}

TEST(ChainOrderTest, OnlyCaCertificatesOrNothing) {
  Hierarchy h = MakeHierarchy("example.com");
  EXPECT_THAT(FindLeafAndOrder({Info(h.root.get()), Info(h.intermediate.get())})
                  .status()
                  .message(),
              HasSubstr("no end-entity certificate"));
  EXPECT_EQ(FindLeafAndOrder({}).status().message(),
            "no certificate to choose a leaf from");
}

TEST(ChainOrderTest, SelfSignedLeaf) {
  EVP_PKEY* key = testing::SharedEcP256Key();
  openssl::X509Ptr self = testing::IssueCertificate(
      Spec({{"CN", "self.example.com"}}, false, "09"), key, nullptr, key);
  absl::StatusOr<OrderedChain> chain = FindLeafAndOrder({Info(self.get())});
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_EQ(chain->leaf.common_name, "self.example.com");
  EXPECT_THAT(chain->chain, IsEmpty());
}

}  // namespace
}  // namespace sslstore::service::x509
