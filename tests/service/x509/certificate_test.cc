#include "service/x509/certificate.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/x509/base64.h"
#include "service/x509/pem_text.h"
#include "tests/service/x509/test_pki.h"

namespace sslstore::service::x509 {
namespace {

using testing::CertDer;
using testing::CertPem;
using testing::CertSpec;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Hierarchy;
using testing::MakeHierarchy;

TEST(CertificateTest, ParsesLeafFields) {
  Hierarchy h = MakeHierarchy("example.com");
  const absl::Time before = absl::Now() - absl::Minutes(1);
  absl::StatusOr<CertificateInfo> leaf =
      ParseCertificateDer(CertDer(h.leaf.get()));
  ASSERT_TRUE(leaf.ok()) << leaf.status();
  EXPECT_EQ(leaf->der, CertDer(h.leaf.get()));
  EXPECT_EQ(leaf->pem, CertPem(h.leaf.get()));
  EXPECT_EQ(leaf->subject, "CN=example.com");
  EXPECT_EQ(leaf->issuer, "CN=Test Intermediate A,O=Test A,C=US");
  EXPECT_EQ(leaf->common_name, "example.com");
  EXPECT_EQ(leaf->serial_hex, "0A1B2C3D4E5F60718293");
  EXPECT_THAT(leaf->dns_names, ElementsAre("example.com", "www.example.com"));
  EXPECT_THAT(leaf->ip_addresses, ElementsAre("192.0.2.7"));
  EXPECT_FALSE(leaf->is_ca);
  EXPECT_FALSE(leaf->self_issued);
  EXPECT_GE(leaf->not_before, before - absl::Minutes(1));
  EXPECT_LE(leaf->not_before, absl::Now());
  EXPECT_EQ(leaf->not_after - leaf->not_before, absl::Hours(24 * 365));
  EXPECT_EQ(leaf->subject_key_id.size(), 40u);  // SHA-1 key id, hex
  EXPECT_EQ(leaf->authority_key_id.size(), 40u);
  EXPECT_EQ(leaf->sha256_hex.size(), 64u);

  absl::StatusOr<CertificateInfo> intermediate =
      ParseCertificateDer(CertDer(h.intermediate.get()));
  ASSERT_TRUE(intermediate.ok());
  EXPECT_TRUE(intermediate->is_ca);
  EXPECT_EQ(intermediate->serial_hex, "20");
  EXPECT_EQ(leaf->authority_key_id, intermediate->subject_key_id);
  absl::StatusOr<CertificateInfo> root =
      ParseCertificateDer(CertDer(h.root.get()));
  ASSERT_TRUE(root.ok());
  EXPECT_TRUE(root->self_issued);
  EXPECT_EQ(root->subject, root->issuer);
}

TEST(CertificateTest, SerialDropsTheSignByte) {
  EVP_PKEY* key = testing::SharedEcP256Key();
  openssl::X509Ptr x = testing::IssueCertificate(
      testing::Spec({{"CN", "s.example.com"}}, false, "00FF0001"), key, nullptr,
      key);
  absl::StatusOr<CertificateInfo> info = ParseCertificateDer(CertDer(x.get()));
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->serial_hex, "FF0001");
}

TEST(CertificateTest, ParsesTextsWithJunkCrlfBase64AndDuplicates) {
  Hierarchy h = MakeHierarchy("example.com");
  const std::string crlf_bundle = absl::StrReplaceAll(
      "Leaf and intermediate:\n" + CertPem(h.leaf.get()) + "---\n" +
          CertPem(h.intermediate.get()) + "end of file\n",
      {{"\n", "\r\n"}});
  const std::vector<std::string> texts = {crlf_bundle,
                                          EncodeBase64(CertDer(h.root.get())),
                                          "  \r\n", CertPem(h.leaf.get())};
  absl::StatusOr<std::vector<CertificateInfo>> certificates =
      ParseCertificates(texts);
  ASSERT_TRUE(certificates.ok()) << certificates.status();
  ASSERT_EQ(certificates->size(), 3u);
  EXPECT_EQ((*certificates)[0].common_name, "example.com");
  EXPECT_EQ((*certificates)[1].common_name, "Test Intermediate A");
  EXPECT_EQ((*certificates)[2].common_name, "Test Root A");
}

TEST(CertificateTest, IgnoresOtherPemKinds) {
  Hierarchy h = MakeHierarchy("example.com");
  absl::StatusOr<std::vector<CertificateInfo>> certificates = ParseCertificates(
      {ToPem("PRIVATE KEY", "not really") + CertPem(h.leaf.get())});
  ASSERT_TRUE(certificates.ok()) << certificates.status();
  ASSERT_EQ(certificates->size(), 1u);
  EXPECT_EQ(certificates->front().common_name, "example.com");
}

TEST(CertificateTest, ReadsPkcs7Bundles) {
  Hierarchy h = MakeHierarchy("example.com");
  openssl::Pkcs7Ptr p7(PKCS7_new());
  ASSERT_EQ(PKCS7_set_type(p7.get(), NID_pkcs7_signed), 1);
  ASSERT_EQ(PKCS7_content_new(p7.get(), NID_pkcs7_data), 1);
  PKCS7_add_certificate(p7.get(), h.leaf.get());
  PKCS7_add_certificate(p7.get(), h.intermediate.get());
  unsigned char* der = nullptr;
  const int len = i2d_PKCS7(p7.get(), &der);
  openssl::OpenSslMallocPtr<unsigned char> owned(der);
  ASSERT_GT(len, 0);
  const std::string bundle(reinterpret_cast<const char*>(der), len);
  for (const std::string& text :
       {ToPem("PKCS7", bundle), EncodeBase64(bundle)}) {
    absl::StatusOr<std::vector<CertificateInfo>> certificates =
        ParseCertificates({text});
    ASSERT_TRUE(certificates.ok()) << certificates.status();
    ASSERT_EQ(certificates->size(), 2u);
    EXPECT_EQ((*certificates)[0].common_name, "example.com");
    EXPECT_EQ((*certificates)[1].common_name, "Test Intermediate A");
  }
}

TEST(CertificateTest, NamesTheBadEntry) {
  Hierarchy h = MakeHierarchy("example.com");
  std::string broken = CertDer(h.leaf.get());
  broken.resize(broken.size() / 2);
  absl::StatusOr<std::vector<CertificateInfo>> result =
      ParseCertificates({CertPem(h.leaf.get()), ToPem("CERTIFICATE", broken),
                         CertPem(h.root.get())});
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(),
            "certificate file 2 of 3: not an X.509 certificate");
  EXPECT_EQ(ParseCertificates({"<html>Error 500</html>"}).status().message(),
            "certificate file 1 of 1: not PEM or base64 DER");
  EXPECT_EQ(ParseCertificates({CertPem(h.leaf.get()) + "\n" +
                               EncodeBase64(CertDer(h.root.get()))})
                .status()
                .code(),
            absl::StatusCode::kOk);  // trailing junk after a block is ignored
}

TEST(CertificateTest, NeverReturnsAnEmptyCertificate) {
  EXPECT_EQ(ParseCertificates({}).status().message(),
            "no certificate in the download");
  EXPECT_EQ(ParseCertificates({"", " \n"}).status().message(),
            "no certificate in the download");
  EXPECT_EQ(ParseCertificateDer("").status().message(), "certificate is empty");
  EXPECT_EQ(ParseCertificates({ToPem("CERTIFICATE", "")}).status().message(),
            "certificate file 1 of 1: PEM block \"CERTIFICATE\" is not valid "
            "base64");
}

TEST(CertificateTest, RejectsTrailingBytesAndHugeInput) {
  Hierarchy h = MakeHierarchy("example.com");
  EXPECT_EQ(ParseCertificateDer(CertDer(h.leaf.get()) + "x").status().message(),
            "certificate has trailing bytes");
  EXPECT_THAT(ParseCertificates({std::string(kMaxPemTextBytes + 1, 'A')})
                  .status()
                  .message(),
              HasSubstr("at most"));
}

TEST(CertificateTest, BoundsTheNumberOfCertificates) {
  EVP_PKEY* key = testing::SharedEcP256Key();
  std::vector<std::string> pems;
  for (size_t i = 0; i <= kMaxCertificatesPerDownload; ++i) {
    openssl::X509Ptr x = testing::IssueCertificate(
        testing::Spec({{"CN", "n.example.com"}}, false,
                      absl::StrCat(absl::Hex(i + 1, absl::kZeroPad2))),
        key, nullptr, key);
    pems.push_back(CertPem(x.get()));
  }
  EXPECT_EQ(ParseCertificates(pems).status().message(),
            "65 certificate files; at most 64 accepted");
  EXPECT_EQ(ParseCertificates({absl::StrJoin(pems, "")}).status().message(),
            "certificate file 1 of 1: more than 64 PEM blocks; not accepted");
  pems.pop_back();
  absl::StatusOr<std::vector<CertificateInfo>> all = ParseCertificates(pems);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->size(), kMaxCertificatesPerDownload);
  EXPECT_EQ(all->back().serial_hex, "40");
}

TEST(CertificateTest, SurvivesEveryByteFlip) {
  Hierarchy h = MakeHierarchy("example.com");
  const std::string der = CertDer(h.leaf.get());
  int parsed = 0;
  for (size_t i = 0; i < der.size(); ++i) {
    std::string flipped = der;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x5A);
    absl::StatusOr<CertificateInfo> info = ParseCertificateDer(flipped);
    if (info.ok()) {
      ++parsed;
      EXPECT_EQ(info->der, flipped);
      EXPECT_FALSE(info->serial_hex.empty());
    }
    EXPECT_FALSE(ParseCertificateDer(der.substr(0, i)).ok()) << i;
  }
  EXPECT_GT(parsed, 0);  // flips inside values still parse
}

}  // namespace
}  // namespace sslstore::service::x509
