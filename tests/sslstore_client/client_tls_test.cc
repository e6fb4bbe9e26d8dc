// TLS verification failures give clear, permanent errors.
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sslstore_client/sslstore_client.h"
#include "tests/sslstore_client/client_test_support.h"

namespace sslstore::client {
namespace {

using testing::AttemptsOf;
using ::testing::HasSubstr;
using testing::KindOf;
using testing::MakeClient;
using testing::OptionsFor;
using testing::StartSimulator;

TEST(ClientTlsTest, VerifiedConnectionByHostName) {
  std::unique_ptr<sslstore_sim::Simulator> sim = StartSimulator();
  ASSERT_NE(sim, nullptr);
  ClientOptions options = OptionsFor(*sim);
  options.base_url = "https://localhost:" + std::to_string(sim->port());
  std::unique_ptr<SslStoreClient> client = MakeClient(options);
  absl::StatusOr<HealthResponse> r = client->HealthValidateSync();
  EXPECT_TRUE(r.ok()) << r.status();
}

TEST(ClientTlsTest, UntrustedCaIsRejectedWithoutRetrying) {
  std::unique_ptr<sslstore_sim::Simulator> sim = StartSimulator();
  ASSERT_NE(sim, nullptr);
  ClientOptions options = OptionsFor(*sim);
  options.ca_file = testing::WriteUnrelatedCaFile("unrelated-ca");
  std::unique_ptr<SslStoreClient> client = MakeClient(options);
  absl::StatusOr<HealthResponse> r = client->HealthValidateSync();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(KindOf(r.status()), ErrorKind::kTls);
  EXPECT_THAT(r.status().message(), HasSubstr("not signed by a trusted CA"));
  EXPECT_THAT(r.status().message(), HasSubstr("TLS handshake with 127.0.0.1"));
  EXPECT_EQ(AttemptsOf(r.status()), 1);
  EXPECT_FALSE(GetErrorInfo(r.status())->transient);
  EXPECT_EQ(sim->CallCount("health/validate"), 0);
}

TEST(ClientTlsTest, SystemStoreDoesNotTrustTheSimulator) {
  std::unique_ptr<sslstore_sim::Simulator> sim = StartSimulator();
  ASSERT_NE(sim, nullptr);
  ClientOptions options = OptionsFor(*sim);
  options.ca_file.clear();
  std::unique_ptr<SslStoreClient> client = MakeClient(options);
  absl::StatusOr<HealthResponse> r = client->HealthStatusSync();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(KindOf(r.status()), ErrorKind::kTls);
}

TEST(ClientTlsTest, WrongIpAddressIsRejected) {
  sslstore_sim::SimulatorOptions sim_options;
  sim_options.server_names = {"sim.example"};
  std::unique_ptr<sslstore_sim::Simulator> sim = StartSimulator(sim_options);
  ASSERT_NE(sim, nullptr);
  std::unique_ptr<SslStoreClient> client = MakeClient(OptionsFor(*sim));
  absl::StatusOr<HealthResponse> r = client->HealthValidateSync();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(KindOf(r.status()), ErrorKind::kTls);
  EXPECT_THAT(r.status().message(), HasSubstr("not valid for '127.0.0.1'"));
  EXPECT_EQ(AttemptsOf(r.status()), 1);
}

TEST(ClientTlsTest, WrongHostNameIsRejected) {
  // The certificate names localhost and 127.0.0.1; "127.0.0.1.nip.io"-style
  // names need DNS, so use a second local name that resolves without it.
  sslstore_sim::SimulatorOptions sim_options;
  sim_options.server_names = {"sim.example", "127.0.0.1"};
  std::unique_ptr<sslstore_sim::Simulator> sim = StartSimulator(sim_options);
  ASSERT_NE(sim, nullptr);
  ClientOptions options = OptionsFor(*sim);
  options.base_url = "https://localhost:" + std::to_string(sim->port());
  std::unique_ptr<SslStoreClient> client = MakeClient(options);
  absl::StatusOr<HealthResponse> r = client->HealthValidateSync();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(KindOf(r.status()), ErrorKind::kTls);
  EXPECT_THAT(r.status().message(), HasSubstr("not valid for 'localhost'"));
}

TEST(ClientTlsTest, BadOptionsAreRefusedAtCreation) {
  ClientOptions options;
  options.base_url = "http://127.0.0.1:1";
  options.partner_code = "p";
  options.auth_token = "secret-token-xyz";
  absl::StatusOr<std::unique_ptr<SslStoreClient>> c =
      SslStoreClient::Create(options);
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  options.base_url = "https://127.0.0.1:1";
  options.ca_file = "/nonexistent/ca.pem";
  c = SslStoreClient::Create(options);
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(c.status().message(), HasSubstr("/nonexistent/ca.pem"));
  options.ca_file.clear();
  options.auth_token.clear();
  EXPECT_EQ(SslStoreClient::Create(options).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sslstore::client
