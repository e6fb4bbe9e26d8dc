#include "sslstore_client/openssl/openssl_error.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sslstore_client/openssl/openssl_ptr.h"

namespace sslstore::openssl {
namespace {

using ::testing::HasSubstr;

// Queues an OpenSSL error by reading a certificate from text that has none.
void QueueAnError() {
  const std::string text = "not a certificate";
  BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  ASSERT_EQ(cert, nullptr);
}

TEST(OpenSslErrorTest, TextDrainsTheQueue) {
  ERR_clear_error();
  QueueAnError();
  EXPECT_THAT(OpenSslErrorText(), HasSubstr("no start line"));
  EXPECT_EQ(ERR_peek_error(), 0u);
  EXPECT_EQ(OpenSslErrorText(), "unknown OpenSSL error");
}

TEST(OpenSslErrorTest, StatusNamesTheCallAndTheErrors) {
  ERR_clear_error();
  EXPECT_EQ(OpenSslError("EVP_EC_gen"), absl::InternalError("EVP_EC_gen"));
  QueueAnError();
  const absl::Status status = OpenSslError("PEM_read_bio_X509");
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(status.message(), HasSubstr("PEM_read_bio_X509: error:"));
}

}  // namespace
}  // namespace sslstore::openssl
