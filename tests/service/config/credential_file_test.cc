#include "service/config/credential_file.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/config/server_config.h"

namespace sslstore::service {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSecretToken[] = "cred-7d2e41-very-secret";

// A credentials directory as systemd makes one for LoadCredential=, set in
// $CREDENTIALS_DIRECTORY for the test and unset afterwards.
class CredentialFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::path(::testing::TempDir()) /
                 ("sslstore_credentials_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(directory_);
    std::ofstream(directory_ / "sslstore-auth-token") << kSecretToken << "\n";
    setenv("CREDENTIALS_DIRECTORY", directory_.c_str(), 1);
  }
  void TearDown() override {
    unsetenv("CREDENTIALS_DIRECTORY");
    std::filesystem::remove_all(directory_);
  }

  static std::string ConnectionWithTokenFile(const std::string& value) {
    return R"({"connections": {"default": {
        "sslstore_url": "https://sandbox-wbapi.thesslstore.com",
        "partner_code": "P123", "auth_token_file": ")" +
           value + "\"}}}";
  }

  std::filesystem::path directory_;
};

TEST_F(CredentialFileTest, APlainPathIsReturnedAsItIs) {
  absl::StatusOr<std::string> path =
      config_json::ResolveConfiguredFile("/etc/sslstore/token");
  ASSERT_TRUE(path.ok()) << path.status();
  EXPECT_EQ(*path, "/etc/sslstore/token");
}

TEST_F(CredentialFileTest, ACredentialIsAFileOfTheCredentialsDirectory) {
  absl::StatusOr<std::string> path =
      config_json::ResolveConfiguredFile("credential:sslstore-auth-token");
  ASSERT_TRUE(path.ok()) << path.status();
  EXPECT_EQ(*path, (directory_ / "sslstore-auth-token").string());
}

TEST_F(CredentialFileTest, AuthTokenFileReadsTheCredential) {
  absl::StatusOr<ServerConfig> config = ParseServerConfig(
      ConnectionWithTokenFile("credential:sslstore-auth-token"), "c.json");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->connections.at("default").auth_token.Reveal(),
            kSecretToken);
}

TEST_F(CredentialFileTest, NoCredentialsDirectoryNamesTheFieldNotTheSecret) {
  unsetenv("CREDENTIALS_DIRECTORY");
  absl::StatusOr<ServerConfig> config = ParseServerConfig(
      ConnectionWithTokenFile("credential:sslstore-auth-token"), "c.json");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(config.status().message());
  EXPECT_THAT(message, HasSubstr("connections.default.auth_token_file"));
  EXPECT_THAT(message, HasSubstr("CREDENTIALS_DIRECTORY"));
  EXPECT_THAT(message, HasSubstr("credential:sslstore-auth-token"));
  EXPECT_THAT(message, Not(HasSubstr(kSecretToken)));
}

TEST_F(CredentialFileTest, AMissingCredentialNamesTheFieldNotTheSecret) {
  absl::StatusOr<ServerConfig> config = ParseServerConfig(
      ConnectionWithTokenFile("credential:other-token"), "c.json");
  ASSERT_FALSE(config.ok());
  const std::string message(config.status().message());
  EXPECT_THAT(message, HasSubstr("connections.default.auth_token_file"));
  EXPECT_THAT(message, HasSubstr("other-token"));
  EXPECT_THAT(message, Not(HasSubstr(kSecretToken)));
}

TEST_F(CredentialFileTest, BadCredentialNamesAreRefused) {
  for (const char* value : {"credential:", "credential:.", "credential:..",
                            "credential:../x", "credential:a/b"}) {
    absl::StatusOr<std::string> path =
        config_json::ResolveConfiguredFile(value);
    EXPECT_EQ(path.status().code(), absl::StatusCode::kInvalidArgument)
        << value;
  }
}

TEST_F(CredentialFileTest, BearerTokensFileReadsACredentialToo) {
  std::ofstream(directory_ / "callers") << "caller-token-1\n";
  absl::StatusOr<ServerConfig> config = ParseServerConfig(
      R"({"auth": {"bearer_tokens_file": "credential:callers"}})", "c.json");
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_EQ(config->caller_auth.bearer_tokens.size(), 1u);
  EXPECT_EQ(config->caller_auth.bearer_tokens[0].Reveal(), "caller-token-1");
}

}  // namespace
}  // namespace sslstore::service
