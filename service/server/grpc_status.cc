#include "service/server/grpc_status.h"

#include <optional>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/types/optional.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "sslstore_client/errors.h"

namespace sslstore::service {
namespace {

constexpr char kBadRequestTypeUrl[] =
    "type.googleapis.com/google.rpc.BadRequest";

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
  // absl::StatusCode and grpc::StatusCode share google.rpc.Code's numbers.
  const auto code = static_cast<grpc::StatusCode>(CallerFacingCode(status));
  const std::string message(status.message());
  absl::optional<absl::Cord> bad_request =
      status.GetPayload(kBadRequestTypeUrl);
  if (!bad_request.has_value()) return grpc::Status(code, message);
  google::rpc::Status rich_status;
  rich_status.set_code(static_cast<int>(code));
  rich_status.set_message(message);
  google::protobuf::Any* detail = rich_status.add_details();
  detail->set_type_url(kBadRequestTypeUrl);
  detail->set_value(std::string(*bad_request));
  return grpc::Status(code, message, rich_status.SerializeAsString());
}

grpc::Status InvalidArgumentWithViolations(
    absl::string_view summary,
    const std::vector<catalog::FieldViolation>& violations) {
  return ToGrpcStatus(InvalidArgumentStatus(summary, violations));
}

}  // namespace sslstore::service
