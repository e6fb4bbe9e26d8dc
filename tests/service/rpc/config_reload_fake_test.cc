// ConnectorServer::Reload while the server serves, through the real server
// on 127.0.0.1:0 with the in-memory FakeWbapi: connections added, changed
// and removed, bearer tokens rotated, a refused reload that changes
// nothing, and a sync that keeps streaming across a reload.
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/config/server_config.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"
#include "tests/fakes/fake_connector.h"
#include "tests/fakes/fake_connector_test_fixture.h"
#include "tests/fakes/fake_wbapi.h"

namespace sslstore::testing {
namespace {

namespace v1 = sslstore::connector::v1;
using ::testing::HasSubstr;

constexpr char kTokenBefore[] = "reload-token-before-4c1e";
constexpr char kTokenAfter[] = "reload-token-after-9d27";

class ConfigReloadTest : public FakeConnectorTest {
 protected:
  // "default" (page size 5), "old", and one caller token.
  void ConfigureServer(service::ServerConfig& config) override {
    config.connections["default"].page_size = 5;
    service::ConnectionSettings old = config.connections["default"];
    old.name = "old";
    config.connections["old"] = old;
    config.caller_auth.bearer_tokens = {service::Secret(kTokenBefore)};
  }

  // Pings connection `name` with bearer token `token`.
  grpc::Status Ping(const std::string& name,
                    const std::string& token = kTokenBefore) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    context.AddMetadata("authorization", "Bearer " + token);
    v1::PingRequest request;
    request.mutable_connection()->set_name(name);
    v1::PingResponse response;
    return env_->stub().Ping(&context, request, &response);
  }

  // Lists the DigiCert organizations of connection `name`.
  grpc::Status ListOrganizations(const std::string& name) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    context.AddMetadata("authorization", std::string("Bearer ") + kTokenBefore);
    v1::ListOrganizationsRequest request;
    request.mutable_connection()->set_name(name);
    v1::ListOrganizationsResponse response;
    return env_->stub().ListOrganizations(&context, request, &response);
  }

  service::ServerConfig Current() { return env_->server().config(); }
};

TEST_F(ConfigReloadTest, ConnectionsAreAddedChangedAndRemoved) {
  EXPECT_EQ(Ping("added").error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(Ping("old").ok());

  service::ServerConfig config = Current();
  config.connections["added"] = config.connections["default"];
  config.connections["added"].name = "added";
  config.connections["default"].enabled = false;
  config.connections.erase("old");
  ASSERT_TRUE(env_->server().Reload(config).ok());

  EXPECT_TRUE(Ping("added").ok());
  grpc::Status disabled = ListOrganizations("default");
  EXPECT_EQ(disabled.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(disabled.error_message(), HasSubstr("disabled"));
  grpc::Status removed = Ping("old");
  EXPECT_EQ(removed.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(removed.error_message(), HasSubstr("\"old\""));
  EXPECT_EQ(env_->server().config().connections.count("added"), 1u);
}

TEST_F(ConfigReloadTest, BearerTokensRotate) {
  EXPECT_TRUE(Ping("default", kTokenBefore).ok());
  EXPECT_EQ(Ping("default", kTokenAfter).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  service::ServerConfig config = Current();
  config.caller_auth.bearer_tokens = {service::Secret(kTokenAfter)};
  ASSERT_TRUE(env_->server().Reload(config).ok());

  EXPECT_EQ(Ping("default", kTokenBefore).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(Ping("default", kTokenAfter).ok());
}

TEST_F(ConfigReloadTest, RefusedReloadChangesNothing) {
  service::ServerConfig config = Current();
  config.connections.erase("old");
  config.caller_auth.bearer_tokens = {service::Secret(kTokenAfter)};
  // The listener is plaintext: TLS needs a restart.
  config.tls.cert_file = "/nonexistent/server.pem";
  config.tls.key_file = "/nonexistent/server.key";
  absl::Status reloaded = env_->server().Reload(config);
  EXPECT_EQ(reloaded.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(reloaded.message(), HasSubstr("restart"));

  EXPECT_TRUE(Ping("old", kTokenBefore).ok());
  EXPECT_EQ(Ping("old", kTokenAfter).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(ConfigReloadTest, SyncKeepsStreamingAcrossAReloadThatRemovesIt) {
  constexpr int kOrders = 23;
  const absl::Time start = absl::Now() - absl::Hours(24);
  std::set<std::string> truth;
  for (int i = 0; i < kOrders; ++i) {
    truth.insert(CaRequestIdOf(fake().AddIssuedOrder(
        "positivessl", {absl::StrCat("s", i, ".example.com")}, start,
        start + absl::Hours(24 * 90))));
  }
  // Downloads wait until the reload is done: the stream is mid-way.
  fake().Hold(WbapiCall::kDownload, true);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  context.AddMetadata("authorization", std::string("Bearer ") + kTokenBefore);
  v1::SyncCertificatesRequest request;
  request.set_full_sync(true);
  auto reader = env_->stub().SyncCertificates(&context, request);
  ASSERT_TRUE(fake().WaitForCalls(WbapiCall::kDownload, 1));

  service::ServerConfig config = Current();
  config.connections.erase("default");
  config.connections["other"] = config.connections["old"];
  config.connections["other"].name = "other";
  ASSERT_TRUE(env_->server().Reload(config).ok());
  EXPECT_EQ(Ping("default").error_code(), grpc::StatusCode::NOT_FOUND);
  fake().Hold(WbapiCall::kDownload, false);

  std::set<std::string> delivered;
  int duplicates = 0;
  v1::SyncCertificatesResponse message;
  bool summarized = false;
  while (reader->Read(&message)) {
    if (message.has_record()) {
      duplicates +=
          delivered.insert(message.record().ca_request_id()).second ? 0 : 1;
    }
    if (message.has_summary()) {
      summarized = true;
      EXPECT_EQ(message.summary().orders_failed(), 0);
    }
  }
  const grpc::Status finished = reader->Finish();
  EXPECT_TRUE(finished.ok()) << finished.error_message();
  EXPECT_TRUE(summarized);
  EXPECT_EQ(delivered, truth);
  EXPECT_EQ(duplicates, 0);
}

}  // namespace
}  // namespace sslstore::testing
