#include "service/x509/csr.h"

#include <string>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/x509/base64.h"
#include "service/x509/digest.h"
#include "service/x509/pem_text.h"
#include "tests/service/x509/test_pki.h"

namespace sslstore::service::x509 {
namespace {

using testing::CsrSpec;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::MakeCsrDer;

std::string CsrPem(EVP_PKEY* key, const CsrSpec& spec) {
  return ToPem("CERTIFICATE REQUEST", MakeCsrDer(key, spec));
}

std::vector<std::string> Descriptions(const std::vector<Problem>& problems) {
  std::vector<std::string> out;
  for (const Problem& p : problems) {
    EXPECT_EQ(p.field, "csr");
    out.push_back(p.description);
  }
  return out;
}

TEST(CsrTest, ParsesRsa2048WithSans) {
  const CsrSpec spec{
      {{"C", "US"}, {"O", "Example, Inc."}, {"CN", "www.example.com"}},
      "DNS:www.example.com,DNS:api.example.com,IP:192.0.2.10,"
      "email:admin@example.com,URI:https://example.com/"};
  const std::string der = MakeCsrDer(testing::SharedRsa2048Key(0), spec);
  ASSERT_FALSE(der.empty());
  absl::StatusOr<CsrInfo> csr = ValidateCsr(ToPem("CERTIFICATE REQUEST", der));
  ASSERT_TRUE(csr.ok()) << csr.status();
  EXPECT_EQ(csr->der, der);
  EXPECT_EQ(csr->pem, ToPem("CERTIFICATE REQUEST", der));
  EXPECT_EQ(csr->common_name, "www.example.com");
  EXPECT_EQ(csr->subject, "CN=www.example.com,O=Example\\, Inc.,C=US");
  EXPECT_THAT(csr->dns_names,
              ElementsAre("www.example.com", "api.example.com"));
  EXPECT_THAT(csr->ip_addresses, ElementsAre("192.0.2.10"));
  EXPECT_THAT(csr->emails, ElementsAre("admin@example.com"));
  EXPECT_THAT(csr->uris, ElementsAre("https://example.com/"));
  EXPECT_EQ(csr->key_algorithm, "RSA");
  EXPECT_EQ(csr->key_bits, 2048);
  EXPECT_EQ(csr->key_type, "RSA-2048");
  EXPECT_TRUE(csr->signature_valid);
  EXPECT_EQ(csr->sha256_hex, Sha256Hex(der));
  EXPECT_EQ(csr->sha256_hex.size(), 64u);
  // The SubjectPublicKeyInfo matches the key's own encoding.
  unsigned char* spki = nullptr;
  const int len = i2d_PUBKEY(testing::SharedRsa2048Key(0), &spki);
  openssl::OpenSslMallocPtr<unsigned char> owned(spki);
  EXPECT_EQ(csr->public_key_der,
            std::string(reinterpret_cast<const char*>(spki), len));
}

TEST(CsrTest, AcceptsBase64DerCrlfAndJunk) {
  const std::string der = MakeCsrDer(testing::SharedEcP256Key(),
                                     CsrSpec{{{"CN", "a.example.com"}}, ""});
  ASSERT_FALSE(der.empty());
  // Base64 DER without armour, as the gateway sends it.
  absl::StatusOr<CsrInfo> b64 = ValidateCsr(EncodeBase64(der));
  ASSERT_TRUE(b64.ok()) << b64.status();
  EXPECT_EQ(b64->der, der);
  // CRLF PEM with text around it and the old "NEW" label.
  const std::string crlf = absl::StrReplaceAll(
      "junk before\n" + ToPem("NEW CERTIFICATE REQUEST", der) + "after\n",
      {{"\n", "\r\n"}});
  absl::StatusOr<CsrInfo> pem = ValidateCsr(crlf);
  ASSERT_TRUE(pem.ok()) << pem.status();
  EXPECT_EQ(pem->der, der);
  EXPECT_EQ(pem->key_type, "EC-P256");
  EXPECT_EQ(pem->ec_curve, "P-256");
  EXPECT_EQ(pem->common_name, "a.example.com");
  EXPECT_THAT(pem->dns_names, IsEmpty());
}

TEST(CsrTest, AcceptsEcP384) {
  openssl::EvpPkeyPtr key = testing::GenerateEcKey("secp384r1");
  absl::StatusOr<CsrInfo> csr =
      ValidateCsr(CsrPem(key.get(), CsrSpec{{{"CN", "b.example.com"}}, ""}));
  ASSERT_TRUE(csr.ok()) << csr.status();
  EXPECT_EQ(csr->key_type, "EC-P384");
  EXPECT_EQ(csr->key_bits, 384);
}

TEST(CsrTest, RejectsSmallRsaKey) {
  openssl::EvpPkeyPtr key = testing::GenerateRsaKey(1024);
  CsrCheck check =
      CheckCsr(CsrPem(key.get(), CsrSpec{{{"CN", "c.example.com"}}, ""}));
  ASSERT_TRUE(check.info.has_value());
  EXPECT_EQ(check.info->key_type, "RSA-1024");
  EXPECT_THAT(Descriptions(check.problems),
              ElementsAre("RSA key of 1024 bits; 2048 or more required"));
}

TEST(CsrTest, RejectsP521) {
  openssl::EvpPkeyPtr key = testing::GenerateEcKey("secp521r1");
  CsrCheck check =
      CheckCsr(CsrPem(key.get(), CsrSpec{{{"CN", "d.example.com"}}, ""}));
  ASSERT_TRUE(check.info.has_value());
  EXPECT_EQ(check.info->key_type, "EC-secp521r1");
  EXPECT_THAT(
      Descriptions(check.problems),
      ElementsAre("EC curve secp521r1 not accepted; use P-256 or P-384"));
}

TEST(CsrTest, RejectsEd25519) {
  openssl::EvpPkeyPtr key = testing::GenerateEd25519Key();
  ASSERT_NE(key, nullptr);
  CsrCheck check =
      CheckCsr(CsrPem(key.get(), CsrSpec{{{"CN", "e.example.com"}}, ""}));
  ASSERT_TRUE(check.info.has_value());
  EXPECT_TRUE(check.info->signature_valid);
  EXPECT_THAT(Descriptions(check.problems),
              ElementsAre("key type ED25519 not accepted; use RSA (2048 bits "
                          "or more) or EC P-256 or P-384"));
}

TEST(CsrTest, CorruptedSignatureReportedWithOtherProblems) {
  openssl::EvpPkeyPtr key = testing::GenerateRsaKey(1024);
  std::string der =
      MakeCsrDer(key.get(), CsrSpec{{{"CN", "f.example.com"}}, ""});
  ASSERT_FALSE(der.empty());
  der.back() ^= 0x01;  // last byte of the signature BIT STRING
  CsrCheck check = CheckCsr(EncodeBase64(der));
  ASSERT_TRUE(check.info.has_value());
  EXPECT_FALSE(check.info->signature_valid);
  EXPECT_THAT(Descriptions(check.problems),
              ElementsAre("CSR signature does not verify",
                          "RSA key of 1024 bits; 2048 or more required"));
  absl::StatusOr<CsrInfo> validated = ValidateCsr(EncodeBase64(der));
  EXPECT_EQ(validated.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(validated.status().message(),
            "CSR signature does not verify; RSA key of 1024 bits; 2048 or "
            "more required");
}

TEST(CsrTest, CorruptedEcSignature) {
  std::string der = MakeCsrDer(testing::SharedEcP256Key(),
                               CsrSpec{{{"CN", "g.example.com"}}, ""});
  der.back() ^= 0x40;
  CsrCheck check = CheckCsr(EncodeBase64(der));
  ASSERT_TRUE(check.info.has_value());
  EXPECT_THAT(Descriptions(check.problems),
              ElementsAre("CSR signature does not verify"));
}

TEST(CsrTest, SubjectWithoutCommonName) {
  absl::StatusOr<CsrInfo> csr =
      ValidateCsr(CsrPem(testing::SharedEcP256Key(),
                         CsrSpec{{{"O", "Org"}}, "DNS:h.example.com"}));
  ASSERT_TRUE(csr.ok()) << csr.status();
  EXPECT_EQ(csr->common_name, "");
  EXPECT_EQ(csr->subject, "O=Org");
  EXPECT_THAT(csr->dns_names, ElementsAre("h.example.com"));
}

TEST(CsrTest, RejectsUnparseableInput) {
  auto message = [](absl::string_view text) {
    CsrCheck check = CheckCsr(text);
    EXPECT_FALSE(check.info.has_value());
    EXPECT_EQ(check.problems.size(), 1u);
    return check.problems.empty() ? std::string()
                                  : check.problems.front().description;
  };
  EXPECT_EQ(message(""), "CSR is empty");
  EXPECT_EQ(message(" \r\n "), "CSR is empty");
  EXPECT_EQ(message("this is not a CSR"), "CSR: not PEM or base64 DER");
  EXPECT_EQ(message(EncodeBase64("definitely not DER")),
            "CSR is not a PKCS#10 certificate request");
  const std::string der = MakeCsrDer(testing::SharedEcP256Key(),
                                     CsrSpec{{{"CN", "i.example.com"}}, ""});
  EXPECT_EQ(message(EncodeBase64(der + "xx")),
            "CSR has trailing bytes after the request");
  EXPECT_EQ(message(EncodeBase64(der.substr(0, der.size() / 2))),
            "CSR is not a PKCS#10 certificate request");
  EXPECT_EQ(message(ToPem("CERTIFICATE", der)),
            "PEM block \"CERTIFICATE\" is not a certificate request");
  EXPECT_EQ(message(ToPem("CERTIFICATE REQUEST", der) +
                    ToPem("CERTIFICATE REQUEST", der)),
            "CSR text holds 2 PEM blocks; exactly one expected");
  EXPECT_THAT(message(std::string(kMaxCsrTextBytes + 1, 'A')),
              HasSubstr("at most 65536 accepted"));
  EXPECT_THAT(message("-----BEGIN CERTIFICATE REQUEST-----\nMIIB"),
              HasSubstr("no END line"));
}

TEST(CsrTest, SurvivesEveryTruncationAndByteFlip) {
  const std::string der = MakeCsrDer(
      testing::SharedEcP256Key(),
      CsrSpec{{{"CN", "j.example.com"}}, "DNS:j.example.com,IP:192.0.2.1"});
  ASSERT_FALSE(der.empty());
  for (size_t i = 0; i < der.size(); ++i) {
    EXPECT_FALSE(CheckCsr(EncodeBase64(der.substr(0, i))).problems.empty())
        << i;
    std::string flipped = der;
    flipped[i] = static_cast<char>(flipped[i] ^ 0xA5);
    CsrCheck check = CheckCsr(EncodeBase64(flipped));
    // Every changed byte is caught: by the parser or the signature check.
    EXPECT_FALSE(check.problems.empty()) << "byte " << i;
  }
}

}  // namespace
}  // namespace sslstore::service::x509
