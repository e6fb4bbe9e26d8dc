#include "service/grpc_status.h"

#include "absl/strings/str_cat.h"
#include "google/rpc/code.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace sslstore::service {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // absl::StatusCode and grpc::StatusCode share their numbering (both follow
  // google.rpc.Code).
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
}

std::string DescribeViolations(
    const std::vector<catalog::FieldViolation>& violations) {
  std::string text;
  for (const catalog::FieldViolation& violation : violations) {
    absl::StrAppend(&text, text.empty() ? "" : "; ", violation.field, ": ",
                    violation.description);
  }
  return text;
}

grpc::Status InvalidArgumentWithViolations(
    absl::string_view summary,
    const std::vector<catalog::FieldViolation>& violations) {
  google::rpc::BadRequest bad_request;
  for (const catalog::FieldViolation& violation : violations) {
    google::rpc::BadRequest::FieldViolation* entry =
        bad_request.add_field_violations();
    entry->set_field(violation.field);
    entry->set_description(violation.description);
  }
  const std::string message =
      absl::StrCat(summary, ": ", DescribeViolations(violations));
  google::rpc::Status rich_status;
  rich_status.set_code(google::rpc::INVALID_ARGUMENT);
  rich_status.set_message(message);
  rich_status.add_details()->PackFrom(bad_request);
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, message,
                      rich_status.SerializeAsString());
}

}  // namespace sslstore::service
