#include <string>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/x509/base64.h"
#include "service/x509/pem_text.h"

namespace sslstore::service::x509 {
namespace {

using ::testing::HasSubstr;

TEST(Base64Test, RoundTripsAllLengths) {
  std::string data;
  for (int i = 0; i < 70; ++i) {
    const std::string encoded = EncodeBase64(data);
    EXPECT_EQ(encoded.size() % 4, 0u);
    std::optional<std::string> decoded = DecodeBase64(encoded);
    if (data.empty()) {
      EXPECT_FALSE(decoded.has_value());
    } else {
      ASSERT_TRUE(decoded.has_value()) << i;
      EXPECT_EQ(*decoded, data);
    }
    data.push_back(static_cast<char>(i * 37 + 200));
  }
}

TEST(Base64Test, KnownVectorsAndWhitespace) {
  EXPECT_EQ(EncodeBase64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(EncodeBase64("fo"), "Zm8=");
  EXPECT_EQ(DecodeBase64("Zm9v\r\nYmE=\n").value_or("?"), "fooba");
  EXPECT_EQ(DecodeBase64("Zm8").value_or("?"), "fo");  // padding optional
}

TEST(Base64Test, RejectsMalformedInput) {
  EXPECT_FALSE(DecodeBase64("").has_value());
  EXPECT_FALSE(DecodeBase64("   \n").has_value());
  EXPECT_FALSE(DecodeBase64("Zm9v!").has_value());
  EXPECT_FALSE(DecodeBase64("Zm=9v").has_value());   // data after padding
  EXPECT_FALSE(DecodeBase64("Zm9vY").has_value());   // 6 stray bits
  EXPECT_FALSE(DecodeBase64("Zm8===").has_value());  // too much padding
  EXPECT_FALSE(DecodeBase64("Zg=").has_value());     // wrong padding length
}

TEST(PemTextTest, ToPemWrapsAt64Columns) {
  const std::string pem = ToPem("CERTIFICATE", std::string(100, 'x'));
  EXPECT_EQ(pem.rfind("-----BEGIN CERTIFICATE-----\n", 0), 0u);
  EXPECT_THAT(pem, HasSubstr("\n-----END CERTIFICATE-----\n"));
  const size_t first_line_end = pem.find('\n', 28);
  EXPECT_EQ(first_line_end - 28, 64u);
}

TEST(PemTextTest, ExtractsBlocksWithJunkAndCrlf) {
  const std::string text = absl::StrReplaceAll(
      "Subject: junk\n" + ToPem("CERTIFICATE", "one") + "more junk\n" +
          ToPem("PRIVATE KEY", "two") + "trailer",
      {{"\n", "\r\n"}});
  absl::StatusOr<std::vector<DerBlock>> blocks = ExtractDerBlocks(text, 10);
  ASSERT_TRUE(blocks.ok()) << blocks.status();
  ASSERT_EQ(blocks->size(), 2u);
  EXPECT_EQ((*blocks)[0].label, "CERTIFICATE");
  EXPECT_EQ((*blocks)[0].der, "one");
  EXPECT_EQ((*blocks)[1].label, "PRIVATE KEY");
  EXPECT_EQ((*blocks)[1].der, "two");
}

TEST(PemTextTest, UnarmouredBase64IsOneBlock) {
  absl::StatusOr<std::vector<DerBlock>> blocks =
      ExtractDerBlocks("  " + EncodeBase64("payload") + "\r\n", 10);
  ASSERT_TRUE(blocks.ok()) << blocks.status();
  ASSERT_EQ(blocks->size(), 1u);
  EXPECT_EQ((*blocks)[0].label, "");
  EXPECT_EQ((*blocks)[0].der, "payload");
}

TEST(PemTextTest, BlankTextIsEmpty) {
  absl::StatusOr<std::vector<DerBlock>> blocks = ExtractDerBlocks(" \r\n", 10);
  ASSERT_TRUE(blocks.ok());
  EXPECT_TRUE(blocks->empty());
}

TEST(PemTextTest, RejectsBadText) {
  EXPECT_THAT(ExtractDerBlocks("hello, world", 10).status().message(),
              HasSubstr("not PEM or base64 DER"));
  EXPECT_THAT(ExtractDerBlocks("-----BEGIN CERTIFICATE-----\nAAAA\n", 10)
                  .status()
                  .message(),
              HasSubstr("no END line"));
  EXPECT_THAT(ExtractDerBlocks("-----BEGIN CERTIFICATE-----\n!!!!\n"
                               "-----END CERTIFICATE-----\n",
                               10)
                  .status()
                  .message(),
              HasSubstr("not valid base64"));
  EXPECT_THAT(
      ExtractDerBlocks("-----BEGIN cert-----\nAAAA\n-----END cert-----", 10)
          .status()
          .message(),
      HasSubstr("malformed PEM BEGIN"));
  const std::string two = ToPem("A", "1") + ToPem("A", "2");
  EXPECT_THAT(ExtractDerBlocks(two, 1).status().message(),
              HasSubstr("more than 1 PEM blocks"));
  EXPECT_EQ(ExtractDerBlocks(std::string(kMaxPemTextBytes + 1, 'A'), 10)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sslstore::service::x509
