// The client through a real HTTP proxy (Debian's tinyproxy) on loopback:
// CONNECT tunnels, basic authentication, refusals, a proxy that is down,
// and TLS verified end to end through the tunnel.
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sslstore_client/sslstore_client.h"
#include "tests/sslstore_client/client_test_support.h"
#include "tests/sslstore_client/tinyproxy_process.h"

namespace sslstore::client {
namespace {

using testing::AttemptsOf;
using ::testing::HasSubstr;
using testing::KindOf;
using testing::MakeClient;
using ::testing::Not;
using testing::OptionsFor;
using testing::StartSimulator;
using testing::TinyproxyOptions;
using testing::TinyproxyProcess;

constexpr absl::Duration kLogWait = absl::Seconds(10);

// A proxy that lets only alice (password "s3cret-pw") through.
TinyproxyOptions AliceOnly() {
  TinyproxyOptions options;
  options.user = "alice";
  options.password = "s3cret-pw";
  return options;
}

class ClientProxyTest : public ::testing::Test {
 protected:
  void StartProxy(const TinyproxyOptions& options = {}) {
    std::string error;
    proxy_ = TinyproxyProcess::Start(options, &error);
    ASSERT_NE(proxy_, nullptr) << error;
  }

  // Client options for the simulator, through the proxy as `user`.
  ClientOptions ThroughProxy(const std::string& user = "",
                             const std::string& password = "") {
    ClientOptions options = OptionsFor(*sim_);
    options.proxy.url = absl::StrCat("http://", user, user.empty() ? "" : "@",
                                     "127.0.0.1:", proxy_->port());
    options.proxy.password = password;
    return options;
  }

  std::string ConnectLine() const {
    return absl::StrCat("CONNECT 127.0.0.1:", sim_->port());
  }

  std::unique_ptr<sslstore_sim::Simulator> sim_ = StartSimulator();
  std::unique_ptr<TinyproxyProcess> proxy_;
};

TEST_F(ClientProxyTest, CallsGoThroughTheTunnel) {
  ASSERT_NE(sim_, nullptr);
  StartProxy();
  std::unique_ptr<SslStoreClient> client = MakeClient(ThroughProxy());
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<HealthResponse> r = client->HealthValidateSync();
    ASSERT_TRUE(r.ok()) << r.status();
  }
  EXPECT_EQ(sim_->CallCount("health/validate"), 3);
  EXPECT_TRUE(proxy_->WaitForLog(ConnectLine(), kLogWait)) << proxy_->Log();
  // Keep-alive: the three calls shared one tunnel.
  EXPECT_EQ(client->Stats().connections_opened, 1);
}

TEST_F(ClientProxyTest, BasicAuthentication) {
  ASSERT_NE(sim_, nullptr);
  StartProxy(AliceOnly());
  std::unique_ptr<SslStoreClient> client =
      MakeClient(ThroughProxy("alice", "s3cret-pw"));
  absl::StatusOr<HealthResponse> r = client->HealthValidateSync();
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(sim_->CallCount("health/validate"), 1);
}

// tinyproxy answers 401 where RFC 9110 says 407; both name the cause.
TEST_F(ClientProxyTest, WrongPasswordIsAClearPermanentErrorWithoutTheSecret) {
  ASSERT_NE(sim_, nullptr);
  StartProxy(AliceOnly());
  std::unique_ptr<SslStoreClient> client =
      MakeClient(ThroughProxy("alice", "wrong-pw-123"));
  absl::StatusOr<HealthResponse> r = client->HealthValidateSync();
  ASSERT_FALSE(r.ok());
  const std::string proxy_name = absl::StrCat("127.0.0.1:", proxy_->port());
  EXPECT_THAT(r.status().message(),
              HasSubstr(absl::StrCat("proxy ", proxy_name,
                                     " refused the tunnel to 127.0.0.1:",
                                     sim_->port(), ": HTTP 40")));
  EXPECT_THAT(r.status().message(), HasSubstr("user and password"));
  EXPECT_THAT(r.status().message(), Not(HasSubstr("wrong-pw-123")));
  EXPECT_THAT(r.status().message(), Not(HasSubstr("YWxpY2")));  // base64
  EXPECT_EQ(AttemptsOf(r.status()), 1);
  EXPECT_FALSE(GetErrorInfo(r.status())->transient);
  EXPECT_EQ(sim_->CallCount("health/validate"), 0);
}

TEST_F(ClientProxyTest, ProxyThatForbidsThePortRefusesWithoutRetrying) {
  ASSERT_NE(sim_, nullptr);
  TinyproxyOptions options;
  options.connect_port = 1;
  StartProxy(options);
  std::unique_ptr<SslStoreClient> client = MakeClient(ThroughProxy());
  absl::StatusOr<HealthResponse> r = client->HealthValidateSync();
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("refused the tunnel"));
  EXPECT_THAT(r.status().message(), HasSubstr("HTTP 403"));
  EXPECT_EQ(KindOf(r.status()), ErrorKind::kTransport);
  EXPECT_EQ(AttemptsOf(r.status()), 1);
  EXPECT_EQ(sim_->CallCount("health/validate"), 0);
}

TEST_F(ClientProxyTest, ProxyThatIsDownIsNamedAndRetried) {
  ASSERT_NE(sim_, nullptr);
  testing::RefusingPort down;
  ClientOptions options = OptionsFor(*sim_);
  options.proxy.url = absl::StrCat("http://127.0.0.1:", down.port());
  options.retry.max_retries = 2;
  std::unique_ptr<SslStoreClient> client = MakeClient(options);
  absl::StatusOr<HealthResponse> r = client->HealthValidateSync();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(
      r.status().message(),
      HasSubstr(absl::StrCat("connecting through proxy 127.0.0.1:", down.port(),
                             " to 127.0.0.1:", sim_->port())));
  EXPECT_EQ(AttemptsOf(r.status()), 3);
  EXPECT_TRUE(GetErrorInfo(r.status())->transient);
}

TEST_F(ClientProxyTest, TlsIsVerifiedEndToEndThroughTheTunnel) {
  ASSERT_NE(sim_, nullptr);
  StartProxy();
  ClientOptions options = ThroughProxy();
  options.ca_file = testing::WriteUnrelatedCaFile("proxy-unrelated-ca");
  std::unique_ptr<SslStoreClient> client = MakeClient(options);
  absl::StatusOr<HealthResponse> r = client->HealthValidateSync();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(KindOf(r.status()), ErrorKind::kTls);
  EXPECT_THAT(r.status().message(), HasSubstr("not signed by a trusted CA"));
  // The tunnel was opened; the handshake inside it failed.
  EXPECT_TRUE(proxy_->WaitForLog(ConnectLine(), kLogWait)) << proxy_->Log();
  EXPECT_EQ(sim_->CallCount("health/validate"), 0);
}

TEST_F(ClientProxyTest, BadProxyUrlFailsClientCreation) {
  ASSERT_NE(sim_, nullptr);
  ClientOptions options = OptionsFor(*sim_);
  options.proxy.url = "http://user:pw-in-url@127.0.0.1:3128";
  absl::StatusOr<std::unique_ptr<SslStoreClient>> client =
      SslStoreClient::Create(options);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(client.status().message(), HasSubstr("invalid proxy URL"));
  EXPECT_THAT(client.status().message(), Not(HasSubstr("pw-in-url")));
}

}  // namespace
}  // namespace sslstore::client
