#include "service/server/grpc_status.h"

#include <optional>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "service/server/error_reason.h"
#include "sslstore/connector/v1/errors.pb.h"
#include "sslstore_client/errors.h"

namespace sslstore::service {
namespace {

namespace v1 = sslstore::connector::v1;

constexpr absl::string_view kDetailUrlPrefix = "type.googleapis.com/";
constexpr char kBadRequestTypeUrl[] =
    "type.googleapis.com/google.rpc.BadRequest";

// The reason of an error nobody tagged: from the SSL Store client's facts
// when it made the error, else from the caller-facing code.
v1::ErrorReason DerivedReason(
    absl::StatusCode code, const std::optional<client::ErrorInfo>& upstream) {
  if (upstream.has_value()) {
    switch (upstream->kind) {
      case client::ErrorKind::kAuthentication:
        return v1::UPSTREAM_AUTH_FAILED;
      case client::ErrorKind::kBusiness:
        return code == absl::StatusCode::kUnavailable ? v1::UPSTREAM_UNAVAILABLE
                                                      : v1::UPSTREAM_REFUSED;
      case client::ErrorKind::kBadResponse:
        return v1::UPSTREAM_MALFORMED;
      case client::ErrorKind::kTransport:
      case client::ErrorKind::kTls:
        return v1::UPSTREAM_UNAVAILABLE;
      case client::ErrorKind::kDeadline:
        return code == absl::StatusCode::kDeadlineExceeded
                   ? v1::DEADLINE_EXCEEDED
                   : v1::UPSTREAM_UNAVAILABLE;
      case client::ErrorKind::kCancelled:
        return v1::CANCELLED;
    }
  }
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
      return v1::REQUEST_INVALID;
    case absl::StatusCode::kUnauthenticated:
      return v1::CALLER_UNAUTHENTICATED;
    case absl::StatusCode::kResourceExhausted:
      return v1::LIMIT_EXCEEDED;
    case absl::StatusCode::kDeadlineExceeded:
      return v1::DEADLINE_EXCEEDED;
    case absl::StatusCode::kCancelled:
      return v1::CANCELLED;
    case absl::StatusCode::kDataLoss:
      return v1::UPSTREAM_MALFORMED;
    case absl::StatusCode::kUnavailable:
      return v1::UPSTREAM_UNAVAILABLE;
    default:
      return v1::INTERNAL;
  }
}

// How long a caller should wait before retrying after `reason`; zero when
// waiting does not help (no RetryInfo is sent).
absl::Duration RetryDelayFor(absl::string_view reason) {
  if (reason == v1::ErrorReason_Name(v1::CONNECTOR_BUSY)) {
    return absl::Seconds(1);
  }
  if (reason == v1::ErrorReason_Name(v1::UPSTREAM_UNAVAILABLE) ||
      reason == v1::ErrorReason_Name(v1::ORDER_OUTCOME_UNKNOWN) ||
      reason == v1::ErrorReason_Name(v1::CONNECTOR_SHUTTING_DOWN)) {
    return absl::Seconds(5);
  }
  return absl::ZeroDuration();
}

// The complete ErrorInfo of `status` as sent with `code`.
google::rpc::ErrorInfo CompleteErrorInfo(const absl::Status& status,
                                         absl::StatusCode code) {
  google::rpc::ErrorInfo info = TaggedErrorInfo(status);
  const std::optional<client::ErrorInfo> upstream =
      client::GetErrorInfo(status);
  if (info.reason().empty()) {
    info.set_reason(v1::ErrorReason_Name(DerivedReason(code, upstream)));
  }
  info.set_domain(kErrorDomain);
  if (upstream.has_value()) {
    auto& metadata = *info.mutable_metadata();
    if (!upstream->endpoint.empty()) {
      metadata[kSslStoreEndpointMetadataKey] = upstream->endpoint;
    }
    if (upstream->business_code.has_value()) {
      metadata[kSslStoreErrorCodeMetadataKey] =
          absl::StrCat(*upstream->business_code);
    }
    if (upstream->http_status != 0) {
      metadata[kSslStoreHttpStatusMetadataKey] =
          absl::StrCat(upstream->http_status);
    }
  }
  return info;
}

}  // namespace

std::string DescribeViolations(
    const std::vector<catalog::FieldViolation>& violations) {
  std::string text;
  for (const catalog::FieldViolation& violation : violations) {
    absl::StrAppend(&text, text.empty() ? "" : "; ", violation.field, ": ",
                    violation.description);
  }
  return text;
}

absl::Status InvalidArgumentStatus(
    absl::string_view summary,
    const std::vector<catalog::FieldViolation>& violations) {
  google::rpc::BadRequest bad_request;
  for (const catalog::FieldViolation& violation : violations) {
    google::rpc::BadRequest::FieldViolation* entry =
        bad_request.add_field_violations();
    entry->set_field(violation.field);
    entry->set_description(violation.description);
  }
  absl::Status status = absl::InvalidArgumentError(
      absl::StrCat(summary, ": ", DescribeViolations(violations)));
  status.SetPayload(kBadRequestTypeUrl,
                    absl::Cord(bad_request.SerializeAsString()));
  return status;
}

absl::StatusCode CallerFacingCode(const absl::Status& status) {
  const std::optional<client::ErrorInfo> upstream =
      client::GetErrorInfo(status);
  if (!upstream.has_value()) return status.code();
  switch (upstream->kind) {
    case client::ErrorKind::kAuthentication:
      // UNAUTHENTICATED would blame the caller's own credentials.
      return absl::StatusCode::kFailedPrecondition;
    case client::ErrorKind::kBadResponse:
    case client::ErrorKind::kTls:
    case client::ErrorKind::kTransport:
      return absl::StatusCode::kUnavailable;
    default:
      return status.code();
  }
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const absl::StatusCode caller_code = CallerFacingCode(status);
  // absl::StatusCode and grpc::StatusCode share google.rpc.Code's numbers.
  const auto code = static_cast<grpc::StatusCode>(caller_code);
  const std::string message(status.message());
  google::rpc::Status rich_status;
  rich_status.set_code(static_cast<int>(code));
  rich_status.set_message(message);
  const google::rpc::ErrorInfo info = CompleteErrorInfo(status, caller_code);
  rich_status.add_details()->PackFrom(info);
  // Details attached on the way (BadRequest, SyncResumeInfo, ...).
  status.ForEachPayload(
      [&rich_status](absl::string_view url, const absl::Cord& payload) {
        if (!absl::StartsWith(url, kDetailUrlPrefix)) return;
        google::protobuf::Any* detail = rich_status.add_details();
        detail->set_type_url(std::string(url));
        detail->set_value(std::string(payload));
      });
  const absl::Duration delay = RetryDelayFor(info.reason());
  if (delay > absl::ZeroDuration()) {
    google::rpc::RetryInfo retry;
    retry.mutable_retry_delay()->set_seconds(absl::ToInt64Seconds(delay));
    rich_status.add_details()->PackFrom(retry);
  }
  return grpc::Status(code, message, rich_status.SerializeAsString());
}

grpc::Status InvalidArgumentWithViolations(
    absl::string_view summary,
    const std::vector<catalog::FieldViolation>& violations) {
  return ToGrpcStatus(InvalidArgumentStatus(summary, violations));
}

}  // namespace sslstore::service
