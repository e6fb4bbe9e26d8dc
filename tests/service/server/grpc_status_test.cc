// service/server/grpc_status: internal and SSL Store client errors as the
// gRPC codes, messages and BadRequest details callers see.
#include "service/server/grpc_status.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "service/server/error_reason.h"
#include "sslstore_client/errors.h"

namespace sslstore::service {
namespace {

using client::ErrorKind;

std::vector<catalog::FieldViolation> TwoViolations() {
  return {{"Admin Contact - Email", "is not an email address"},
          {"sans[2]", "is not a domain name"}};
}

TEST(GrpcStatusTest, DescribeViolationsJoinsFieldAndDescription) {
  EXPECT_EQ(DescribeViolations(TwoViolations()),
            "Admin Contact - Email: is not an email address; sans[2]: is not "
            "a domain name");
  EXPECT_EQ(DescribeViolations({}), "");
}

TEST(GrpcStatusTest, InvalidArgumentStatusListsEveryViolation) {
  const absl::Status status =
      InvalidArgumentStatus("the request is invalid", TwoViolations());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "the request is invalid: Admin Contact - Email: is not an email "
            "address; sans[2]: is not a domain name");
}

TEST(GrpcStatusTest, OkStaysOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

TEST(GrpcStatusTest, PlainStatusKeepsCodeAndMessageWithAnErrorInfo) {
  const grpc::Status status = ToGrpcStatus(
      WithReason(absl::NotFoundError("no order 123 on this connection"),
                 sslstore::connector::v1::ORDER_NOT_FOUND));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "no order 123 on this connection");
  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(status.error_details()));
  ASSERT_EQ(rich.details_size(), 1);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(rich.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "ORDER_NOT_FOUND");
  EXPECT_EQ(info.domain(), "sslstore-connector.v1");
  EXPECT_TRUE(info.metadata().empty());

  EXPECT_EQ(ToGrpcStatus(absl::ResourceExhaustedError("busy")).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

// The ErrorInfo reason `status` is sent with.
std::string ReasonOf(const grpc::Status& status) {
  google::rpc::Status rich;
  google::rpc::ErrorInfo info;
  if (!rich.ParseFromString(status.error_details()) ||
      rich.details_size() < 1 || !rich.details(0).UnpackTo(&info)) {
    return "no ErrorInfo";
  }
  return info.reason();
}

TEST(GrpcStatusTest, UntaggedStatusesGetTheReasonOfTheirCode) {
  EXPECT_EQ(ReasonOf(ToGrpcStatus(absl::DeadlineExceededError("late"))),
            "DEADLINE_EXCEEDED");
  EXPECT_EQ(ReasonOf(ToGrpcStatus(absl::CancelledError("gone"))), "CANCELLED");
  EXPECT_EQ(ReasonOf(ToGrpcStatus(absl::InternalError("bug"))), "INTERNAL");
  EXPECT_EQ(ReasonOf(ToGrpcStatus(absl::UnknownError("?"))), "INTERNAL");
  EXPECT_EQ(ReasonOf(ToGrpcStatus(absl::DataLossError("bad PEM"))),
            "UPSTREAM_MALFORMED");
  EXPECT_EQ(ReasonOf(ToGrpcStatus(absl::ResourceExhaustedError("too many"))),
            "LIMIT_EXCEEDED");
  EXPECT_EQ(ReasonOf(ToGrpcStatus(client::internal::MakeError(
                ErrorKind::kCancelled, "the call was cancelled"))),
            "CANCELLED");
}

TEST(GrpcStatusTest, ViolationsBecomeABadRequestDetail) {
  const grpc::Status status =
      InvalidArgumentWithViolations("the request is invalid", TwoViolations());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "the request is invalid: Admin Contact - Email: is not an email "
            "address; sans[2]: is not a domain name");

  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(status.error_details()));
  EXPECT_EQ(rich.code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(rich.message(), status.error_message());
  ASSERT_EQ(rich.details_size(), 2);  // the ErrorInfo, then the BadRequest
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(rich.details(1).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  EXPECT_EQ(bad_request.field_violations(0).field(), "Admin Contact - Email");
  EXPECT_EQ(bad_request.field_violations(0).description(),
            "is not an email address");
  EXPECT_EQ(bad_request.field_violations(1).field(), "sans[2]");
  EXPECT_EQ(bad_request.field_violations(1).description(),
            "is not a domain name");
}

TEST(GrpcStatusTest, UpstreamCredentialRejectionIsFailedPrecondition) {
  const absl::Status error = client::internal::AddCallContext(
      client::internal::MakeError(ErrorKind::kAuthentication,
                                  "SSL Store rejected the credentials", false,
                                  -1),
      "/rest/order/status", 1, 200);
  ASSERT_EQ(error.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(CallerFacingCode(error), absl::StatusCode::kFailedPrecondition);
  const grpc::Status status = ToGrpcStatus(error);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(), std::string(error.message()));
}

TEST(GrpcStatusTest, TransportTlsAndBadResponsesAreUnavailable) {
  for (ErrorKind kind :
       {ErrorKind::kTransport, ErrorKind::kTls, ErrorKind::kBadResponse}) {
    const absl::Status error =
        client::internal::MakeError(kind, "upstream trouble", true);
    EXPECT_EQ(CallerFacingCode(error), absl::StatusCode::kUnavailable)
        << client::ErrorKindName(kind);
    EXPECT_EQ(ToGrpcStatus(error).error_code(), grpc::StatusCode::UNAVAILABLE)
        << client::ErrorKindName(kind);
  }
}

TEST(GrpcStatusTest, OtherClientErrorsKeepTheirCode) {
  const absl::Status business = client::internal::MakeError(
      ErrorKind::kBusiness, "SSL Store error -1006: Order not found", false,
      -1006);
  EXPECT_EQ(CallerFacingCode(business), business.code());
  EXPECT_EQ(ToGrpcStatus(business).error_code(),
            static_cast<grpc::StatusCode>(business.code()));

  const absl::Status deadline =
      client::internal::MakeError(ErrorKind::kDeadline, "out of time");
  EXPECT_EQ(CallerFacingCode(deadline), absl::StatusCode::kDeadlineExceeded);
  const absl::Status cancelled =
      client::internal::MakeError(ErrorKind::kCancelled, "cancelled");
  EXPECT_EQ(CallerFacingCode(cancelled), absl::StatusCode::kCancelled);
}

TEST(GrpcStatusTest, UpstreamFactsBecomeTheErrorInfoMetadata) {
  const absl::Status refused = client::internal::AddCallContext(
      client::internal::MakeError(ErrorKind::kBusiness,
                                  "SSL Store error -1006: Order not found",
                                  false, -1006),
      "/rest/order/status", 1, 200);
  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(
      ToGrpcStatus(WithConnection(refused, "default")).error_details()));
  ASSERT_EQ(rich.details_size(), 1);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(rich.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "UPSTREAM_REFUSED");
  EXPECT_EQ(info.metadata().at("connection"), "default");
  EXPECT_EQ(info.metadata().at("sslstore_endpoint"), "/rest/order/status");
  EXPECT_EQ(info.metadata().at("sslstore_error_code"), "-1006");
  EXPECT_EQ(info.metadata().at("sslstore_http_status"), "200");

  // A transient failure says how long to wait.
  ASSERT_TRUE(rich.ParseFromString(
      ToGrpcStatus(
          client::internal::MakeError(ErrorKind::kTransport, "HTTP 503", true))
          .error_details()));
  ASSERT_EQ(rich.details_size(), 2);
  ASSERT_TRUE(rich.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "UPSTREAM_UNAVAILABLE");
  google::rpc::RetryInfo retry;
  ASSERT_TRUE(rich.details(1).UnpackTo(&retry));
  EXPECT_GT(retry.retry_delay().seconds(), 0);
}

TEST(GrpcStatusTest, NonClientUnauthenticatedIsKept) {
  // Only SSL Store's rejection is rewritten; the caller's own stays.
  EXPECT_EQ(CallerFacingCode(absl::UnauthenticatedError("no token")),
            absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace sslstore::service
