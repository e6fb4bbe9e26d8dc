#include "service/config/server_config.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sslstore::service {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSecretToken[] = "tok-3c1f9a-very-secret";

std::string ConnectionJson(const std::string& extra_members) {
  return R"({"connections": {"default": {
      "sslstore_url": "https://sandbox-wbapi.thesslstore.com",
      "partner_code": "P123")" +
         extra_members + "}}}";
}

TEST(ServerConfigTest, EmptyDocumentGivesDefaults) {
  absl::StatusOr<ServerConfig> config = ParseServerConfig("{}", "test.json");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->listen_address, "127.0.0.1:50051");
  EXPECT_TRUE(config->connections.empty());
}

TEST(ServerConfigTest, ParsesAConnectionWithEveryField) {
  absl::StatusOr<ServerConfig> config = ParseServerConfig(
      R"({"listen_address": "0.0.0.0:6000", "catalog_dir": "/c",
          "connections": {"prod": {
            "sslstore_url": "https://wbapi.thesslstore.com",
            "partner_code": "P1", "auth_token": "t1", "page_size": 50,
            "enabled": false, "renewal_window_days": 45,
            "ca_file": "/etc/ca.pem"}}})",
      "test.json");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->listen_address, "0.0.0.0:6000");
  EXPECT_EQ(config->catalog_dir, "/c");
  const ConnectionSettings& prod = config->connections.at("prod");
  EXPECT_EQ(prod.name, "prod");
  EXPECT_EQ(prod.sslstore_url, "https://wbapi.thesslstore.com");
  EXPECT_EQ(prod.partner_code, "P1");
  EXPECT_EQ(prod.auth_token.Reveal(), "t1");
  EXPECT_EQ(prod.page_size, 50);
  EXPECT_FALSE(prod.enabled);
  EXPECT_EQ(prod.renewal_window_days, 45);
  EXPECT_EQ(prod.ca_file, "/etc/ca.pem");
}

TEST(ServerConfigTest, SeedDefaultsApplyWhenOmitted) {
  absl::StatusOr<ServerConfig> config =
      ParseServerConfig(ConnectionJson(R"(, "auth_token": "x")"), "test.json");
  ASSERT_TRUE(config.ok()) << config.status();
  const ConnectionSettings& settings = config->connections.at("default");
  EXPECT_EQ(settings.page_size, 100);
  EXPECT_TRUE(settings.enabled);
  EXPECT_EQ(settings.renewal_window_days, 30);
}

TEST(ServerConfigTest, TokenFromEnvironment) {
  setenv("SSLSTORE_TEST_TOKEN", kSecretToken, 1);
  absl::StatusOr<ServerConfig> config = ParseServerConfig(
      ConnectionJson(R"(, "auth_token_env": "SSLSTORE_TEST_TOKEN")"), "t");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->connections.at("default").auth_token.Reveal(),
            kSecretToken);
}

TEST(ServerConfigTest, TokenFromFileIsTrimmed) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "sslstore_token_test").string();
  std::ofstream(path) << kSecretToken << "\n";
  absl::StatusOr<ServerConfig> config = ParseServerConfig(
      ConnectionJson(R"(, "auth_token_file": ")" + path + "\""), "t");
  std::filesystem::remove(path);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->connections.at("default").auth_token.Reveal(),
            kSecretToken);
}

TEST(ServerConfigTest, ProxyWithAPasswordFile) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "sslstore_proxy_pw_test")
          .string();
  std::ofstream(path) << "proxy-pw\n";
  absl::StatusOr<ServerConfig> config =
      ParseServerConfig(ConnectionJson(R"(, "auth_token": "t",
          "proxy_url": "http://svc-sslstore@proxy.corp.example:3128",
          "proxy_password_file": ")" + path +
                                       "\""),
                        "t");
  std::filesystem::remove(path);
  ASSERT_TRUE(config.ok()) << config.status();
  const ConnectionSettings& settings = config->connections.at("default");
  EXPECT_EQ(settings.proxy_url, "http://svc-sslstore@proxy.corp.example:3128");
  EXPECT_EQ(settings.proxy_password.Reveal(), "proxy-pw");
}

TEST(ServerConfigTest, ConnectionTimeoutsAndRetries) {
  absl::StatusOr<ServerConfig> config = ParseServerConfig(
      ConnectionJson(R"(, "auth_token": "t", "connect_timeout_seconds": 5,
          "call_timeout_seconds": 30, "order_call_timeout_seconds": 90,
          "retry_attempts": 2)"),
      "t");
  ASSERT_TRUE(config.ok()) << config.status();
  const ConnectionSettings& settings = config->connections.at("default");
  EXPECT_EQ(settings.connect_timeout, absl::Seconds(5));
  EXPECT_EQ(settings.call_timeout, absl::Seconds(30));
  EXPECT_EQ(settings.order_call_timeout, absl::Seconds(90));
  EXPECT_EQ(settings.retry_attempts, 2);
  config = ParseServerConfig(ConnectionJson(R"(, "auth_token": "t")"), "t");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_FALSE(config->connections.at("default").call_timeout.has_value());
  EXPECT_FALSE(config->connections.at("default").retry_attempts.has_value());
}

TEST(ServerConfigTest, KeepaliveSection) {
  absl::StatusOr<ServerConfig> config = ParseServerConfig(
      R"({"keepalive": {"time_seconds": 60, "timeout_seconds": 15,
                        "min_client_ping_interval_seconds": 20}})",
      "t");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->keepalive.time_seconds, 60);
  EXPECT_EQ(config->keepalive.timeout_seconds, 15);
  EXPECT_EQ(config->keepalive.min_client_ping_interval_seconds, 20);
  config = ParseServerConfig("{}", "t");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->keepalive.time_seconds, 30);
}

TEST(ServerConfigTest, MetricsBearerTokenFromTheEnvironment) {
  setenv("SSLSTORE_TEST_METRICS_TOKEN", kSecretToken, 1);
  absl::StatusOr<ServerConfig> config = ParseServerConfig(
      R"({"metrics": {"listen_address": "127.0.0.1:0",
                      "bearer_token_env": "SSLSTORE_TEST_METRICS_TOKEN"}})",
      "t");
  unsetenv("SSLSTORE_TEST_METRICS_TOKEN");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->observability.metrics.bearer_token, kSecretToken);
}

TEST(ServerConfigTest, ProxyDirectAndDefault) {
  absl::StatusOr<ServerConfig> config = ParseServerConfig(
      ConnectionJson(R"(, "auth_token": "t", "proxy_url": "direct")"), "t");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->connections.at("default").proxy_url, "direct");
  config = ParseServerConfig(ConnectionJson(R"(, "auth_token": "t")"), "t");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->connections.at("default").proxy_url, "");
}

struct BadConfigCase {
  std::string name;
  std::string json;
  std::string expected_path;
};

class BadConfigTest : public ::testing::TestWithParam<BadConfigCase> {};

// A temporary file holding `text`.
std::string WriteTempFile(const std::string& name, const std::string& text) {
  // One file per process: ctest runs the tests in parallel processes.
  const std::string path =
      ::testing::TempDir() + "/" + std::to_string(::getpid()) + "_" + name;
  std::ofstream(path) << text;
  return path;
}

TEST(ServerConfigTest, ReadsBearerTokensFromAFileSkippingCommentsAndBlanks) {
  const std::string path =
      WriteTempFile("tokens.txt", "# gateway tokens\n\n  tok-one  \ntok-two\n");
  absl::StatusOr<ServerConfig> config = ParseServerConfig(
      R"({"auth": {"bearer_tokens_file": ")" + path + R"("}})", "t.json");
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_EQ(config->caller_auth.bearer_tokens.size(), 2u);
  EXPECT_EQ(config->caller_auth.bearer_tokens[0].Reveal(), "tok-one");
  EXPECT_EQ(config->caller_auth.bearer_tokens[1].Reveal(), "tok-two");
}

TEST(ServerConfigTest, ReadsABearerTokenFromTheEnvironment) {
  setenv("SSLSTORE_TEST_BEARER", kSecretToken, 1);
  absl::StatusOr<ServerConfig> config = ParseServerConfig(
      R"({"auth": {"bearer_token_env": "SSLSTORE_TEST_BEARER"}})", "t.json");
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_EQ(config->caller_auth.bearer_tokens.size(), 1u);
  EXPECT_EQ(config->caller_auth.bearer_tokens[0].Reveal(), kSecretToken);
}

TEST(ServerConfigTest, RejectsATokenFileWithoutTokensOrWithSpaces) {
  const std::string empty = WriteTempFile("empty_tokens.txt", "# none\n");
  auto config = ParseServerConfig(
      R"({"auth": {"bearer_tokens_file": ")" + empty + R"("}})", "t.json");
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(), HasSubstr("holds no token"));
  const std::string spaced =
      WriteTempFile("spaced_tokens.txt", std::string("a ") + kSecretToken);
  config = ParseServerConfig(
      R"({"auth": {"bearer_tokens_file": ")" + spaced + R"("}})", "t.json");
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(), HasSubstr("auth.bearer_tokens_file"));
  EXPECT_THAT(config.status().message(), Not(HasSubstr(kSecretToken)));
}

TEST(ServerConfigTest, ParsesTlsLimitsAndGrace) {
  const std::string cert = WriteTempFile("cert.pem", "x");
  const std::string key = WriteTempFile("key.pem", "x");
  absl::StatusOr<ServerConfig> config = ParseServerConfig(
      R"({"tls": {"cert_file": ")" + cert + R"(", "key_file": ")" + key +
          R"(", "client_ca_file": ")" + cert + R"("},
          "limits": {"max_field_bytes": 4096,
                     "max_upstream_calls_per_connection": 8,
                     "max_queued_calls": 3},
          "shutdown_grace_seconds": 2, "worker_threads": 4})",
      "t.json");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->tls.enabled());
  EXPECT_TRUE(config->tls.mutual());
  EXPECT_EQ(config->limits.max_field_bytes, 4096);
  EXPECT_EQ(config->limits.max_csr_bytes, 64 << 10);
  EXPECT_EQ(config->upstream.max_connections_per_host, 8);
  EXPECT_EQ(config->shutdown_grace, absl::Seconds(2));
  EXPECT_EQ(config->worker_threads, 4);
  EXPECT_EQ(config->limits.max_queued_calls, 3);
}

TEST_P(BadConfigTest, IsRejectedNamingTheKey) {
  absl::StatusOr<ServerConfig> config =
      ParseServerConfig(GetParam().json, "bad.json");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(config.status().message(), HasSubstr("bad.json"));
  EXPECT_THAT(config.status().message(), HasSubstr(GetParam().expected_path));
  EXPECT_THAT(config.status().message(), Not(HasSubstr(kSecretToken)));
}

const std::string kToken =
    std::string(R"(, "auth_token": ")") + kSecretToken + "\"";

INSTANTIATE_TEST_SUITE_P(
    Keys, BadConfigTest,
    ::testing::Values(
        BadConfigCase{"NotJson", "{", "not valid JSON"},
        BadConfigCase{"NotObject", "[]", "top level"},
        BadConfigCase{"UnknownTopKey", R"({"listen": "x"})", "listen"},
        BadConfigCase{"BadListen", R"({"listen_address": "nowhere"})",
                      "listen_address"},
        BadConfigCase{"UnknownConnectionKey",
                      ConnectionJson(kToken + R"(, "pagesize": 5)"),
                      "connections.default.pagesize"},
        BadConfigCase{"HttpUrl",
                      R"({"connections": {"a": {"sslstore_url": "http://x",
                          "partner_code": "P", "auth_token": "t"}}})",
                      "connections.a.sslstore_url"},
        BadConfigCase{"MissingPartner",
                      R"({"connections": {"a": {"sslstore_url": "https://x",
                          "auth_token": "t"}}})",
                      "connections.a.partner_code"},
        BadConfigCase{"NoToken", ConnectionJson(""),
                      "connections.default.auth_token"},
        BadConfigCase{"TwoTokens",
                      ConnectionJson(kToken + R"(, "auth_token_env": "HOME")"),
                      "connections.default.auth_token"},
        BadConfigCase{"MissingEnv",
                      ConnectionJson(R"(, "auth_token_env": "NO_SUCH_VAR_X")"),
                      "connections.default.auth_token_env"},
        BadConfigCase{"MissingTokenFile",
                      ConnectionJson(R"(, "auth_token_file": "/no/such")"),
                      "connections.default.auth_token_file"},
        BadConfigCase{
            "ProxyHttps",
            ConnectionJson(kToken + R"(, "proxy_url": "https://p:1")"),
            "connections.default.proxy_url: invalid proxy URL: it "
            "must start with http://"},
        BadConfigCase{"ProxyPasswordInUrl",
                      ConnectionJson(kToken + R"(, "proxy_url":
                          "http://u:)" +
                                     kSecretToken + R"(@p:1")"),
                      "connections.default.proxy_url: invalid proxy URL: a "
                      "password in the URL is not allowed"},
        BadConfigCase{"ProxyPasswordWithoutUser",
                      ConnectionJson(kToken + R"(, "proxy_url": "http://p:1",
                          "proxy_password": "x")"),
                      "connections.default.proxy_password: needs a user"},
        BadConfigCase{"ProxyPasswordTwice",
                      ConnectionJson(kToken + R"(, "proxy_url": "http://u@p:1",
                          "proxy_password": "x", "proxy_password_env": "HOME")"),
                      "connections.default.proxy_password: set exactly one"},
        BadConfigCase{"MetricsTokenWithoutEndpoint",
                      R"({"metrics": {"bearer_token": "x"}})",
                      "metrics.bearer_token: needs metrics.listen_address"},
        BadConfigCase{"MetricsTwoTokens",
                      R"({"metrics": {"listen_address": "127.0.0.1:0",
                          "bearer_token": "x", "bearer_token_env": "HOME"}})",
                      "metrics.bearer_token: set exactly one"},
        BadConfigCase{"KeepaliveTooOften",
                      R"({"keepalive": {"time_seconds": 1}})",
                      "keepalive.time_seconds"},
        BadConfigCase{"KeepaliveUnknown", R"({"keepalive": {"interval": 1}})",
                      "keepalive.interval"},
        BadConfigCase{"KeepaliveNotObject", R"({"keepalive": 30})",
                      "keepalive: must be an object"},
        BadConfigCase{"RetriesAboveFive",
                      ConnectionJson(kToken + R"(, "retry_attempts": 6)"),
                      "connections.default.retry_attempts"},
        BadConfigCase{"CallTimeoutZero",
                      ConnectionJson(kToken + R"(, "call_timeout_seconds": 0)"),
                      "connections.default.call_timeout_seconds"},
        BadConfigCase{
            "ConnectTimeoutTooLong",
            ConnectionJson(kToken + R"(, "connect_timeout_seconds": 61)"),
            "connections.default.connect_timeout_seconds"},
        BadConfigCase{
            "OrderTimeoutString",
            ConnectionJson(kToken + R"(, "order_call_timeout_seconds": "9")"),
            "connections.default.order_call_timeout_seconds"},
        BadConfigCase{"PageSizeZero",
                      ConnectionJson(kToken + R"(, "page_size": 0)"),
                      "connections.default.page_size"},
        BadConfigCase{"PageSizeString",
                      ConnectionJson(kToken + R"(, "page_size": "10")"),
                      "connections.default.page_size"},
        BadConfigCase{"EnabledString",
                      ConnectionJson(kToken + R"(, "enabled": "yes")"),
                      "connections.default.enabled"},
        BadConfigCase{"NegativeWindow",
                      ConnectionJson(kToken + R"(, "renewal_window_days": -1)"),
                      "connections.default.renewal_window_days"},
        BadConfigCase{"DuplicateConnection",
                      R"({"connections": {
                          "a": {"sslstore_url": "https://x", "partner_code": "P",
                                "auth_token": "t"},
                          "a": {"sslstore_url": "https://x", "partner_code": "P",
                                "auth_token": "t"}}})",
                      "connections.a"},
        BadConfigCase{"TlsWithoutKey",
                      R"({"tls": {"cert_file": "/etc/hostname"}})",
                      "tls.key_file"},
        BadConfigCase{"TlsMissingCertFile",
                      R"({"tls": {"cert_file": "/no/such.pem",
                                  "key_file": "/etc/hostname"}})",
                      "tls.cert_file: cannot read file /no/such.pem"},
        BadConfigCase{"TlsUnknownKey", R"({"tls": {"cert": "/etc/hostname"}})",
                      "tls.cert"},
        BadConfigCase{"AuthNoSource", R"({"auth": {}})",
                      "auth.bearer_tokens_file"},
        BadConfigCase{"AuthMissingFile",
                      R"({"auth": {"bearer_tokens_file": "/no/tokens"}})",
                      "auth.bearer_tokens_file"},
        BadConfigCase{"AuthMissingEnv",
                      R"({"auth": {"bearer_token_env": "NO_SUCH_VAR_Y"}})",
                      "auth.bearer_token_env"},
        BadConfigCase{"LimitTooSmall", R"({"limits": {"max_field_bytes": 10}})",
                      "limits.max_field_bytes"},
        BadConfigCase{"NoQueuedCalls", R"({"limits": {"max_queued_calls": 0}})",
                      "limits.max_queued_calls"},
        BadConfigCase{"LimitUnknown", R"({"limits": {"max_fields": 10}})",
                      "limits.max_fields"},
        BadConfigCase{"GraceTooLong", R"({"shutdown_grace_seconds": 600})",
                      "shutdown_grace_seconds"},
        BadConfigCase{"WorkerThreadsZero", R"({"worker_threads": 0})",
                      "worker_threads"}),
    [](const ::testing::TestParamInfo<BadConfigCase>& param_info) {
      return param_info.param.name;
    });

}  // namespace
}  // namespace sslstore::service
