// Unit tests of the adapter's translation parts: the connection dictionary,
// error mapping, record and result mapping, cancellation, and the CLI's
// argument parsing and exit codes.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tools/gateway-adapter/adapter_settings.h"
#include "tools/gateway-adapter/connector_errors.h"
#include "tools/gateway-adapter/record_mapping.h"
#include "tools/gateway-cli/cli_args.h"
#include "tools/gateway-cli/cli_commands.h"

namespace sslstore::gateway {
namespace {

namespace v1 = sslstore::connector::v1;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(AdapterSettingsTest, ReadsTypedAndTextValues) {
  absl::StatusOr<AdapterSettings> settings = ParseAdapterSettings(
      {{"SSLStoreURL", std::string("https://sandbox-wbapi.thesslstore.com")},
       {"PartnerCode", std::string("P1")},
       {"AuthToken", std::string("secret-1")},
       {"PageSize", std::string("250")},
       {"Enabled", std::string("True")},
       {"RenewalWindow", 45.0},
       {"ConnectorAddress", std::string(" 10.0.0.5:9000 ")},
       {"ConnectorTimeoutSeconds", int64_t{5}},
       {"ConnectorRevocationMethod", std::string("Revoke")},
       {"SomethingTheGatewayAdds", std::string("ignored")}});
  ASSERT_TRUE(settings.ok()) << settings.status();
  ASSERT_TRUE(settings->connection.has_inline_());
  const v1::ConnectionConfig& config = settings->connection.inline_();
  EXPECT_EQ(config.sslstore_url(), "https://sandbox-wbapi.thesslstore.com");
  EXPECT_EQ(config.auth_token(), "secret-1");
  EXPECT_EQ(config.page_size(), 250);
  ASSERT_TRUE(config.has_enabled());
  EXPECT_TRUE(config.enabled());
  EXPECT_EQ(config.renewal_window_days(), 45);
  EXPECT_EQ(settings->connector.address, "10.0.0.5:9000");
  EXPECT_EQ(settings->connector.timeout, absl::Seconds(5));
  EXPECT_EQ(settings->revocation_method, v1::REVOCATION_METHOD_REVOKE_REQUEST);
}

TEST(AdapterSettingsTest, DefaultsAndNamedConnection) {
  absl::StatusOr<AdapterSettings> settings = ParseAdapterSettings({});
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->connector.address, "127.0.0.1:50051");
  EXPECT_TRUE(settings->connection.has_inline_());
  // Enabled absent stays absent: the connector treats it as true.
  EXPECT_FALSE(settings->connection.inline_().has_enabled());
  settings =
      ParseAdapterSettings({{"ConnectorConnectionName", std::string("prod")},
                            {"PartnerCode", std::string("ignored")}});
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->connection.name(), "prod");
}

TEST(AdapterSettingsTest, ReportsEveryBadValueButNeverTheToken) {
  absl::StatusOr<AdapterSettings> settings = ParseAdapterSettings(
      {{"PageSize", std::string("lots")},
       {"Enabled", std::string("perhaps")},
       {"AuthToken", int64_t{12345678}},
       {"ConnectorTimeoutSeconds", int64_t{0}},
       {"ConnectorTlsClientCertFile", std::string("/c.pem")},
       {"ConnectorRevocationMethod", std::string("shred")}});
  ASSERT_FALSE(settings.ok());
  const std::string message(settings.status().message());
  EXPECT_THAT(message, HasSubstr("\n  PageSize: "));
  EXPECT_THAT(message, HasSubstr("\n  Enabled: "));
  EXPECT_THAT(message, HasSubstr("\n  AuthToken: expected text"));
  EXPECT_THAT(message, HasSubstr("\n  ConnectorTimeoutSeconds: "));
  EXPECT_THAT(message, HasSubstr("give both or neither"));
  EXPECT_THAT(message, HasSubstr("\n  ConnectorRevocationMethod: "));
  EXPECT_THAT(message, Not(HasSubstr("12345678")));
}

TEST(AdapterSettingsTest, FieldNamesBecomeGatewayKeys) {
  EXPECT_EQ(GatewayKeyForField("connection.inline.sslstore_url"),
            "SSLStoreURL");
  EXPECT_EQ(GatewayKeyForField("auth_token"), "AuthToken");
  EXPECT_EQ(GatewayKeyForField("renewal_window_days"), "RenewalWindow");
  EXPECT_EQ(GatewayKeyForField("parameters[Approver Email]"),
            "parameters[Approver Email]");
}

grpc::Status BadRequestStatus() {
  google::rpc::BadRequest bad_request;
  auto* v = bad_request.add_field_violations();
  v->set_field("connection.inline.page_size");
  v->set_description("must be at most 500");
  v = bad_request.add_field_violations();
  v->set_field("csr");
  v->set_description("not PEM or base64 DER");
  google::rpc::Status rich;
  rich.set_code(3);
  rich.set_message("invalid: joined text");
  rich.add_details()->PackFrom(bad_request);
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                      "invalid: joined text", rich.SerializeAsString());
}

TEST(ConnectorErrorsTest, ListsViolationsOnePerLine) {
  absl::Status status =
      FromGrpcStatus(BadRequestStatus(), "Enroll", "127.0.0.1:1", {});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "Enroll: the request is invalid:\n  PageSize: must be at most "
            "500\n  csr: not PEM or base64 DER");
  EXPECT_TRUE(status.GetPayload("type.googleapis.com/google.rpc.BadRequest")
                  .has_value());
}

TEST(ConnectorErrorsTest,
     TransportFailuresNameTheConnectorAndSecretsAreScrubbed) {
  absl::Status status =
      FromGrpcStatus(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                  "failed to connect to all addresses"),
                     "Ping", "10.1.1.1:50051", {});
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(status.message(),
              HasSubstr("cannot reach the SSL Store connector at "
                        "10.1.1.1:50051"));
  status = FromGrpcStatus(grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                                       "token tok-123 rejected; bearer b-456"),
                          "Ping", "x", {"tok-123", "", "b-456"});
  EXPECT_EQ(status.message(),
            "Ping: token [redacted] rejected; bearer [redacted]");
  status = FromGrpcStatus(
      grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "missing token"), "Ping",
      "x:1", {});
  EXPECT_THAT(status.message(), HasSubstr("ConnectorTokenFile"));
}

TEST(RecordMappingTest, StatusesAndRecords) {
  EXPECT_EQ(ToEndEntityStatus(v1::CERTIFICATE_STATUS_ISSUED), 40);
  EXPECT_EQ(ToEndEntityStatus(v1::CERTIFICATE_STATUS_PENDING_VALIDATION), 90);
  EXPECT_EQ(ToEndEntityStatus(v1::CERTIFICATE_STATUS_REVOKED), 50);
  EXPECT_EQ(ToEndEntityStatus(v1::CERTIFICATE_STATUS_FAILED), 11);
  EXPECT_EQ(ToEndEntityStatus(v1::CERTIFICATE_STATUS_NEW), 10);
  EXPECT_FALSE(ToRevocationReason(7).ok());
  EXPECT_FALSE(ToRevocationReason(11).ok());
  EXPECT_EQ(*ToRevocationReason(9), v1::REVOCATION_REASON_PRIVILEGE_WITHDRAWN);

  v1::CertificateRecord record;
  record.set_ca_request_id("1-TSS-1");
  record.set_status(v1::CERTIFICATE_STATUS_REVOKED);
  record.set_major_status("Cancelled");
  record.mutable_revocation()->set_reason(v1::REVOCATION_REASON_KEY_COMPROMISE);
  record.mutable_revocation()->mutable_revoked_at()->set_seconds(1700000000);
  AnyCAPluginCertificate certificate = ToPluginCertificate(record);
  EXPECT_EQ(certificate.status, kStatusRevoked);
  EXPECT_EQ(certificate.revocation_reason, 1);
  ASSERT_TRUE(certificate.revocation_date.has_value());
  EXPECT_EQ(*certificate.revocation_date, absl::FromUnixSeconds(1700000000));
  EXPECT_TRUE(LacksRequiredCertificate(certificate));
  record.set_certificate_pem("-----BEGIN CERTIFICATE-----\n");
  EXPECT_FALSE(LacksRequiredCertificate(ToPluginCertificate(record)));
  record.clear_certificate_pem();
  record.set_status(v1::CERTIFICATE_STATUS_PENDING_VALIDATION);
  EXPECT_FALSE(LacksRequiredCertificate(ToPluginCertificate(record)));
}

TEST(RecordMappingTest, IssuedWithoutCertificateIsNotReportedAsGenerated) {
  v1::EnrollResponse response;
  response.set_ca_request_id("5-TSS-5");
  response.set_status(v1::CERTIFICATE_STATUS_ISSUED);
  response.set_action(v1::ENROLLMENT_ACTION_REISSUE);
  response.set_ssl_store_order_id(5);
  v1::DcvRecord* dcv = response.add_dcv_records();
  dcv->set_domain("a.example");
  dcv->set_method(v1::DCV_METHOD_FILE);
  dcv->set_file_name("X.txt");
  EnrollmentResult result = ToEnrollmentResult(response);
  EXPECT_EQ(result.status, kStatusExternalValidation);
  EXPECT_TRUE(result.certificate.empty());
  EXPECT_EQ(result.enrollment_context["action"], "reissue");
  EXPECT_EQ(result.enrollment_context["ssl_store_order_id"], "5");
  EXPECT_EQ(result.enrollment_context["dcv.a.example.method"], "file");
  EXPECT_EQ(result.enrollment_context["dcv.a.example.file_name"], "X.txt");
  EXPECT_EQ(result.enrollment_context.count("dcv.a.example.cname_name"), 0u);

  response.mutable_certificate()->set_certificate_pem("PEM");
  result = ToEnrollmentResult(response);
  EXPECT_EQ(result.status, kStatusGenerated);
  EXPECT_EQ(result.certificate, "PEM");
}

TEST(CancellationTokenTest, RunsCallbacksOnceAndHonoursUnregister) {
  CancellationToken token;
  int first = 0;
  int second = 0;
  token.Register([&] { ++first; });
  const int id = token.Register([&] { ++second; });
  token.Unregister(id);
  token.Cancel();
  token.Cancel();
  EXPECT_TRUE(token.IsCancellationRequested());
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 0);
  int late = 0;
  token.Register([&] { ++late; });
  EXPECT_EQ(late, 1);
}

TEST(CliArgsTest, ParsesFlagsInBothFormsAndRejectsMistakes) {
  absl::StatusOr<cli::CliArgs> args = cli::ParseArgs(
      {"--connector", "h:1", "enroll", "--csr=a.csr", "--param", "A=1",
       "--param=B=2", "--prior-request-id", "9-T", "--json"});
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_EQ(args->command, "enroll");
  EXPECT_EQ(args->Get("connector"), "h:1");
  EXPECT_EQ(args->Get("csr"), "a.csr");
  EXPECT_EQ(args->GetAll("param"), (std::vector<std::string>{"A=1", "B=2"}));
  EXPECT_EQ(args->Get("prior_request_id"), "9-T");
  EXPECT_TRUE(args->Has("json"));

  EXPECT_FALSE(cli::ParseArgs({"enroll", "--csr"}).ok());
  EXPECT_FALSE(cli::ParseArgs({"enroll", "--json=yes"}).ok());
  EXPECT_FALSE(cli::ParseArgs({"enroll", "--csr=a", "--csr=b"}).ok());
  EXPECT_FALSE(cli::ParseArgs({"--csr=a", "enroll"}).ok());  // not global
  EXPECT_FALSE(cli::ParseArgs({"record"}).ok());
  EXPECT_FALSE(cli::ParseArgs({"nope"}).ok());
  args = cli::ParseArgs({"record", "--help"});
  ASSERT_TRUE(args.ok());
  EXPECT_TRUE(args->help);
}

TEST(CliArgsTest, ExitCodes) {
  EXPECT_EQ(cli::ExitCodeFor(absl::OkStatus()), 0);
  EXPECT_EQ(cli::ExitCodeFor(cli::UsageError("x")), 2);
  EXPECT_EQ(cli::ExitCodeFor(absl::InvalidArgumentError("x")), 3);
  EXPECT_EQ(cli::ExitCodeFor(absl::FailedPreconditionError("x")), 3);
  EXPECT_EQ(cli::ExitCodeFor(absl::NotFoundError("x")), 4);
  EXPECT_EQ(cli::ExitCodeFor(absl::UnavailableError("x")), 5);
  EXPECT_EQ(cli::ExitCodeFor(absl::DeadlineExceededError("x")), 5);
  EXPECT_EQ(cli::ExitCodeFor(absl::UnauthenticatedError("x")), 1);
}

}  // namespace
}  // namespace sslstore::gateway
