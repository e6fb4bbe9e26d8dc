// The gRPC server's protections, exercised over real sockets: TLS, mutual
// TLS, bearer tokens and request limits.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "gtest/gtest.h"
#include "tests/integration/connector_with_sim.h"
#include "tests/service/x509/test_pki.h"

namespace sslstore::testing {
namespace {

namespace v1 = sslstore::connector::v1;
namespace pki = service::x509::testing;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kToken[] = "caller-token-7b2d41e9";
constexpr char kOtherToken[] = "caller-token-rotated-55aa";

// PEM files of a server CA with a certificate for 127.0.0.1, and of a
// client CA with one client certificate, plus a client certificate from an
// unrelated CA.
struct TestPki {
  std::string dir;
  std::string server_ca, server_cert, server_key;
  std::string client_ca, client_cert, client_key;
  std::string stranger_cert, stranger_key;
  // For reloads: a second server certificate (its own key) from the server
  // CA, and a second client CA with a client certificate.
  std::string server2_cert, server2_key;
  std::string client_ca2, client2_cert;

  std::string Path(const std::string& name) const { return dir + "/" + name; }
  std::string Read(const std::string& name) const {
    std::ifstream file(Path(name));
    return std::string(std::istreambuf_iterator<char>(file), {});
  }
};

const TestPki& Pki() {
  static const TestPki* pki = [] {
    auto* out = new TestPki;
    // One directory per process: ctest runs the cases of this file in
    // parallel processes, each with keys of its own.
    out->dir =
        absl::StrCat(::testing::TempDir(), "/server_security_pki_", ::getpid());
    std::filesystem::create_directories(out->dir);
    auto write = [&](const std::string& name, const std::string& text) {
      std::ofstream(out->Path(name)) << text;
      return name;
    };
    EVP_PKEY* server_ca_key = pki::SharedRsa2048Key(0);
    EVP_PKEY* server_key = pki::SharedRsa2048Key(1);
    EVP_PKEY* client_ca_key = pki::SharedRsa2048Key(2);
    EVP_PKEY* client_key = pki::SharedRsa2048Key(3);
    EVP_PKEY* stranger_key = pki::SharedRsa2048Key(4);
    auto server_ca =
        pki::IssueCertificate(pki::Spec({{"CN", "Test Server CA"}}, true, "10"),
                              server_ca_key, nullptr, server_ca_key);
    pki::CertSpec server_spec = pki::Spec({{"CN", "localhost"}}, false, "11");
    server_spec.san = "IP:127.0.0.1,DNS:localhost";
    auto server = pki::IssueCertificate(server_spec, server_key,
                                        server_ca.get(), server_ca_key);
    auto client_ca =
        pki::IssueCertificate(pki::Spec({{"CN", "Test Client CA"}}, true, "20"),
                              client_ca_key, nullptr, client_ca_key);
    auto client =
        pki::IssueCertificate(pki::Spec({{"CN", "gateway-1"}}, false, "21"),
                              client_key, client_ca.get(), client_ca_key);
    auto stranger =
        pki::IssueCertificate(pki::Spec({{"CN", "stranger"}}, false, "31"),
                              stranger_key, nullptr, stranger_key);
    out->server_ca = write("server_ca.pem", pki::CertPem(server_ca.get()));
    out->server_cert = write("server.pem", pki::CertPem(server.get()));
    out->server_key = write("server.key", pki::KeyPem(server_key));
    out->client_ca = write("client_ca.pem", pki::CertPem(client_ca.get()));
    out->client_cert = write("client.pem", pki::CertPem(client.get()));
    out->client_key = write("client.key", pki::KeyPem(client_key));
    out->stranger_cert = write("stranger.pem", pki::CertPem(stranger.get()));
    out->stranger_key = write("stranger.key", pki::KeyPem(stranger_key));
    EVP_PKEY* server2_key = pki::SharedRsa2048Key(5);
    pki::CertSpec server2_spec = pki::Spec({{"CN", "localhost"}}, false, "12");
    server2_spec.san = "IP:127.0.0.1,DNS:localhost";
    auto server2 = pki::IssueCertificate(server2_spec, server2_key,
                                         server_ca.get(), server_ca_key);
    auto client_ca2 = pki::IssueCertificate(
        pki::Spec({{"CN", "Test Client CA 2"}}, true, "40"), stranger_key,
        nullptr, stranger_key);
    auto client2 =
        pki::IssueCertificate(pki::Spec({{"CN", "gateway-2"}}, false, "41"),
                              client_key, client_ca2.get(), stranger_key);
    out->server2_cert = write("server2.pem", pki::CertPem(server2.get()));
    out->server2_key = write("server2.key", pki::KeyPem(server2_key));
    out->client_ca2 = write("client_ca2.pem", pki::CertPem(client_ca2.get()));
    out->client2_cert = write("client2.pem", pki::CertPem(client2.get()));
    return out;
  }();
  return *pki;
}

std::unique_ptr<ConnectorWithSim> StartConnector(
    std::function<void(service::ServerConfig&)> tweak) {
  auto env = ConnectorWithSim::Start({}, std::move(tweak));
  EXPECT_TRUE(env.ok()) << env.status();
  return env.ok() ? *std::move(env) : nullptr;
}

std::shared_ptr<grpc::Channel> TlsChannel(const ConnectorWithSim& env,
                                          const std::string& client_cert,
                                          const std::string& client_key) {
  const TestPki& pki = Pki();
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = pki.Read(pki.server_ca);
  if (!client_cert.empty()) {
    options.pem_cert_chain = pki.Read(client_cert);
    options.pem_private_key = pki.Read(client_key);
  }
  return grpc::CreateChannel(
      absl::StrCat("127.0.0.1:",
                   const_cast<ConnectorWithSim&>(env).server().port()),
      grpc::SslCredentials(options));
}

grpc::Status CallListProducts(const std::shared_ptr<grpc::Channel>& channel,
                              const std::string& token = "") {
  auto stub = v1::ConnectorService::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  if (!token.empty()) {
    context.AddMetadata("authorization", absl::StrCat("Bearer ", token));
  }
  v1::ListProductsRequest request;
  v1::ListProductsResponse response;
  grpc::Status status = stub->ListProducts(&context, request, &response);
  if (status.ok()) {
    EXPECT_GT(response.products_size(), 80);
  }
  return status;
}

void ConfigureTls(service::ServerConfig& config, bool mutual) {
  const TestPki& pki = Pki();
  config.tls.cert_file = pki.Path(pki.server_cert);
  config.tls.key_file = pki.Path(pki.server_key);
  if (mutual) config.tls.client_ca_file = pki.Path(pki.client_ca);
}

TEST(ServerTlsTest, ServesTlsThatVerifiesAgainstTheServerCa) {
  auto env = StartConnector(
      [](service::ServerConfig& config) { ConfigureTls(config, false); });
  ASSERT_NE(env, nullptr);
  EXPECT_TRUE(CallListProducts(TlsChannel(*env, "", "")).ok());
  // A plaintext client cannot talk to the TLS port.
  grpc::Status plaintext = CallListProducts(env->channel());
  EXPECT_EQ(plaintext.error_code(), grpc::StatusCode::UNAVAILABLE)
      << plaintext.error_message();
}

TEST(ServerTlsTest, MutualTlsRequiresACertificateFromTheClientCa) {
  auto env = StartConnector(
      [](service::ServerConfig& config) { ConfigureTls(config, true); });
  ASSERT_NE(env, nullptr);
  const TestPki& pki = Pki();
  EXPECT_TRUE(
      CallListProducts(TlsChannel(*env, pki.client_cert, pki.client_key)).ok());
  EXPECT_EQ(CallListProducts(TlsChannel(*env, "", "")).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(
      CallListProducts(TlsChannel(*env, pki.stranger_cert, pki.stranger_key))
          .error_code(),
      grpc::StatusCode::UNAVAILABLE);
}

TEST(ServerTlsTest, StartFailsNamingTheKeyThatDoesNotMatch) {
  const TestPki& pki = Pki();
  service::ServerConfig config;
  config.listen_address = "127.0.0.1:0";
  config.tls.cert_file = pki.Path(pki.server_cert);
  config.tls.key_file = pki.Path(pki.client_key);
  auto server = service::ConnectorServer::Start(config);
  ASSERT_FALSE(server.ok());
  EXPECT_THAT(server.status().message(),
              HasSubstr("tls.key_file: does not belong to tls.cert_file"));
  config.tls.key_file = pki.Path("missing.key");
  server = service::ConnectorServer::Start(config);
  ASSERT_FALSE(server.ok());
  EXPECT_THAT(server.status().message(), HasSubstr("tls.key_file"));
}

// A call through a connection of its own (no subchannel shared with earlier
// channels), so that it makes a new TLS handshake. Sets `server_pem` to the
// certificate the server presented.
grpc::Status CallOnNewConnection(const ConnectorWithSim& env,
                                 const std::string& client_cert,
                                 const std::string& client_key,
                                 std::string* server_pem = nullptr) {
  const TestPki& pki = Pki();
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = pki.Read(pki.server_ca);
  if (!client_cert.empty()) {
    options.pem_cert_chain = pki.Read(client_cert);
    options.pem_private_key = pki.Read(client_key);
  }
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  auto channel = grpc::CreateCustomChannel(
      absl::StrCat("127.0.0.1:",
                   const_cast<ConnectorWithSim&>(env).server().port()),
      grpc::SslCredentials(options), args);
  auto stub = v1::ConnectorService::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  v1::GetProductRequest request;
  request.set_product_code("positivessl");
  v1::GetProductResponse response;
  grpc::Status status = stub->GetProduct(&context, request, &response);
  if (server_pem != nullptr && context.auth_context() != nullptr) {
    auto values = context.auth_context()->FindPropertyValues("x509_pem_cert");
    *server_pem = values.empty() ? ""
                                 : std::string(values.front().data(),
                                               values.front().size());
  }
  return status;
}

// True once `attempt` is: the certificate provider reads the connector's
// copies of the TLS files once a second, so a reload reaches new
// handshakes within about that. Gives up after 10 s.
bool Eventually(const std::function<bool()>& attempt) {
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (!attempt()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return true;
}

TEST(TlsReloadTest, ReloadReplacesTheServerCertificate) {
  auto env = StartConnector(
      [](service::ServerConfig& config) { ConfigureTls(config, false); });
  ASSERT_NE(env, nullptr);
  const TestPki& pki = Pki();
  std::string presented;
  ASSERT_TRUE(CallOnNewConnection(*env, "", "", &presented).ok());
  EXPECT_EQ(presented, pki.Read(pki.server_cert));
  auto open_channel = TlsChannel(*env, "", "");
  ASSERT_TRUE(CallListProducts(open_channel).ok());

  service::ServerConfig config = env->server().config();
  config.tls.cert_file = pki.Path(pki.server2_cert);
  config.tls.key_file = pki.Path(pki.server2_key);
  ASSERT_TRUE(env->server().Reload(config).ok());
  EXPECT_TRUE(Eventually([&] {
    return CallOnNewConnection(*env, "", "", &presented).ok() &&
           presented == pki.Read(pki.server2_cert);
  })) << "still presented:\n"
      << presented;
  // The connection made before the reload still serves calls.
  EXPECT_TRUE(CallListProducts(open_channel).ok());
}

TEST(TlsReloadTest, AKeyOfAnotherCertificateKeepsTheCurrentFiles) {
  auto env = StartConnector(
      [](service::ServerConfig& config) { ConfigureTls(config, false); });
  ASSERT_NE(env, nullptr);
  const TestPki& pki = Pki();
  service::ServerConfig config = env->server().config();
  config.tls.cert_file = pki.Path(pki.server2_cert);
  config.tls.key_file = pki.Path(pki.server_key);
  absl::Status reloaded = env->server().Reload(config);
  EXPECT_THAT(reloaded.message(),
              HasSubstr("tls.key_file: does not belong to tls.cert_file"));
  std::string presented;
  EXPECT_TRUE(CallOnNewConnection(*env, "", "", &presented).ok());
  EXPECT_EQ(presented, pki.Read(pki.server_cert));
  EXPECT_EQ(env->server().config().tls.cert_file, pki.Path(pki.server_cert));
}

TEST(TlsReloadTest, ReloadReplacesTheClientCaBundle) {
  auto env = StartConnector(
      [](service::ServerConfig& config) { ConfigureTls(config, true); });
  ASSERT_NE(env, nullptr);
  const TestPki& pki = Pki();
  ASSERT_TRUE(CallOnNewConnection(*env, pki.client_cert, pki.client_key).ok());
  EXPECT_FALSE(
      CallOnNewConnection(*env, pki.client2_cert, pki.client_key).ok());

  service::ServerConfig config = env->server().config();
  config.tls.client_ca_file = pki.Path(pki.client_ca2);
  ASSERT_TRUE(env->server().Reload(config).ok());
  EXPECT_TRUE(Eventually([&] {
    return CallOnNewConnection(*env, pki.client2_cert, pki.client_key).ok();
  }));
  EXPECT_EQ(
      CallOnNewConnection(*env, pki.client_cert, pki.client_key).error_code(),
      grpc::StatusCode::UNAVAILABLE);
}

class BearerTokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = StartConnector([](service::ServerConfig& config) {
      config.caller_auth.bearer_tokens = {service::Secret(kToken),
                                          service::Secret(kOtherToken)};
    });
    ASSERT_NE(env_, nullptr);
  }
  std::unique_ptr<ConnectorWithSim> env_;
};

TEST_F(BearerTokenTest, AcceptsEveryConfiguredToken) {
  EXPECT_TRUE(CallListProducts(env_->channel(), kToken).ok());
  EXPECT_TRUE(CallListProducts(env_->channel(), kOtherToken).ok());
}

TEST_F(BearerTokenTest, RefusesMissingWrongAndMalformedTokens) {
  for (const std::string& token :
       {std::string(), std::string("wrong-token"), std::string(kToken) + "x",
        std::string(kToken).substr(1)}) {
    grpc::Status status = CallListProducts(env_->channel(), token);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
        << "token '" << token << "'";
    EXPECT_THAT(status.error_message(), Not(HasSubstr(kToken)));
    EXPECT_THAT(status.error_message(), Not(HasSubstr(kOtherToken)));
  }
  auto stub = v1::ConnectorService::NewStub(env_->channel());
  grpc::ClientContext context;
  context.AddMetadata("authorization", absl::StrCat("Basic ", kToken));
  v1::PingRequest request;
  v1::PingResponse response;
  EXPECT_EQ(stub->Ping(&context, request, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(BearerTokenTest, RefusesEveryRpcWithoutATokenButNotHealth) {
  auto stub = v1::ConnectorService::NewStub(env_->channel());
  {
    grpc::ClientContext context;
    v1::EnrollRequest request;
    v1::EnrollResponse response;
    EXPECT_EQ(stub->Enroll(&context, request, &response).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  {
    grpc::ClientContext context;
    v1::SyncCertificatesRequest request;
    auto reader = stub->SyncCertificates(&context, request);
    v1::SyncCertificatesResponse message;
    EXPECT_FALSE(reader->Read(&message));
    EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
  EXPECT_EQ(env_->sim().CallCount("order/query"), 0);
  auto health = grpc::health::v1::Health::NewStub(env_->channel());
  grpc::ClientContext context;
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(health->Check(&context, request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST(RequestLimitsTest, RefusesOversizedFieldsNamingThemBeforeAnyOrder) {
  auto env = StartConnector([](service::ServerConfig& config) {
    config.limits.max_field_bytes = 1024;
    config.limits.max_csr_bytes = 8192;
    config.limits.max_repeated_entries = 20;
  });
  ASSERT_NE(env, nullptr);
  v1::EnrollRequest request;
  request.set_product_code("positivessl");
  request.set_csr(std::string(9000, 'A'));
  (*request.mutable_parameters())["Organization"] = std::string(2000, 'o');
  v1::SanList& dns = (*request.mutable_sans())["dns"];
  for (int i = 0; i < 21; ++i) dns.add_values(absl::StrCat("d", i, ".test"));
  grpc::ClientContext context;
  v1::EnrollResponse response;
  grpc::Status status = env->stub().Enroll(&context, request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(status.error_details()));
  google::rpc::BadRequest bad_request;
  ASSERT_EQ(rich.details_size(), 2);  // the ErrorInfo, then the BadRequest
  ASSERT_TRUE(rich.details(1).UnpackTo(&bad_request));
  std::map<std::string, std::string> violations;
  for (const auto& violation : bad_request.field_violations()) {
    violations[violation.field()] = violation.description();
  }
  EXPECT_THAT(violations["csr"], HasSubstr("at most 8192 bytes"));
  EXPECT_THAT(violations["parameters[\"Organization\"]"],
              HasSubstr("at most 1024 bytes"));
  EXPECT_THAT(violations["sans[\"dns\"].values"], HasSubstr("at most 20"));
  EXPECT_EQ(env->sim().CallCount("order/neworder"), 0);
}

TEST(RequestLimitsTest, RefusesMessagesOverTheSizeLimit) {
  auto env = StartConnector([](service::ServerConfig& config) {
    config.limits.max_receive_message_bytes = 64 << 10;
  });
  ASSERT_NE(env, nullptr);
  v1::EnrollRequest request;
  request.set_csr(std::string(100 << 10, 'A'));
  grpc::ClientContext context;
  v1::EnrollResponse response;
  EXPECT_EQ(env->stub().Enroll(&context, request, &response).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

}  // namespace
}  // namespace sslstore::testing
