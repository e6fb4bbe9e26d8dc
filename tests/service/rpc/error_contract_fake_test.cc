// The error contract, RPC by RPC, through the real server on 127.0.0.1:0
// with the in-memory FakeWbapi: each failure path's gRPC code, its
// google.rpc.ErrorInfo (reason, domain, the exact metadata) and the other
// details, checked against what proto/sslstore/connector/v1/errors.proto
// documents for the reason.
#include <array>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "service/config/server_config.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"
#include "sslstore/connector/v1/errors.pb.h"
#include "sslstore/connector/v1/sync.pb.h"
#include "sslstore_client/errors.h"
#include "tests/fakes/fake_connector.h"
#include "tests/fakes/fake_connector_test_fixture.h"
#include "tests/fakes/fake_wbapi.h"
#include "tests/service/enroll/enroll_test_support.h"
#include "tests/service/x509/test_pki.h"

namespace sslstore::testing {
namespace {

namespace v1 = sslstore::connector::v1;
namespace pki = service::x509::testing;
using Metadata = std::map<std::string, std::string>;
using Details = std::set<std::string>;

constexpr char kBadRequest[] = "google.rpc.BadRequest";
constexpr char kRetryInfo[] = "google.rpc.RetryInfo";
constexpr char kResumeInfo[] = "sslstore.connector.v1.SyncResumeInfo";

// The leading comment of each ErrorReason value in errors.proto, by name.
std::map<std::string, std::string> ReasonDocs() {
  const char* root = std::getenv("SSLSTORE_SOURCE_DIR");
  std::ifstream file(absl::StrCat(root == nullptr ? "." : root,
                                  "/proto/sslstore/connector/v1/errors.proto"));
  std::map<std::string, std::string> docs;
  std::string comment;
  std::string line;
  bool in_enum = false;
  while (std::getline(file, line)) {
    absl::string_view text = absl::StripAsciiWhitespace(line);
    if (absl::StartsWith(text, "enum ErrorReason")) {
      in_enum = true;
      comment.clear();
      continue;
    }
    if (!in_enum) continue;
    if (absl::ConsumePrefix(&text, "//")) {
      absl::StrAppend(&comment, absl::StripAsciiWhitespace(text), " ");
    } else if (text.empty()) {
      comment.clear();
    } else {
      docs[std::string(text.substr(0, text.find(' ')))] = comment;
      comment.clear();
    }
  }
  return docs;
}

// The name of `code` as the documentation spells it.
std::string CodeName(grpc::StatusCode code) {
  static const std::map<grpc::StatusCode, std::string> kNames = {
      {grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT"},
      {grpc::StatusCode::NOT_FOUND, "NOT_FOUND"},
      {grpc::StatusCode::FAILED_PRECONDITION, "FAILED_PRECONDITION"},
      {grpc::StatusCode::UNAUTHENTICATED, "UNAUTHENTICATED"},
      {grpc::StatusCode::UNAVAILABLE, "UNAVAILABLE"},
      {grpc::StatusCode::RESOURCE_EXHAUSTED, "RESOURCE_EXHAUSTED"},
      {grpc::StatusCode::DEADLINE_EXCEEDED, "DEADLINE_EXCEEDED"},
      {grpc::StatusCode::ABORTED, "ABORTED"},
      {grpc::StatusCode::DATA_LOSS, "DATA_LOSS"},
      {grpc::StatusCode::CANCELLED, "CANCELLED"},
      {grpc::StatusCode::INTERNAL, "INTERNAL"},
  };
  auto found = kNames.find(code);
  return found == kNames.end() ? "?" : found->second;
}

// Checks `status` against the contract: `code`; a google.rpc.Status with
// the same code and message whose details are an ErrorInfo (reason, domain,
// exactly `metadata`) and exactly the detail types `details`; and the
// reason's documentation naming the code and each extra detail.
void ExpectError(const grpc::Status& status, grpc::StatusCode code,
                 v1::ErrorReason reason, const Metadata& metadata,
                 const Details& details = {}) {
  const std::string reason_name = v1::ErrorReason_Name(reason);
  SCOPED_TRACE(absl::StrCat(reason_name, ": ", status.error_message()));
  EXPECT_EQ(status.error_code(), code);
  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(status.error_details()));
  EXPECT_EQ(rich.code(), static_cast<int>(code));
  EXPECT_EQ(rich.message(), status.error_message());
  google::rpc::ErrorInfo info;
  int error_infos = 0;
  Details others;
  for (const google::protobuf::Any& detail : rich.details()) {
    if (detail.UnpackTo(&info) && detail.Is<google::rpc::ErrorInfo>()) {
      ++error_infos;
      continue;
    }
    others.insert(std::string(
        absl::StripPrefix(detail.type_url(), "type.googleapis.com/")));
  }
  EXPECT_EQ(error_infos, 1);
  EXPECT_EQ(info.reason(), reason_name);
  EXPECT_EQ(info.domain(), "sslstore-connector.v1");
  EXPECT_EQ(Metadata(info.metadata().begin(), info.metadata().end()), metadata);
  EXPECT_EQ(others, details);

  static const std::map<std::string, std::string> docs = ReasonDocs();
  auto doc = docs.find(reason_name);
  ASSERT_NE(doc, docs.end()) << "errors.proto does not document the reason";
  EXPECT_THAT(doc->second, ::testing::HasSubstr(CodeName(code)));
  if (details.count(kBadRequest) > 0) {
    EXPECT_THAT(doc->second, ::testing::HasSubstr("BadRequest"));
  }
  if (details.count(kRetryInfo) > 0) {
    EXPECT_THAT(doc->second, ::testing::HasSubstr("RetryInfo"));
  }
}

// The metadata of an SSL Store failure of `call` on the default connection.
Metadata Upstream(WbapiCall call, int http_status,
                  const std::string& error_code = "") {
  Metadata metadata = {{"connection", "default"},
                       {"sslstore_endpoint", WbapiPath(call)},
                       {"sslstore_http_status", absl::StrCat(http_status)}};
  if (!error_code.empty()) metadata["sslstore_error_code"] = error_code;
  return metadata;
}

const Metadata kDefaultConnection = {{"connection", "default"}};

// SSL Store rejecting the credentials, as SslStoreClient reports it.
absl::Status AuthenticationError(WbapiCall call) {
  return client::internal::AddCallContext(
      client::internal::MakeError(client::ErrorKind::kAuthentication,
                                  "SSL Store error -1: Invalid AuthToken",
                                  /*transient=*/false, -1),
      WbapiPath(call), 1, 200);
}

// A DV enrollment of www.example.com the catalog accepts.
v1::EnrollRequest ValidEnroll(const std::string& request_id) {
  v1::EnrollRequest request;
  request.set_product_code("positivessl");
  pki::CsrSpec spec;
  spec.subject = {{"CN", "www.example.com"}};
  request.set_csr(pki::MakeCsrPem(pki::SharedEcP256Key(), spec));
  for (const auto& [name, value] : service::enroll::testing::DvParameters()) {
    (*request.mutable_parameters())[name] = value;
  }
  request.set_request_id(request_id);
  return request;
}

class ErrorContractTest : public FakeConnectorTest {
 protected:
  // A second connection, "off", that is disabled.
  void ConfigureServer(service::ServerConfig& config) override {
    service::ConnectionSettings off = FakeConnectionSettings();
    off.name = "off";
    off.enabled = false;
    config.connections["off"] = off;
  }

  template <typename Request, typename Response>
  grpc::Status Call(grpc::Status (FakeConnector::Stub::*method)(
                        grpc::ClientContext*, const Request&, Response*),
                    const std::type_identity_t<Request>& request) {
    Response response;
    return env_->Call(method, request, &response);
  }

  // Runs SyncCertificates to its end and returns the final status.
  grpc::Status Sync(const v1::SyncCertificatesRequest& request) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    auto reader = env_->stub().SyncCertificates(&context, request);
    v1::SyncCertificatesResponse message;
    while (reader->Read(&message)) {
    }
    return reader->Finish();
  }
};

using Stub = FakeConnector::Stub;

TEST_F(ErrorContractTest, Ping) {
  v1::PingRequest request;
  request.mutable_connection()->set_name("nope");
  ExpectError(Call(&Stub::Ping, request), grpc::StatusCode::NOT_FOUND,
              v1::CONNECTION_NOT_FOUND, {{"connection", "nope"}});

  fake().FailNext(WbapiCall::kHealthValidate,
                  AuthenticationError(WbapiCall::kHealthValidate));
  ExpectError(Call(&Stub::Ping, v1::PingRequest()),
              grpc::StatusCode::FAILED_PRECONDITION, v1::UPSTREAM_AUTH_FAILED,
              Upstream(WbapiCall::kHealthValidate, 200, "-1"));

  fake().FailNext(WbapiCall::kHealthValidate,
                  FakeWbapi::Unavailable(WbapiCall::kHealthValidate));
  ExpectError(Call(&Stub::Ping, v1::PingRequest()),
              grpc::StatusCode::UNAVAILABLE, v1::UPSTREAM_UNAVAILABLE,
              Upstream(WbapiCall::kHealthValidate, 503), {kRetryInfo});
}

TEST_F(ErrorContractTest, ValidateConnectionAndLimits) {
  v1::ValidateConnectionRequest request;
  request.mutable_config()->set_partner_code(std::string(16 << 10, 'x'));
  ExpectError(Call(&Stub::ValidateConnection, request),
              grpc::StatusCode::INVALID_ARGUMENT, v1::LIMIT_EXCEEDED, {},
              {kBadRequest});
}

TEST_F(ErrorContractTest, CatalogRpcs) {
  ExpectError(Call(&Stub::GetProduct, v1::GetProductRequest()),
              grpc::StatusCode::INVALID_ARGUMENT, v1::REQUEST_INVALID, {},
              {kBadRequest});
  v1::GetProductRequest unknown;
  unknown.set_product_code("no_such_product");
  ExpectError(Call(&Stub::GetProduct, unknown), grpc::StatusCode::NOT_FOUND,
              v1::PRODUCT_NOT_FOUND, {});
}

TEST_F(ErrorContractTest, AccountRpcs) {
  v1::ListApproverEmailsRequest approvers;
  ExpectError(Call(&Stub::ListApproverEmails, approvers),
              grpc::StatusCode::INVALID_ARGUMENT, v1::REQUEST_INVALID,
              kDefaultConnection, {kBadRequest});

  approvers.set_product_code("positivessl");
  approvers.set_domain("example.com");
  fake().FailNext(WbapiCall::kApproverList,
                  FakeWbapi::BusinessError(WbapiCall::kApproverList,
                                           "Invalid domain", -1004));
  ExpectError(Call(&Stub::ListApproverEmails, approvers),
              grpc::StatusCode::FAILED_PRECONDITION, v1::UPSTREAM_REFUSED,
              Upstream(WbapiCall::kApproverList, 200, "-1004"));

  v1::ListOrganizationsRequest organizations;
  organizations.mutable_connection()->set_name("off");
  ExpectError(Call(&Stub::ListOrganizations, organizations),
              grpc::StatusCode::FAILED_PRECONDITION, v1::CONNECTION_DISABLED,
              {{"connection", "off"}});
}

TEST_F(ErrorContractTest, Enroll) {
  v1::EnrollRequest invalid = ValidEnroll("contract-invalid");
  invalid.clear_csr();
  ExpectError(Call(&Stub::Enroll, invalid), grpc::StatusCode::INVALID_ARGUMENT,
              v1::REQUEST_INVALID, kDefaultConnection, {kBadRequest});

  fake().FailNext(
      WbapiCall::kNewOrder,
      FakeWbapi::BusinessError(WbapiCall::kNewOrder, "Invalid CSR", -1013));
  ExpectError(Call(&Stub::Enroll, ValidEnroll("contract-refused")),
              grpc::StatusCode::FAILED_PRECONDITION, v1::UPSTREAM_REFUSED,
              Upstream(WbapiCall::kNewOrder, 200, "-1013"));

  // The new order times out and the lookup by CustomOrderID fails too.
  fake().FailNext(WbapiCall::kNewOrder,
                  FakeWbapi::Timeout(WbapiCall::kNewOrder));
  fake().FailNext(WbapiCall::kStatus,
                  FakeWbapi::Unavailable(WbapiCall::kStatus), /*times=*/1,
                  /*after=*/1);
  ExpectError(Call(&Stub::Enroll, ValidEnroll("contract-unknown")),
              grpc::StatusCode::UNAVAILABLE, v1::ORDER_OUTCOME_UNKNOWN,
              kDefaultConnection, {kRetryInfo});

  v1::EnrollRequest off = ValidEnroll("contract-off");
  off.mutable_connection()->set_name("off");
  ExpectError(Call(&Stub::Enroll, off), grpc::StatusCode::FAILED_PRECONDITION,
              v1::CONNECTION_DISABLED, {{"connection", "off"}});
}

TEST_F(ErrorContractTest, GetCertificate) {
  v1::GetCertificateRequest request;
  ExpectError(Call(&Stub::GetCertificate, request),
              grpc::StatusCode::INVALID_ARGUMENT, v1::REQUEST_INVALID,
              kDefaultConnection, {kBadRequest});

  request.set_ca_request_id("987654-X");
  ExpectError(Call(&Stub::GetCertificate, request), grpc::StatusCode::NOT_FOUND,
              v1::ORDER_NOT_FOUND, kDefaultConnection);

  const absl::Time start = absl::Now() - absl::Hours(24);
  const std::string order_id = fake().AddIssuedOrder(
      "positivessl", {"g.example.com"}, start, start + absl::Hours(24 * 90));
  request.set_ca_request_id(CaRequestIdOf(order_id));
  fake().FailNext(WbapiCall::kDownload,
                  FakeWbapi::Unavailable(WbapiCall::kDownload));
  ExpectError(Call(&Stub::GetCertificate, request),
              grpc::StatusCode::UNAVAILABLE, v1::UPSTREAM_UNAVAILABLE,
              Upstream(WbapiCall::kDownload, 503), {kRetryInfo});
  // An answer the client cannot read (here: HTTP 200 with a broken body).
  fake().FailNext(
      WbapiCall::kStatus,
      client::internal::AddCallContext(
          client::internal::MakeError(client::ErrorKind::kBadResponse,
                                      "malformed JSON in the response body"),
          WbapiPath(WbapiCall::kStatus), 1, 200));
  ExpectError(Call(&Stub::GetCertificate, request),
              grpc::StatusCode::UNAVAILABLE, v1::UPSTREAM_MALFORMED,
              Upstream(WbapiCall::kStatus, 200));
  // The WBAPI call's total time, retries included, ran out.
  fake().FailNext(
      WbapiCall::kStatus,
      client::internal::AddCallContext(
          client::internal::MakeError(client::ErrorKind::kDeadline,
                                      "the call's total timeout ran out"),
          WbapiPath(WbapiCall::kStatus), 6, 0));
  ExpectError(Call(&Stub::GetCertificate, request),
              grpc::StatusCode::DEADLINE_EXCEEDED, v1::DEADLINE_EXCEEDED,
              {{"connection", "default"},
               {"sslstore_endpoint", WbapiPath(WbapiCall::kStatus)}});
  // A downloaded certificate that cannot be read.
  ASSERT_TRUE(fake().SetLeafPem(
      order_id,
      "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n"
      "-----END CERTIFICATE-----\n"));
  ExpectError(Call(&Stub::GetCertificate, request), grpc::StatusCode::DATA_LOSS,
              v1::UPSTREAM_MALFORMED, kDefaultConnection);
}

TEST_F(ErrorContractTest, RevokeCertificate) {
  const absl::Time start = absl::Now() - absl::Hours(24);
  const std::string id = CaRequestIdOf(fake().AddIssuedOrder(
      "positivessl", {"r.example.com"}, start, start + absl::Hours(24 * 90)));
  v1::RevokeCertificateRequest request;
  request.set_ca_request_id(id);
  request.set_reason(static_cast<v1::RevocationReason>(7));
  ExpectError(Call(&Stub::RevokeCertificate, request),
              grpc::StatusCode::INVALID_ARGUMENT, v1::REQUEST_INVALID,
              kDefaultConnection, {kBadRequest});

  // A refusal fails the call, for either method, as a refused Enroll does.
  request.set_reason(v1::REVOCATION_REASON_UNSPECIFIED);
  fake().FailNext(WbapiCall::kRequestRefund,
                  FakeWbapi::BusinessError(WbapiCall::kRequestRefund,
                                           "Refund window has passed"));
  ExpectError(Call(&Stub::RevokeCertificate, request),
              grpc::StatusCode::FAILED_PRECONDITION, v1::UPSTREAM_REFUSED,
              Upstream(WbapiCall::kRequestRefund, 200, "-1006"));

  request.set_method(v1::REVOCATION_METHOD_REVOKE_REQUEST);
  fake().FailNext(WbapiCall::kRevokeCertificate,
                  FakeWbapi::BusinessError(WbapiCall::kRevokeCertificate,
                                           "Certificate already revoked"));
  ExpectError(Call(&Stub::RevokeCertificate, request),
              grpc::StatusCode::FAILED_PRECONDITION, v1::UPSTREAM_REFUSED,
              Upstream(WbapiCall::kRevokeCertificate, 200, "-1006"));
  EXPECT_EQ(fake().calls(WbapiCall::kRequestRefund), 1);
  EXPECT_EQ(fake().calls(WbapiCall::kRevokeCertificate), 1);
}

TEST_F(ErrorContractTest, SyncCertificates) {
  v1::SyncCertificatesRequest unknown;
  unknown.mutable_connection()->set_name("nope");
  ExpectError(Sync(unknown), grpc::StatusCode::NOT_FOUND,
              v1::CONNECTION_NOT_FOUND, {{"connection", "nope"}});

  v1::SyncCertificatesRequest bad_token;
  bad_token.set_resume_token("not-a-token");
  ExpectError(Sync(bad_token), grpc::StatusCode::INVALID_ARGUMENT,
              v1::REQUEST_INVALID, kDefaultConnection, {kBadRequest});

  fake().FailNext(WbapiCall::kQuery, FakeWbapi::Unavailable(WbapiCall::kQuery));
  ExpectError(Sync(v1::SyncCertificatesRequest()),
              grpc::StatusCode::UNAVAILABLE, v1::UPSTREAM_UNAVAILABLE,
              Upstream(WbapiCall::kQuery, 503), {kResumeInfo, kRetryInfo});

  fake().FailNext(WbapiCall::kQuery, AuthenticationError(WbapiCall::kQuery));
  ExpectError(Sync(v1::SyncCertificatesRequest()),
              grpc::StatusCode::FAILED_PRECONDITION, v1::UPSTREAM_AUTH_FAILED,
              Upstream(WbapiCall::kQuery, 200, "-1"), {kResumeInfo});
}

// One worker and room for one waiting call: a third call is refused.
class BusyContractTest : public ErrorContractTest {
 protected:
  void ConfigureServer(service::ServerConfig& config) override {
    ErrorContractTest::ConfigureServer(config);
    config.worker_threads = 1;
    config.limits.max_queued_calls = 1;
  }
};

TEST_F(BusyContractTest, CallsBeyondTheQueueAreConnectorBusy) {
  // Each Ping holds the one worker until cancelled; of three, one runs, at
  // most one waits, and at least one is refused at once.
  fake().Hold(WbapiCall::kHealthValidate, true);
  constexpr int kCalls = 3;
  std::array<grpc::ClientContext, kCalls> contexts;
  std::array<v1::PingResponse, kCalls> responses;
  std::array<std::optional<grpc::Status>, kCalls> statuses;
  absl::Mutex mutex;
  int finished = 0;
  const v1::PingRequest request;
  for (int i = 0; i < kCalls; ++i) {
    env_->stub().async()->Ping(&contexts[i], &request, &responses[i],
                               [&, i](grpc::Status status) {
                                 absl::MutexLock lock(&mutex);
                                 statuses[i] = std::move(status);
                                 ++finished;
                               });
  }
  {
    absl::MutexLock lock(&mutex);
    mutex.Await(absl::Condition(
        +[](int* count) { return *count >= 1; }, &finished));
  }
  for (grpc::ClientContext& context : contexts) context.TryCancel();
  absl::MutexLock lock(&mutex);
  mutex.Await(absl::Condition(
      +[](int* count) { return *count == kCalls; }, &finished));
  int busy = 0;
  for (const std::optional<grpc::Status>& status : statuses) {
    if (status->error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED) {
      EXPECT_EQ(status->error_code(), grpc::StatusCode::CANCELLED);
      continue;
    }
    ++busy;
    ExpectError(*status, grpc::StatusCode::RESOURCE_EXHAUSTED,
                v1::CONNECTOR_BUSY, {}, {kRetryInfo});
  }
  EXPECT_GE(busy, 1);
  EXPECT_LE(fake().calls(WbapiCall::kHealthValidate), kCalls - busy);
}

// Every RPC with a bearer token required and none sent.
class CallerAuthContractTest : public ErrorContractTest {
 protected:
  void ConfigureServer(service::ServerConfig& config) override {
    ErrorContractTest::ConfigureServer(config);
    config.caller_auth.bearer_tokens.push_back(
        service::Secret("contract-token-3b1c"));
  }
};

TEST_F(CallerAuthContractTest, EveryRpcWithoutTokenIsUnauthenticated) {
  const auto expect = [](const grpc::Status& status) {
    ExpectError(status, grpc::StatusCode::UNAUTHENTICATED,
                v1::CALLER_UNAUTHENTICATED, {});
    EXPECT_THAT(status.error_details(),
                ::testing::Not(::testing::HasSubstr("contract-token-3b1c")));
  };
  expect(Call(&Stub::Ping, v1::PingRequest()));
  expect(Call(&Stub::ValidateConnection, v1::ValidateConnectionRequest()));
  expect(Call(&Stub::ListProducts, v1::ListProductsRequest()));
  expect(Call(&Stub::GetProduct, v1::GetProductRequest()));
  expect(Call(&Stub::ValidateProduct, v1::ValidateProductRequest()));
  expect(Call(&Stub::GetConnectorAnnotations,
              v1::GetConnectorAnnotationsRequest()));
  expect(Call(&Stub::GetTemplateParameterAnnotations,
              v1::GetTemplateParameterAnnotationsRequest()));
  expect(Call(&Stub::ListApproverEmails, v1::ListApproverEmailsRequest()));
  expect(Call(&Stub::ListOrganizations, v1::ListOrganizationsRequest()));
  expect(Call(&Stub::Enroll, v1::EnrollRequest()));
  expect(Call(&Stub::GetCertificate, v1::GetCertificateRequest()));
  expect(Call(&Stub::RevokeCertificate, v1::RevokeCertificateRequest()));
  expect(Sync(v1::SyncCertificatesRequest()));
}

}  // namespace
}  // namespace sslstore::testing
