// GetCertificate, RevokeCertificate (refunds carried out at once or later),
// Ping, ValidateConnection, ListApproverEmails and ListOrganizations against
// the simulator over TLS.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "tests/integration/bad_request_fields.h"
#include "tests/integration/chain_verify.h"
#include "tests/integration/connector_with_sim.h"

namespace sslstore::testing {
namespace {

namespace v1 = sslstore::connector::v1;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

constexpr char kSimToken[] = "sim-token-8e1d";

class CertificateLifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sslstore_sim::SimulatorOptions options = RealisticSimOptions();
    options.auth_token = kSimToken;
    auto env =
        ConnectorWithSim::Start(options, [](service::ServerConfig& config) {
          service::ConnectionSettings bad_token =
              config.connections.at("default");
          bad_token.name = "wrong-token";
          bad_token.auth_token = service::Secret("not-the-token-5f2a");
          config.connections.emplace("wrong-token", bad_token);
          service::ConnectionSettings disabled =
              config.connections.at("default");
          disabled.name = "off";
          disabled.enabled = false;
          config.connections.emplace("off", disabled);
        });
    ASSERT_TRUE(env.ok()) << env.status();
    env_ = *std::move(env);
  }

  // Seeds one order per status and returns the ground truth rows.
  std::vector<sslstore_sim::GroundTruthOrder> SeedMix() {
    auto ids = env_->sim().SeedOrders(3, 1, 1, 1);
    EXPECT_TRUE(ids.ok()) << ids.status();
    return env_->sim().GroundTruth();
  }

  const sslstore_sim::GroundTruthOrder* FindByStatus(
      const std::vector<sslstore_sim::GroundTruthOrder>& orders,
      absl::string_view major) {
    for (const auto& order : orders) {
      if (order.major_status == major) return &order;
    }
    return nullptr;
  }

  grpc::Status GetCertificate(const std::string& ca_request_id,
                              v1::GetCertificateResponse* response,
                              const std::string& connection = "") {
    grpc::ClientContext context;
    v1::GetCertificateRequest request;
    request.set_ca_request_id(ca_request_id);
    if (!connection.empty()) request.mutable_connection()->set_name(connection);
    return env_->stub().GetCertificate(&context, request, response);
  }

  grpc::Status Revoke(const std::string& ca_request_id,
                      v1::RevokeCertificateResponse* response) {
    grpc::ClientContext context;
    v1::RevokeCertificateRequest request;
    request.set_ca_request_id(ca_request_id);
    request.set_reason(v1::REVOCATION_REASON_CESSATION_OF_OPERATION);
    return env_->stub().RevokeCertificate(&context, request, response);
  }

  // The status a full sync reports for order `id`; FAILED if the sync does
  // not deliver it (or fails).
  v1::CertificateStatus SyncedStatus(int64_t id) {
    grpc::ClientContext context;
    v1::SyncCertificatesRequest request;
    request.set_full_sync(true);
    auto reader = env_->stub().SyncCertificates(&context, request);
    v1::SyncCertificatesResponse message;
    v1::CertificateStatus status = v1::CERTIFICATE_STATUS_FAILED;
    while (reader->Read(&message)) {
      if (message.has_record() && message.record().sslstore_order_id() == id) {
        status = message.record().status();
      }
    }
    const grpc::Status finished = reader->Finish();
    EXPECT_TRUE(finished.ok()) << finished.error_message();
    return status;
  }

  // Sets how many status polls SSL Store takes to process a refund (0: at
  // once, -1: until its staff act).
  void SetRefundPendingPolls(int polls) {
    sslstore_sim::Realism realism = env_->sim().realism();
    realism.refund_pending_polls = polls;
    env_->sim().SetRealism(realism);
  }

  // Revokes `ca_request_id` and checks that the refund is accepted but
  // pending, with the certificate still issued.
  void RevokeAcceptedPending(const std::string& ca_request_id,
                             v1::RevokeCertificateResponse* response) {
    ASSERT_TRUE(Revoke(ca_request_id, response).ok());
    EXPECT_TRUE(response->accepted());
    EXPECT_TRUE(response->pending());
    EXPECT_EQ(response->status(), v1::CERTIFICATE_STATUS_ISSUED);
  }

  sslstore_sim::GroundTruthOrder OrderById(int64_t id) {
    for (const auto& order : env_->sim().GroundTruth()) {
      if (order.id == id) return order;
    }
    ADD_FAILURE() << "no order " << id;
    return {};
  }

  std::unique_ptr<ConnectorWithSim> env_;
};

std::string IdOf(const sslstore_sim::GroundTruthOrder& order) {
  return absl::StrCat(order.id, "-", order.partner_order_id);
}

TEST_F(CertificateLifecycleTest, IssuedOrderReturnsLeafAndVerifiableChain) {
  env_->sim().SetChainOrder(sslstore_sim::ChainOrder::kShuffled);
  const auto orders = SeedMix();
  const auto* active = FindByStatus(orders, "Active");
  ASSERT_NE(active, nullptr);
  for (int attempt = 0; attempt < 3; ++attempt) {  // several shuffles
    v1::GetCertificateResponse response;
    ASSERT_TRUE(GetCertificate(IdOf(*active), &response).ok());
    const v1::CertificateRecord& record = response.record();
    EXPECT_EQ(record.status(), v1::CERTIFICATE_STATUS_ISSUED);
    EXPECT_EQ(record.ca_request_id(), IdOf(*active));
    EXPECT_EQ(record.sslstore_order_id(), active->id);
    EXPECT_TRUE(
        absl::EqualsIgnoreCase(record.serial_number(), active->serial_hex))
        << record.serial_number() << " vs " << active->serial_hex;
    EXPECT_THAT(record.certificate_pem(), HasSubstr("BEGIN CERTIFICATE"));
    EXPECT_EQ(record.common_name(), active->common_name);
    EXPECT_THAT(record.chain(), SizeIs(2));  // intermediate, root
    EXPECT_TRUE(ChainVerifies(record, env_->sim().root_pem()));
    EXPECT_GT(record.not_after().seconds(), record.not_before().seconds());
    EXPECT_GT(record.order_expiry().seconds(), 0);
  }
}

TEST_F(CertificateLifecycleTest, PendingOrderHasNoCertificateBytes) {
  const auto orders = SeedMix();
  const auto* pending = FindByStatus(orders, "Pending");
  ASSERT_NE(pending, nullptr);
  v1::GetCertificateResponse response;
  ASSERT_TRUE(GetCertificate(IdOf(*pending), &response).ok());
  EXPECT_EQ(response.record().status(),
            v1::CERTIFICATE_STATUS_PENDING_VALIDATION);
  EXPECT_TRUE(response.record().certificate_der().empty());
  EXPECT_TRUE(response.record().certificate_pem().empty());
  EXPECT_EQ(env_->sim().CallCount("order/download"), 0);
}

TEST_F(CertificateLifecycleTest, CancelledOrderKeepsItsCertificate) {
  const auto orders = SeedMix();
  const auto* cancelled = FindByStatus(orders, "Cancelled");
  ASSERT_NE(cancelled, nullptr);
  ASSERT_FALSE(cancelled->certificate_pem.empty());
  v1::GetCertificateResponse response;
  ASSERT_TRUE(GetCertificate(IdOf(*cancelled), &response).ok());
  EXPECT_EQ(response.record().status(), v1::CERTIFICATE_STATUS_REVOKED);
  EXPECT_FALSE(response.record().certificate_der().empty());
}

TEST_F(CertificateLifecycleTest, LegacyCustomOrderIdFindsTheOrder) {
  const auto orders = SeedMix();
  const auto* active = FindByStatus(orders, "Active");
  ASSERT_NE(active, nullptr);
  ASSERT_FALSE(active->custom_order_id.empty());
  v1::GetCertificateResponse response;
  ASSERT_TRUE(GetCertificate(active->custom_order_id, &response).ok());
  EXPECT_EQ(response.record().sslstore_order_id(), active->id);
  EXPECT_FALSE(response.record().certificate_der().empty());
}

TEST_F(CertificateLifecycleTest, GetCertificateErrors) {
  v1::GetCertificateResponse response;
  EXPECT_EQ(GetCertificate("987654-XYZ", &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(GetCertificate("", &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(GetCertificate("has space", &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  const grpc::Status disabled = GetCertificate("1-A", &response, "off");
  EXPECT_EQ(disabled.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(disabled.error_message(), HasSubstr("\"off\""));
  EXPECT_EQ(GetCertificate("1-A", &response, "nope").error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(CertificateLifecycleTest, RefundRequestRevokesTheOrder) {
  SetRefundPendingPolls(0);  // SSL Store cancels at once
  const auto orders = SeedMix();
  const auto* active = FindByStatus(orders, "Active");
  ASSERT_NE(active, nullptr);
  grpc::ClientContext context;
  v1::RevokeCertificateRequest request;
  request.set_ca_request_id(IdOf(*active));
  request.set_reason(v1::REVOCATION_REASON_KEY_COMPROMISE);
  v1::RevokeCertificateResponse response;
  ASSERT_TRUE(
      env_->stub().RevokeCertificate(&context, request, &response).ok());
  EXPECT_EQ(response.status(), v1::CERTIFICATE_STATUS_REVOKED);
  EXPECT_TRUE(response.accepted());
  EXPECT_FALSE(response.pending());
  EXPECT_EQ(response.method(), v1::REVOCATION_METHOD_REFUND_REQUEST);
  EXPECT_FALSE(response.refund_request_id().empty());
  EXPECT_EQ(env_->sim().CallCount("order/refundrequest"), 1);
  for (const auto& order : env_->sim().GroundTruth()) {
    if (order.id == active->id) {
      EXPECT_EQ(order.major_status, "Cancelled");
    }
  }

  // Asking again: SSL Store refuses, which fails the call (UPSTREAM_REFUSED).
  grpc::ClientContext again_context;
  v1::RevokeCertificateResponse again;
  const grpc::Status refused =
      env_->stub().RevokeCertificate(&again_context, request, &again);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(refused.error_message(), HasSubstr("cancelled"));
}

// Refunds SSL Store processes later: the accepted request is reported as
// accepted and pending, the certificate as still issued, and GetCertificate
// reports REVOKED once SSL Store cancels the order.
TEST_F(CertificateLifecycleTest, RefundProcessedLaterIsPendingNotFailed) {
  SetRefundPendingPolls(2);  // as in the realistic profile
  const auto orders = SeedMix();
  const auto* active = FindByStatus(orders, "Active");
  ASSERT_NE(active, nullptr);
  v1::RevokeCertificateResponse response;
  ASSERT_NO_FATAL_FAILURE(RevokeAcceptedPending(IdOf(*active), &response));
  EXPECT_FALSE(response.refund_request_id().empty());
  EXPECT_THAT(response.message(), HasSubstr("pending"));
  const sslstore_sim::GroundTruthOrder after = OrderById(active->id);
  EXPECT_EQ(after.major_status, "Active");
  EXPECT_TRUE(after.refund_pending);

  // The read-back in Revoke was the first status poll; the next one is the
  // second, after which SSL Store has cancelled the order.
  v1::GetCertificateResponse record;
  ASSERT_TRUE(GetCertificate(IdOf(*active), &record).ok());
  EXPECT_EQ(record.record().status(), v1::CERTIFICATE_STATUS_REVOKED);
  EXPECT_FALSE(record.record().certificate_der().empty());
  EXPECT_EQ(OrderById(active->id).major_status, "Cancelled");
  EXPECT_EQ(env_->sim().CallCount("order/refundrequest"), 1);
}

TEST_F(CertificateLifecycleTest, RefundCancelledBySslStoreLaterShowsRevoked) {
  SetRefundPendingPolls(-1);  // until SSL Store's staff act
  const auto orders = SeedMix();
  const auto* active = FindByStatus(orders, "Active");
  ASSERT_NE(active, nullptr);
  v1::RevokeCertificateResponse response;
  ASSERT_NO_FATAL_FAILURE(RevokeAcceptedPending(IdOf(*active), &response));
  EXPECT_EQ(response.refund_status(), "Refund Requested");

  // Still issued, however often it is read.
  for (int read = 0; read < 3; ++read) {
    v1::GetCertificateResponse record;
    ASSERT_TRUE(GetCertificate(IdOf(*active), &record).ok());
    EXPECT_EQ(record.record().status(), v1::CERTIFICATE_STATUS_ISSUED);
    EXPECT_FALSE(record.record().certificate_der().empty());
  }
  EXPECT_EQ(SyncedStatus(active->id), v1::CERTIFICATE_STATUS_ISSUED);
  // Asking again while the refund is pending is not a failure either.
  v1::RevokeCertificateResponse again;
  ASSERT_TRUE(Revoke(IdOf(*active), &again).ok());
  EXPECT_TRUE(again.accepted());
  EXPECT_TRUE(again.pending());
  EXPECT_NE(again.status(), v1::CERTIFICATE_STATUS_FAILED);

  ASSERT_TRUE(env_->sim().CompleteRefund(active->id).ok());
  v1::GetCertificateResponse record;
  ASSERT_TRUE(GetCertificate(IdOf(*active), &record).ok());
  EXPECT_EQ(record.record().status(), v1::CERTIFICATE_STATUS_REVOKED);
  EXPECT_FALSE(record.record().certificate_der().empty());
  EXPECT_EQ(SyncedStatus(active->id), v1::CERTIFICATE_STATUS_REVOKED);
}

TEST_F(CertificateLifecycleTest, RevokeRequestRevokesTheSerial) {
  const auto orders = SeedMix();
  const auto* active = FindByStatus(orders, "Active");
  ASSERT_NE(active, nullptr);
  grpc::ClientContext context;
  v1::RevokeCertificateRequest request;
  request.set_ca_request_id(IdOf(*active));
  request.set_method(v1::REVOCATION_METHOD_REVOKE_REQUEST);
  request.set_serial_number(active->serial_hex);
  request.set_reason(v1::REVOCATION_REASON_SUPERSEDED);
  v1::RevokeCertificateResponse response;
  ASSERT_TRUE(
      env_->stub().RevokeCertificate(&context, request, &response).ok());
  EXPECT_EQ(response.status(), v1::CERTIFICATE_STATUS_REVOKED);
  EXPECT_EQ(response.method(), v1::REVOCATION_METHOD_REVOKE_REQUEST);
  EXPECT_EQ(env_->sim().CallCount("order/certificaterevokerequest"), 1);
  EXPECT_EQ(env_->sim().CallCount("order/refundrequest"), 0);
  bool found = false;
  for (const auto& order : env_->sim().GroundTruth()) {
    if (order.id != active->id) continue;
    found = true;
    EXPECT_THAT(order.revoked_serials, Contains(active->serial_hex));
  }
  EXPECT_TRUE(found);
}

TEST_F(CertificateLifecycleTest, RevokeValidatesBeforeCallingSslStore) {
  grpc::ClientContext context;
  v1::RevokeCertificateRequest request;
  request.set_ca_request_id("12-AB");
  request.set_reason(static_cast<v1::RevocationReason>(7));
  v1::RevokeCertificateResponse response;
  EXPECT_EQ(
      env_->stub().RevokeCertificate(&context, request, &response).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(env_->sim().CallCount("order/status"), 0);
}

TEST_F(CertificateLifecycleTest, PingChecksTheCredentials) {
  grpc::ClientContext context;
  v1::PingResponse response;
  ASSERT_TRUE(env_->stub().Ping(&context, {}, &response).ok());
  EXPECT_TRUE(response.reachable());
  EXPECT_TRUE(response.remote_checked());
  EXPECT_EQ(response.connection_name(), "default");
  EXPECT_GT(google::protobuf::util::TimeUtil::DurationToNanoseconds(
                response.latency()),
            0);
  EXPECT_EQ(env_->sim().CallCount("health/validate"), 1);
}

TEST_F(CertificateLifecycleTest, PingWithRejectedCredentialsFailsWithoutToken) {
  grpc::ClientContext context;
  v1::PingRequest request;
  request.mutable_connection()->set_name("wrong-token");
  v1::PingResponse response;
  grpc::Status status = env_->stub().Ping(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("9008"));
  EXPECT_THAT(status.error_message(), Not(HasSubstr("not-the-token-5f2a")));
  EXPECT_THAT(status.error_message(), Not(HasSubstr(kSimToken)));
}

TEST_F(CertificateLifecycleTest, PingSkipsADisabledConnection) {
  grpc::ClientContext context;
  v1::PingRequest request;
  request.mutable_connection()->set_name("off");
  v1::PingResponse response;
  ASSERT_TRUE(env_->stub().Ping(&context, request, &response).ok());
  EXPECT_FALSE(response.remote_checked());
  EXPECT_THAT(response.message(), HasSubstr("disabled"));
  EXPECT_EQ(env_->sim().CallCount("health/validate"), 0);
}

v1::ConnectionConfig InlineConfig(ConnectorWithSim& env,
                                  const std::string& token) {
  v1::ConnectionConfig config;
  config.set_sslstore_url(env.sim().base_url());
  config.set_partner_code(env.sim().partner_code());
  config.set_auth_token(token);
  return config;
}

// Calls ValidateConnection with the inline configuration of `env` and
// `token`.
grpc::Status ValidateInline(ConnectorWithSim& env, const std::string& token,
                            v1::ValidateConnectionResponse* response) {
  grpc::ClientContext context;
  v1::ValidateConnectionRequest request;
  *request.mutable_config() = InlineConfig(env, token);
  return env.stub().ValidateConnection(&context, request, response);
}

// health/validate answering only {"Status": ...}, as the PHP SDK's response
// class has it: Ping and ValidateConnection still accept good credentials
// and refuse bad ones.
TEST_F(CertificateLifecycleTest, StatusOnlyHealthValidateChecksCredentials) {
  sslstore_sim::Realism realism = env_->sim().realism();
  realism.health_validate_status_only = true;
  env_->sim().SetRealism(realism);
  {
    grpc::ClientContext context;
    v1::PingResponse response;
    const grpc::Status status = env_->stub().Ping(&context, {}, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_TRUE(response.reachable());
    EXPECT_TRUE(response.remote_checked());
  }
  {
    grpc::ClientContext context;
    v1::PingRequest request;
    request.mutable_connection()->set_name("wrong-token");
    v1::PingResponse response;
    const grpc::Status status = env_->stub().Ping(&context, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_THAT(status.error_message(), HasSubstr("9008"));
  }
  {
    v1::ValidateConnectionResponse response;
    ASSERT_TRUE(ValidateInline(*env_, kSimToken, &response).ok());
    EXPECT_TRUE(response.valid()) << response.DebugString();
    EXPECT_TRUE(response.credentials_checked());
  }
  {
    v1::ValidateConnectionResponse response;
    ASSERT_TRUE(ValidateInline(*env_, "bad-token-31cd", &response).ok());
    EXPECT_FALSE(response.valid());
    ASSERT_THAT(response.violations(), SizeIs(1));
    EXPECT_EQ(response.violations(0).field(), "auth_token");
  }
  EXPECT_EQ(env_->sim().CallCount("health/validate"), 4);
}

TEST_F(CertificateLifecycleTest, ValidateConnectionAcceptsGoodCredentials) {
  v1::ValidateConnectionResponse response;
  ASSERT_TRUE(ValidateInline(*env_, kSimToken, &response).ok());
  EXPECT_TRUE(response.valid()) << response.DebugString();
  EXPECT_TRUE(response.credentials_checked());
  EXPECT_THAT(response.violations(), IsEmpty());
}

TEST_F(CertificateLifecycleTest, ValidateConnectionReportsRejectedToken) {
  v1::ValidateConnectionResponse response;
  ASSERT_TRUE(ValidateInline(*env_, "bad-token-77aa", &response).ok());
  EXPECT_FALSE(response.valid());
  EXPECT_TRUE(response.credentials_checked());
  ASSERT_THAT(response.violations(), SizeIs(1));
  EXPECT_EQ(response.violations(0).field(), "auth_token");
  EXPECT_THAT(response.DebugString(), Not(HasSubstr("bad-token-77aa")));
}

TEST_F(CertificateLifecycleTest, ValidateConnectionReportsEveryFieldAtOnce) {
  grpc::ClientContext context;
  v1::ValidateConnectionRequest request;
  request.mutable_config()->set_sslstore_url("http://plain.example");
  request.mutable_config()->set_page_size(-4);
  request.mutable_config()->set_renewal_window_days(-1);
  v1::ValidateConnectionResponse response;
  ASSERT_TRUE(
      env_->stub().ValidateConnection(&context, request, &response).ok());
  EXPECT_FALSE(response.valid());
  EXPECT_FALSE(response.credentials_checked());
  std::set<std::string> fields;
  for (const auto& problem : response.violations())
    fields.insert(problem.field());
  EXPECT_EQ(fields,
            (std::set<std::string>{"sslstore_url", "partner_code", "auth_token",
                                   "page_size", "renewal_window_days"}));
  EXPECT_EQ(env_->sim().CallCount("health/validate"), 0);
}

TEST_F(CertificateLifecycleTest, ValidateConnectionSkipsRemoteWhenDisabled) {
  grpc::ClientContext context;
  v1::ValidateConnectionRequest request;
  *request.mutable_config() = InlineConfig(*env_, kSimToken);
  request.mutable_config()->set_enabled(false);
  v1::ValidateConnectionResponse response;
  ASSERT_TRUE(
      env_->stub().ValidateConnection(&context, request, &response).ok());
  EXPECT_TRUE(response.valid());
  EXPECT_FALSE(response.credentials_checked());
  EXPECT_THAT(response.message(), HasSubstr("disabled"));
  EXPECT_EQ(env_->sim().CallCount("health/validate"), 0);
}

TEST_F(CertificateLifecycleTest, InlineConnectionIsUsable) {
  const auto orders = SeedMix();
  const auto* active = FindByStatus(orders, "Active");
  ASSERT_NE(active, nullptr);
  grpc::ClientContext context;
  v1::GetCertificateRequest request;
  request.set_ca_request_id(IdOf(*active));
  *request.mutable_connection()->mutable_inline_() =
      InlineConfig(*env_, kSimToken);
  v1::GetCertificateResponse response;
  ASSERT_TRUE(env_->stub().GetCertificate(&context, request, &response).ok());
  EXPECT_FALSE(response.record().certificate_der().empty());

  grpc::ClientContext bad_context;
  request.mutable_connection()->mutable_inline_()->clear_partner_code();
  grpc::Status status =
      env_->stub().GetCertificate(&bad_context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadRequestFields(status),
            std::set<std::string>{"connection.inline.partner_code"});
}

TEST_F(CertificateLifecycleTest, ListApproverEmails) {
  grpc::ClientContext context;
  v1::ListApproverEmailsRequest request;
  request.set_product_code("positivessl");
  request.set_domain("www.example.com");
  v1::ListApproverEmailsResponse response;
  ASSERT_TRUE(
      env_->stub().ListApproverEmails(&context, request, &response).ok());
  EXPECT_THAT(response.approver_emails(), Contains("admin@example.com"));
  EXPECT_EQ(response.base_domain(), "example.com");

  grpc::ClientContext bad_context;
  request.set_product_code("nope");
  request.set_domain("bad domain!");
  grpc::Status status =
      env_->stub().ListApproverEmails(&bad_context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadRequestFields(status),
            (std::set<std::string>{"product_code", "domain"}));
}

TEST_F(CertificateLifecycleTest, ListOrganizations) {
  grpc::ClientContext context;
  v1::ListOrganizationsResponse response;
  ASSERT_TRUE(env_->stub().ListOrganizations(&context, {}, &response).ok());
  std::set<int64_t> ids;
  for (const auto& organization : response.organizations()) {
    ids.insert(organization.tss_organization_id());
    EXPECT_THAT(
        organization.label(),
        HasSubstr(absl::StrCat("(", organization.tss_organization_id(), ")")));
  }
  EXPECT_EQ(ids, (std::set<int64_t>{112233, 112234}));

  grpc::ClientContext all_context;
  v1::ListOrganizationsRequest request;
  request.set_include_inactive(true);
  ASSERT_TRUE(
      env_->stub().ListOrganizations(&all_context, request, &response).ok());
  EXPECT_THAT(response.organizations(), SizeIs(3));
}

}  // namespace
}  // namespace sslstore::testing
