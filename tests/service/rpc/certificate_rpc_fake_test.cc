// GetCertificate and RevokeCertificate through the real server on
// 127.0.0.1:0 with the in-memory FakeWbapi: the record of an issued or a
// pending order, and how malformed ids, unknown orders or connections,
// SSL Store refusals and upstream failures reach the caller.
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"
#include "tests/fakes/fake_connector.h"
#include "tests/fakes/fake_connector_test_fixture.h"
#include "tests/fakes/fake_wbapi.h"

namespace sslstore::testing {
namespace {

namespace v1 = sslstore::connector::v1;
using ::testing::Contains;
using ::testing::HasSubstr;

class CertificateRpcFakeTest : public FakeConnectorTest {
 protected:
  grpc::Status Get(const std::string& ca_request_id,
                   v1::GetCertificateResponse* response,
                   const std::string& connection = "") {
    v1::GetCertificateRequest request;
    request.set_ca_request_id(ca_request_id);
    if (!connection.empty()) request.mutable_connection()->set_name(connection);
    return env_->Call(&FakeConnector::Stub::GetCertificate, request, response);
  }

  grpc::Status Revoke(const v1::RevokeCertificateRequest& request,
                      v1::RevokeCertificateResponse* response) {
    return env_->Call(&FakeConnector::Stub::RevokeCertificate, request,
                      response);
  }
};

TEST_F(CertificateRpcFakeTest, IssuedOrderHasItsCertificateAndChain) {
  const absl::Time start =
      absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()) - 10 * 24 * 3600);
  const absl::Time end = start + absl::Hours(24 * 365);
  const std::string id = fake().AddIssuedOrder(
      "positivessl", {"www.example.com", "example.com"}, start, end);
  const std::string ca_request_id = CaRequestIdOf(id);

  v1::GetCertificateResponse response;
  const grpc::Status status = Get(ca_request_id, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::CertificateRecord& record = response.record();
  EXPECT_EQ(record.ca_request_id(), ca_request_id);
  EXPECT_EQ(record.sslstore_order_id(), std::stoll(id));
  EXPECT_EQ(record.product_code(), "positivessl");
  EXPECT_EQ(record.status(), v1::CERTIFICATE_STATUS_ISSUED);
  EXPECT_EQ(record.purchase_date().seconds(), absl::ToUnixSeconds(start));
  EXPECT_EQ(record.order_expiry().seconds(), absl::ToUnixSeconds(end));
  EXPECT_FALSE(record.certificate_der().empty());
  EXPECT_THAT(record.certificate_pem(), HasSubstr("BEGIN CERTIFICATE"));
  EXPECT_FALSE(record.serial_number().empty());
  EXPECT_EQ(record.common_name(), "www.example.com");
  EXPECT_THAT(record.sans(), Contains("www.example.com"));
  EXPECT_THAT(record.sans(), Contains("example.com"));
  EXPECT_GT(record.not_after().seconds(), record.not_before().seconds());
  ASSERT_GE(record.chain_size(), 1);
  // The first chain entry issued the leaf.
  EXPECT_EQ(record.chain(0).subject(), record.issuer());
  EXPECT_EQ(fake().calls(WbapiCall::kDownload), 1);
}

TEST_F(CertificateRpcFakeTest, PendingOrderHasNoCertificateAndNoDownload) {
  const std::string id = fake().AddPendingOrder("positivessl", "p.example.com");
  v1::GetCertificateResponse response;
  const grpc::Status status = Get(CaRequestIdOf(id), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.record().status(),
            v1::CERTIFICATE_STATUS_PENDING_VALIDATION);
  EXPECT_EQ(response.record().sslstore_order_id(), std::stoll(id));
  EXPECT_TRUE(response.record().certificate_der().empty());
  EXPECT_EQ(response.record().chain_size(), 0);
  EXPECT_EQ(fake().calls(WbapiCall::kDownload), 0);
}

TEST_F(CertificateRpcFakeTest, MalformedIdIsInvalidArgumentWithoutUpstream) {
  v1::GetCertificateResponse response;
  grpc::Status status = Get("", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("ca_request_id"));
  status = Get("12 34", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("ca_request_id"));
  EXPECT_EQ(fake().calls(WbapiCall::kStatus), 0);
}

TEST_F(CertificateRpcFakeTest, UnknownOrderIsNotFoundNamingTheId) {
  v1::GetCertificateResponse response;
  const grpc::Status status = Get("987654-P987654", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("ca_request_id"));
  EXPECT_THAT(status.error_message(), HasSubstr("987654-P987654"));
}

TEST_F(CertificateRpcFakeTest, UnknownConnectionIsNotFound) {
  const std::string id = fake().AddPendingOrder("positivessl", "c.example.com");
  v1::GetCertificateResponse response;
  const grpc::Status status = Get(CaRequestIdOf(id), &response, "nope");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("connection.name"));
  EXPECT_THAT(status.error_message(), HasSubstr("nope"));
  EXPECT_EQ(fake().calls(WbapiCall::kStatus), 0);
}

TEST_F(CertificateRpcFakeTest, UpstreamOutageIsUnavailable) {
  const std::string id = fake().AddPendingOrder("positivessl", "u.example.com");
  fake().FailNext(WbapiCall::kStatus,
                  FakeWbapi::Unavailable(WbapiCall::kStatus));
  v1::GetCertificateResponse response;
  const grpc::Status status = Get(CaRequestIdOf(id), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(status.error_message(), HasSubstr("503"));
}

TEST_F(CertificateRpcFakeTest, DownloadFailureFailsTheCall) {
  const absl::Time start = absl::Now() - absl::Hours(24);
  const std::string id = fake().AddIssuedOrder(
      "positivessl", {"d.example.com"}, start, start + absl::Hours(24 * 90));
  fake().FailNext(WbapiCall::kDownload,
                  FakeWbapi::Unavailable(WbapiCall::kDownload));
  v1::GetCertificateResponse response;
  const grpc::Status status = Get(CaRequestIdOf(id), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(fake().calls(WbapiCall::kDownload), 1);
}

TEST_F(CertificateRpcFakeTest, RevokeWithAnInvalidReasonIsRejectedUpFront) {
  const std::string id = fake().AddPendingOrder("positivessl", "r.example.com");
  v1::RevokeCertificateRequest request;
  request.set_ca_request_id(CaRequestIdOf(id));
  request.set_reason(static_cast<v1::RevocationReason>(999));
  v1::RevokeCertificateResponse response;
  const grpc::Status status = Revoke(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("reason"));
  EXPECT_EQ(fake().calls(WbapiCall::kStatus), 0);
  EXPECT_EQ(fake().calls(WbapiCall::kRequestRefund), 0);
}

TEST_F(CertificateRpcFakeTest, RevokeOfAnUnknownOrderIsNotFound) {
  v1::RevokeCertificateRequest request;
  request.set_ca_request_id("555444-X");
  v1::RevokeCertificateResponse response;
  const grpc::Status status = Revoke(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("555444-X"));
  EXPECT_EQ(fake().calls(WbapiCall::kRequestRefund), 0);
}

TEST_F(CertificateRpcFakeTest, RefusedRefundFailsTheCallAsARefusedEnrollDoes) {
  const absl::Time start = absl::Now() - absl::Hours(24);
  const std::string id = fake().AddIssuedOrder(
      "positivessl", {"f.example.com"}, start, start + absl::Hours(24 * 90));
  fake().FailNext(WbapiCall::kRequestRefund,
                  FakeWbapi::BusinessError(WbapiCall::kRequestRefund,
                                           "Refund window has passed"));
  v1::RevokeCertificateRequest request;
  request.set_ca_request_id(CaRequestIdOf(id));
  v1::RevokeCertificateResponse response;
  const grpc::Status status = Revoke(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("Refund window has passed"));
  EXPECT_EQ(fake().calls(WbapiCall::kRequestRefund), 1);
}

TEST_F(CertificateRpcFakeTest, RefundOutageIsUnavailable) {
  const absl::Time start = absl::Now() - absl::Hours(24);
  const std::string id = fake().AddIssuedOrder(
      "positivessl", {"o.example.com"}, start, start + absl::Hours(24 * 90));
  fake().FailNext(WbapiCall::kRequestRefund,
                  FakeWbapi::Unavailable(WbapiCall::kRequestRefund));
  v1::RevokeCertificateRequest request;
  request.set_ca_request_id(CaRequestIdOf(id));
  v1::RevokeCertificateResponse response;
  const grpc::Status status = Revoke(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace sslstore::testing
