// Unit tests of sslstore-gateway's parts: argument parsing and the global
// options, the Enroll request, error mapping and exit codes, and the output
// formats (records, enrollments, the sync printer, annotations, the revoke
// confirmation).

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tools/gateway-cli/catalog_output.h"
#include "tools/gateway-cli/cli_args.h"
#include "tools/gateway-cli/cli_options.h"
#include "tools/gateway-cli/connector_client.h"
#include "tools/gateway-cli/connector_errors.h"
#include "tools/gateway-cli/enroll_request.h"
#include "tools/gateway-cli/enroll_routing.h"
#include "tools/gateway-cli/enrollment_output.h"
#include "tools/gateway-cli/enrollment_report.h"
#include "tools/gateway-cli/error_json.h"
#include "tools/gateway-cli/exit_codes.h"
#include "tools/gateway-cli/record_output.h"
#include "tools/gateway-cli/revoke_confirmation.h"
#include "tools/gateway-cli/sync_printer.h"

namespace sslstore::gateway::cli {
namespace {

namespace v1 = sslstore::connector::v1;
using ::testing::HasSubstr;
using ::testing::Not;

CliArgs Parsed(const std::vector<std::string>& args) {
  absl::StatusOr<CliArgs> parsed = ParseArgs(args);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  return parsed.ok() ? *parsed : CliArgs();
}

TEST(CliArgsTest, ParsesFlagsInBothFormsAndRejectsMistakes) {
  absl::StatusOr<CliArgs> args =
      ParseArgs({"--connector", "h:1", "enroll", "--csr=a.csr", "--param",
                 "A=1", "--param=B=2", "--prior-request-id", "9-T", "--json"});
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_EQ(args->command, "enroll");
  EXPECT_EQ(args->Get("connector"), "h:1");
  EXPECT_EQ(args->Get("csr"), "a.csr");
  EXPECT_EQ(args->GetAll("param"), (std::vector<std::string>{"A=1", "B=2"}));
  EXPECT_EQ(args->Get("prior_request_id"), "9-T");
  EXPECT_TRUE(args->Has("json"));

  EXPECT_FALSE(ParseArgs({"enroll", "--csr"}).ok());
  EXPECT_FALSE(ParseArgs({"enroll", "--json=yes"}).ok());
  EXPECT_FALSE(ParseArgs({"enroll", "--csr=a", "--csr=b"}).ok());
  EXPECT_FALSE(ParseArgs({"--csr=a", "enroll"}).ok());  // not global
  EXPECT_FALSE(ParseArgs({"record"}).ok());
  EXPECT_FALSE(ParseArgs({"nope"}).ok());
  args = ParseArgs({"record", "--help"});
  ASSERT_TRUE(args.ok());
  EXPECT_TRUE(args->help);
}

TEST(CliArgsTest, ExitCodes) {
  EXPECT_EQ(ExitCodeFor(absl::OkStatus()), 0);
  EXPECT_EQ(ExitCodeFor(UsageError("x")), 2);
  EXPECT_EQ(ExitCodeFor(absl::InvalidArgumentError("x")), 3);
  EXPECT_EQ(ExitCodeFor(absl::FailedPreconditionError("x")), 3);
  EXPECT_EQ(ExitCodeFor(absl::NotFoundError("x")), 4);
  EXPECT_EQ(ExitCodeFor(absl::UnavailableError("x")), 5);
  EXPECT_EQ(ExitCodeFor(absl::DeadlineExceededError("x")), 5);
  EXPECT_EQ(ExitCodeFor(absl::UnauthenticatedError("x")), 1);
  EXPECT_EQ(ExitCodeFor(ReportedFailure(absl::StatusCode::kNotFound)), 4);
  EXPECT_TRUE(IsReported(ReportedFailure(absl::StatusCode::kNotFound)));
  EXPECT_FALSE(IsReported(absl::NotFoundError("x")));
}

TEST(CliOptionsTest, NamedConnectionByDefault) {
  absl::StatusOr<CliOptions> options =
      OptionsFromFlags(Parsed({"--connector= h:9 ", "--timeout=5", "ping"}));
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->connector.address, "h:9");
  EXPECT_EQ(options->connector.timeout, absl::Seconds(5));
  EXPECT_EQ(options->connection.name(), "default");
  options = OptionsFromFlags(Parsed({"--connection=prod", "ping"}));
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->connector.address, "127.0.0.1:50051");
  EXPECT_EQ(options->connector.timeout, absl::Seconds(60));
  EXPECT_EQ(options->connection.name(), "prod");
}

TEST(CliOptionsTest, InlineConnectionKeepsItsTokenSecret) {
  setenv("SSLSTORE_AUTH_TOKEN", "env-token-1", 1);
  absl::StatusOr<CliOptions> options = OptionsFromFlags(
      Parsed({"--sslstore_url=https://wbapi.example", "--partner_code=P1",
              "--page_size=250", "--renewal_window=45", "ping"}));
  unsetenv("SSLSTORE_AUTH_TOKEN");
  ASSERT_TRUE(options.ok()) << options.status();
  ASSERT_TRUE(options->connection.has_inline_());
  const v1::ConnectionConfig& config = options->connection.inline_();
  EXPECT_EQ(config.sslstore_url(), "https://wbapi.example");
  EXPECT_EQ(config.partner_code(), "P1");
  EXPECT_EQ(config.auth_token(), "env-token-1");
  EXPECT_EQ(config.page_size(), 250);
  EXPECT_EQ(config.renewal_window_days(), 45);
  EXPECT_FALSE(config.has_enabled());  // the connector treats absent as true
  EXPECT_THAT(options->secrets, ::testing::Contains("env-token-1"));
}

TEST(CliOptionsTest, EnvironmentStandsInForConnectorAndTokenFlags) {
  setenv("SSLSTORE_CONNECTOR_ADDRESS", "env-host:7", 1);
  setenv("SSLSTORE_CONNECTOR_TOKEN_FILE", "/env/token", 1);
  absl::StatusOr<CliOptions> from_env = OptionsFromFlags(Parsed({"ping"}));
  absl::StatusOr<CliOptions> from_flags = OptionsFromFlags(
      Parsed({"--connector=flag-host:8", "--token_file=/flag/token", "ping"}));
  unsetenv("SSLSTORE_CONNECTOR_ADDRESS");
  unsetenv("SSLSTORE_CONNECTOR_TOKEN_FILE");
  ASSERT_TRUE(from_env.ok()) << from_env.status();
  EXPECT_EQ(from_env->connector.address, "env-host:7");
  EXPECT_EQ(from_env->connector.token_file, "/env/token");
  ASSERT_TRUE(from_flags.ok()) << from_flags.status();
  EXPECT_EQ(from_flags->connector.address, "flag-host:8");
  EXPECT_EQ(from_flags->connector.token_file, "/flag/token");
}

TEST(CliOptionsTest, RejectsInconsistentFlags) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {"--timeout=0", "ping"},
           {"--tls_cert_file=c.pem", "--tls_key_file=k.pem", "ping"},
           {"--partner_code=P1", "ping"},
           {"--connection=a", "--sslstore_url=u", "ping"},
           {"--sslstore_url=u", "--auth_token_file=/nonexistent", "ping"},
           {"--sslstore_url=u", "--page_size=lots", "ping"}}) {
    absl::StatusOr<CliOptions> options = OptionsFromFlags(Parsed(args));
    ASSERT_FALSE(options.ok()) << args[0];
    EXPECT_EQ(ExitCodeFor(options.status()), kExitUsage) << options.status();
  }
}

// A CSR file for the enroll tests.
std::string CsrFile() {
  // One file per process: ctest runs the tests in parallel processes.
  const std::string path = ::testing::TempDir() + "/cli_unit_test_" +
                           std::to_string(::getpid()) + ".csr";
  std::FILE* file = std::fopen(path.c_str(), "w");
  std::fputs("-----BEGIN CERTIFICATE REQUEST-----\n", file);
  std::fclose(file);
  return path;
}

TEST(EnrollRequestTest, BuildsTheRequestFromFlags) {
  v1::ConnectionRef connection;
  connection.set_name("prod");
  absl::StatusOr<v1::EnrollRequest> request = EnrollRequestFromFlags(
      Parsed({"enroll", "--csr", CsrFile(), "--product=positivessl", "--param",
              "A=1", "--san", "dns=a.example", "--san", "dns=b.example",
              "--subject=CN=a.example", "--type=Renew-Or-Reissue",
              "--prior_request_id= 9-TSS-1 ", "--prior_serial=0A1B", "--wait=0",
              "--idempotency_key=gw-42"}),
      connection);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->connection().name(), "prod");
  EXPECT_THAT(request->csr(), HasSubstr("BEGIN CERTIFICATE REQUEST"));
  EXPECT_EQ(request->product_code(), "positivessl");
  EXPECT_EQ(request->subject(), "CN=a.example");
  EXPECT_EQ(request->parameters().at("A"), "1");
  EXPECT_EQ(request->parameters().at("PriorCertSN"), "0A1B");
  EXPECT_EQ(request->sans().at("dns").values_size(), 2);
  EXPECT_EQ(request->enrollment_type(), v1::ENROLLMENT_TYPE_RENEW_OR_REISSUE);
  EXPECT_EQ(request->prior_ca_request_id(), "9-TSS-1");
  EXPECT_FALSE(request->has_wait_for_issuance());
  EXPECT_EQ(request->request_id(), "gw-42");

  request = EnrollRequestFromFlags(
      Parsed({"enroll", "--csr", CsrFile(), "--product=positivessl"}),
      connection);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->enrollment_type(), v1::ENROLLMENT_TYPE_NEW);
  EXPECT_EQ(request->wait_for_issuance().seconds(), 10);
  EXPECT_EQ(request->request_id(), "");
}

TEST(EnrollRoutingTest, SendsThePrintableRequestIdOnly) {
  v1::EnrollRequest request;
  EXPECT_FALSE(EnrollRoutingMetadata(request).has_value());
  request.set_request_id("gw-42 retry");
  auto metadata = EnrollRoutingMetadata(request);
  ASSERT_TRUE(metadata.has_value());
  EXPECT_EQ(metadata->first, "x-sslstore-request-id");
  EXPECT_EQ(metadata->second, "gw-42 retry");
  request.set_request_id("line\nbreak");
  EXPECT_FALSE(EnrollRoutingMetadata(request).has_value());
  request.set_request_id(std::string("caf\xc3\xa9"));
  EXPECT_FALSE(EnrollRoutingMetadata(request).has_value());
  request.set_request_id("tab\tkey");
  EXPECT_FALSE(EnrollRoutingMetadata(request).has_value());
}

TEST(EnrollRequestTest, UsageErrors) {
  const std::string csr = CsrFile();
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {"enroll", "--product=p"},
           {"enroll", "--csr", csr},
           {"enroll", "--csr", "/dev/null", "--product=p"},
           {"enroll", "--csr", csr, "--product=p", "--san", "=x"},
           {"enroll", "--csr", csr, "--product=p", "--type=later"},
           {"enroll", "--csr", csr, "--product=p", "--type=renew"},
           {"enroll", "--csr", csr, "--product=p", "--prior_serial=1"},
           {"enroll", "--csr", csr, "--product=p", "--wait=3601"}}) {
    absl::StatusOr<v1::EnrollRequest> request =
        EnrollRequestFromFlags(Parsed(args), v1::ConnectionRef());
    ASSERT_FALSE(request.ok()) << args.back();
    EXPECT_EQ(ExitCodeFor(request.status()), kExitUsage) << request.status();
  }
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

TEST(ConnectorErrorsTest, FieldNamesBecomeAnnotationNames) {
  EXPECT_EQ(AnnotationNameForField("connection.inline.sslstore_url"),
            "SSLStoreURL");
  EXPECT_EQ(AnnotationNameForField("auth_token"), "AuthToken");
  EXPECT_EQ(AnnotationNameForField("renewal_window_days"), "RenewalWindow");
  EXPECT_EQ(AnnotationNameForField("parameters[Approver Email]"),
            "parameters[Approver Email]");
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
            "Ping: token [REDACTED] rejected; bearer [REDACTED]");
  status = FromGrpcStatus(
      grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "missing token"), "Ping",
      "x:1", {});
  EXPECT_THAT(status.message(),
              HasSubstr("refused this client's credentials (check "
                        "--token_file)"));
}

TEST(ErrorJsonTest, CarriesCodeReasonViolationsAndExitCode) {
  google::rpc::Status rich;
  rich.set_code(5);
  google::rpc::ErrorInfo info;
  info.set_reason("PRODUCT_NOT_FOUND");
  info.set_domain("sslstore-connector.v1");
  (*info.mutable_metadata())["connection"] = "default";
  (*info.mutable_metadata())["note"] = "secret-77 inside";
  rich.add_details()->PackFrom(info);
  absl::Status status =
      FromGrpcStatus(grpc::Status(grpc::StatusCode::NOT_FOUND, "no product x",
                                  rich.SerializeAsString()),
                     "GetProduct", "h:1", {"secret-77"});
  EXPECT_EQ(ErrorJson(status),
            "{\"type\":\"error\",\"error\":{\"code\":\"NOT_FOUND\","
            "\"message\":\"GetProduct: no product x\",\"reason\":"
            "\"PRODUCT_NOT_FOUND\",\"exit_code\":4,\"metadata\":{"
            "\"connection\":\"default\",\"note\":\"[REDACTED] inside\"}}}");
  EXPECT_THAT(
      ErrorJson(FromGrpcStatus(BadRequestStatus(), "Enroll", "h:1", {})),
      HasSubstr("\"violations\":[{\"field\":\"PageSize\","
                "\"description\":\"must be at most 500\"},"));
  EXPECT_THAT(ErrorJson(UsageError("bad flag")),
              HasSubstr("\"code\":\"INVALID_ARGUMENT\",\"message\":\"bad "
                        "flag\",\"reason\":\"USAGE\",\"exit_code\":2}"));
  EXPECT_EQ(ExitCodeFor(Interrupted("stop")), kExitInterrupted);
  EXPECT_EQ(ExitCodeFor(OrdersFailed("2 failed")), kExitOrdersFailed);
  EXPECT_EQ(CliReason(absl::CancelledError("x")), "");
}

TEST(CliArgsTest, AsksForJsonBeforeTheEndOfFlags) {
  EXPECT_TRUE(AsksForJson({"products", "--bogus", "--json"}));
  EXPECT_FALSE(AsksForJson({"products", "--", "--json"}));
  EXPECT_FALSE(AsksForJson({"products"}));
}

v1::CertificateRecord RevokedRecord() {
  v1::CertificateRecord record;
  record.set_ca_request_id("1-TSS-1");
  record.set_status(v1::CERTIFICATE_STATUS_REVOKED);
  record.set_product_code("positivessl");
  record.set_major_status("Cancelled");
  record.set_minor_status("Refunded");
  record.mutable_revocation()->set_reason(v1::REVOCATION_REASON_KEY_COMPROMISE);
  record.mutable_revocation()->mutable_revoked_at()->set_seconds(1700000000);
  return record;
}

TEST(ConnectorClientTest, FileErrorsNameTheFlags) {
  const std::string existing = CsrFile();
  const std::string missing = "/nonexistent/file.pem";
  ConnectorOptions token;
  token.token_file = missing;
  ConnectorOptions ca;
  ca.tls_ca_file = missing;
  ConnectorOptions cert;
  cert.tls_ca_file = existing;
  cert.tls_client_cert_file = missing;
  cert.tls_client_key_file = existing;
  ConnectorOptions key = cert;
  key.tls_client_cert_file = existing;
  key.tls_client_key_file = missing;
  for (const auto& [options, flag] :
       std::vector<std::pair<ConnectorOptions, std::string>>{
           {token, "--token_file"},
           {ca, "--tls_ca_file"},
           {cert, "--tls_cert_file"},
           {key, "--tls_key_file"}}) {
    absl::StatusOr<std::unique_ptr<ConnectorClient>> client =
        ConnectorClient::Create(options);
    ASSERT_FALSE(client.ok()) << flag;
    EXPECT_EQ(client.status().message(),
              absl::StrCat(flag, ": cannot read \"", missing, "\""));
  }
  token.token_file = "/dev/null";
  EXPECT_EQ(ConnectorClient::Create(token).status().message(),
            "--token_file: \"/dev/null\" holds no token");
}

TEST(RecordOutputTest, ShowsStatusNumbersAndRevocation) {
  v1::CertificateRecord record = RevokedRecord();
  EXPECT_TRUE(LacksCertificate(record));
  record.set_certificate_pem("-----BEGIN CERTIFICATE-----\n");
  EXPECT_FALSE(LacksCertificate(record));
  EXPECT_EQ(RecordText(record),
            "request id: 1-TSS-1\nstatus: REVOKED (50)\nSSL Store status: "
            "Cancelled (Refunded)\nproduct: positivessl\nrevocation reason: "
            "1\nrevocation date: 2023-11-14T22:13:20Z\n"
            "-----BEGIN CERTIFICATE-----\n");
  EXPECT_EQ(RecordJson(record, false),
            "{\"ca_request_id\":\"1-TSS-1\",\"status\":50,\"status_name\":"
            "\"REVOKED\",\"product_id\":\"positivessl\",\"ca_status\":"
            "\"Cancelled (Refunded)\",\"serial_number\":\"\",\"subject\":\"\","
            "\"has_certificate\":true,\"revocation_reason\":1,"
            "\"revocation_date\":\"2023-11-14T22:13:20Z\"}");
  record.clear_certificate_pem();
  record.set_status(v1::CERTIFICATE_STATUS_PENDING_VALIDATION);
  EXPECT_FALSE(LacksCertificate(record));
  EXPECT_THAT(RecordText(record), HasSubstr("status: EXTERNALVALIDATION (90)"));
  EXPECT_THAT(RecordText(record), Not(HasSubstr("revocation")));
}

TEST(EnrollmentReportTest, IssuedWithoutCertificateIsNotReportedAsGenerated) {
  v1::EnrollResponse response;
  response.set_ca_request_id("5-TSS-5");
  response.set_status(v1::CERTIFICATE_STATUS_ISSUED);
  response.set_action(v1::ENROLLMENT_ACTION_REISSUE);
  response.set_sslstore_order_id(5);
  v1::DcvRecord* dcv = response.add_dcv_records();
  dcv->set_domain("a.example");
  dcv->set_method(v1::DCV_METHOD_FILE);
  dcv->set_file_name("X.txt");
  EnrollmentReport report = ReportOf(response);
  EXPECT_EQ(report.status.number, 90);
  EXPECT_TRUE(report.certificate.empty());
  EXPECT_EQ(report.context["action"], "reissue");
  EXPECT_EQ(report.context["sslstore_order_id"], "5");
  EXPECT_EQ(report.context["dcv.a.example.method"], "file");
  EXPECT_EQ(report.context["dcv.a.example.file_name"], "X.txt");
  EXPECT_EQ(report.context.count("dcv.a.example.cname_name"), 0u);

  response.mutable_certificate()->set_certificate_pem("PEM\n");
  report = ReportOf(response);
  EXPECT_EQ(StatusText(report.status), "GENERATED (40)");
  EXPECT_EQ(report.certificate, "PEM\n");
  EXPECT_THAT(EnrollmentText(report),
              HasSubstr("request id: 5-TSS-5\nstatus: GENERATED (40)\n"));
  EXPECT_THAT(EnrollmentText(report), HasSubstr("\n  action: reissue\n"));
  EXPECT_THAT(EnrollmentJson(report),
              HasSubstr("\"status\":40,\"status_name\":\"GENERATED\""));
}

TEST(EnrollmentReportTest, RejectionsAreFailedReports) {
  EXPECT_TRUE(IsRejection(absl::StatusCode::kInvalidArgument));
  EXPECT_TRUE(IsRejection(absl::StatusCode::kNotFound));
  EXPECT_FALSE(IsRejection(absl::StatusCode::kUnavailable));
  const EnrollmentReport report =
      RejectionReport(absl::InvalidArgumentError("Enroll: bad\n  csr: x"));
  EXPECT_EQ(EnrollmentText(report),
            "request id: \nstatus: FAILED (11)\nmessage: Enroll: bad\n  csr: "
            "x\n");
}

// The content of `file`, which it closes.
std::string ReadAndClose(std::FILE* file) {
  std::rewind(file);
  std::string text;
  char buffer[512];
  while (size_t n = std::fread(buffer, 1, sizeof(buffer), file)) {
    text.append(buffer, n);
  }
  std::fclose(file);
  return text;
}

// What a SyncPrinter wrote on its output (and on its error stream, into
// `err_text` when given).
std::string Printed(const std::function<void(SyncPrinter&)>& use,
                    bool json_lines, std::string* err_text = nullptr) {
  std::FILE* file = std::tmpfile();
  std::FILE* err = std::tmpfile();
  {
    SyncPrinter printer(file, err, json_lines, false);
    use(printer);
  }
  std::string err_content = ReadAndClose(err);
  if (err_text != nullptr) *err_text = err_content;
  return ReadAndClose(file);
}

TEST(SyncPrinterTest, JsonLinesAndTheProgressLine) {
  SyncCounts counts;
  counts.processed = 3;
  counts.emitted = 1;
  counts.skipped = 2;
  counts.resumes = 1;
  const std::string lines = Printed(
      [&](SyncPrinter& printer) {
        printer.OnRecord(RevokedRecord());
        printer.OnSkipped("2-TSS-2", "pending");
        printer.Finish(counts, absl::UnavailableError("gone"));
      },
      true);
  EXPECT_THAT(lines, HasSubstr("{\"type\":\"record\",\"ca_request_id\":"
                               "\"1-TSS-1\",\"status\":50,"));
  EXPECT_THAT(lines, HasSubstr("{\"type\":\"skipped\",\"ca_request_id\":"
                               "\"2-TSS-2\",\"reason\":\"pending\"}\n"));
  EXPECT_THAT(lines, HasSubstr("{\"type\":\"summary\",\"ok\":false,"
                               "\"processed\":3,\"emitted\":1,\"skipped\":2,"
                               "\"failed\":0,\"unchanged\":0,\"pages\":0,"
                               "\"resumes\":1,"));
  EXPECT_THAT(lines, HasSubstr("\"error\":\"gone\"}\n"));
  counts.resume_token = "tok";
  EXPECT_THAT(Printed(
                  [&](SyncPrinter& printer) {
                    printer.Finish(counts, absl::UnavailableError("gone"));
                  },
                  true),
              HasSubstr("\"error\":\"gone\",\"resume_token\":\"tok\"}\n"));

  // Progress goes to the error stream, one line per progress message; the
  // output holds the summary line only.
  counts.pages = 2;
  counts.failed = 1;
  std::string progress;
  const std::string line = Printed(
      [&](SyncPrinter& printer) {
        printer.OnRecord(RevokedRecord());
        printer.OnProgress(counts);
        printer.OnProgress(counts);
        printer.Finish(counts, absl::OkStatus());
      },
      false, &progress);
  EXPECT_THAT(line, ::testing::StartsWith("synced 3 orders (1 records, 2 "
                                          "skipped, 1 failed) in "));
  EXPECT_EQ(std::count(line.begin(), line.end(), '\n'), 1) << line;
  EXPECT_THAT(progress, ::testing::StartsWith(
                            "sync: page 2, 3 orders (1 records, 2 skipped, "
                            "1 failed), "));
  EXPECT_THAT(progress, HasSubstr(" orders/s, "));
  EXPECT_THAT(progress, HasSubstr(" s elapsed\n"));
  EXPECT_EQ(std::count(progress.begin(), progress.end(), '\n'), 2) << progress;
}

TEST(CatalogOutputTest, AnnotationLinesShowTypeDefaultAndHidden) {
  v1::Annotation secret;
  secret.set_type(v1::ANNOTATION_TYPE_SECRET);
  secret.set_comments("the token");
  secret.set_hidden(true);
  EXPECT_EQ(AnnotationLine("AuthToken", secret),
            "AuthToken (Secret, default none, hidden): the token");
  v1::Annotation number;
  number.set_type(v1::ANNOTATION_TYPE_NUMBER);
  number.mutable_default_value()->set_number_value(100);
  EXPECT_EQ(AnnotationLine("PageSize", number),
            "PageSize (Number, default 100): ");
}

TEST(RevokeConfirmationTest, OnlyARevokedStatusConfirms) {
  v1::RevokeCertificateResponse response;
  response.set_status(v1::CERTIFICATE_STATUS_REVOKED);
  RevokeConfirmation confirmation = ConfirmationOf(response, "done");
  EXPECT_TRUE(confirmation.confirmed);
  EXPECT_EQ(ConfirmationText(confirmation),
            "status: REVOKED (50)\nmessage: done");
  response.set_status(v1::CERTIFICATE_STATUS_ISSUED);
  response.set_accepted(true);
  response.set_pending(true);
  confirmation = ConfirmationOf(response, "queued");
  EXPECT_FALSE(confirmation.confirmed);
  EXPECT_TRUE(confirmation.pending);
  EXPECT_EQ(ConfirmationText(confirmation),
            "status: GENERATED (40), revocation pending\nmessage: SSL Store "
            "accepted the request but has not confirmed the revocation yet: "
            "queued");
  response.set_accepted(false);
  response.set_pending(false);
  confirmation = ConfirmationOf(response, "no");
  EXPECT_FALSE(confirmation.pending);
  EXPECT_EQ(ConfirmationText(confirmation),
            "status: FAILED (11)\nmessage: SSL Store refused the request: no");
}

}  // namespace
}  // namespace sslstore::gateway::cli
