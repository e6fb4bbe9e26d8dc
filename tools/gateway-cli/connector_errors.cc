#include "tools/gateway-cli/connector_errors.h"

#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "sslstore_client/redact.h"

namespace sslstore::gateway::cli {
namespace {

constexpr char kBadRequestTypeUrl[] =
    "type.googleapis.com/google.rpc.BadRequest";
constexpr char kErrorInfoTypeUrl[] = "type.googleapis.com/google.rpc.ErrorInfo";

// True when gRPC could not open a connection at all.
bool IsConnectFailure(absl::string_view message) {
  return absl::StrContains(message, "failed to connect") ||
         absl::StrContains(message, "Failed to connect") ||
         absl::StrContains(message, "Connection refused") ||
         absl::StrContains(message, "DNS resolution failed") ||
         absl::StrContains(message, "Socket closed") ||
         absl::StrContains(message, "Handshake failed") ||
         absl::StrContains(message, "Connection reset");
}

// The message of a failed call, before scrubbing.
std::string ErrorText(const grpc::Status& status, absl::string_view call,
                      absl::string_view address,
                      const std::vector<Violation>& violations) {
  const std::string& message = status.error_message();
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
      if (IsConnectFailure(message)) {
        return absl::StrCat(call, ": cannot reach the SSL Store connector at ",
                            address, " (", message, ")");
      }
      return absl::StrCat(call, ": unavailable: ", message);
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return absl::StrCat(call, ": no answer from the SSL Store connector at ",
                          address, " before the deadline (", message, ")");
    case grpc::StatusCode::UNAUTHENTICATED:
      return absl::StrCat(call, ": the SSL Store connector at ", address,
                          " refused this client's credentials (check ",
                          kTokenFileFlag, "): ", message);
    case grpc::StatusCode::PERMISSION_DENIED:
      return absl::StrCat(call, ": the SSL Store connector at ", address,
                          " denied the call: ", message);
    default:
      break;
  }
  if (violations.empty()) return absl::StrCat(call, ": ", message);
  std::string text = absl::StrCat(call, ": the request is invalid:");
  for (const Violation& violation : violations) {
    absl::StrAppend(&text, "\n  ", violation.field, ": ",
                    violation.description);
  }
  return text;
}

}  // namespace

std::string AnnotationNameForField(const std::string& field) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"sslstore_url", "SSLStoreURL"}, {"partner_code", "PartnerCode"},
      {"auth_token", "AuthToken"},     {"page_size", "PageSize"},
      {"enabled", "Enabled"},          {"renewal_window_days", "RenewalWindow"},
  };
  absl::string_view bare = field;
  absl::ConsumePrefix(&bare, "connection.inline.");
  absl::ConsumePrefix(&bare, "config.");
  for (const auto& [proto_name, annotation_name] : kNames) {
    if (bare == proto_name) return annotation_name;
  }
  return field;
}

std::vector<Violation> ViolationsOf(const grpc::Status& status) {
  std::vector<Violation> violations;
  google::rpc::Status rich;
  if (status.error_details().empty() ||
      !rich.ParseFromString(status.error_details())) {
    return violations;
  }
  for (const google::protobuf::Any& detail : rich.details()) {
    google::rpc::BadRequest bad_request;
    if (!detail.UnpackTo(&bad_request)) continue;
    for (const auto& violation : bad_request.field_violations()) {
      violations.push_back(
          {AnnotationNameForField(violation.field()), violation.description()});
    }
  }
  return violations;
}

std::optional<sslstore::connector::v1::SyncResumeInfo> ResumeInfoOf(
    const grpc::Status& status) {
  google::rpc::Status rich;
  if (status.error_details().empty() ||
      !rich.ParseFromString(status.error_details())) {
    return std::nullopt;
  }
  for (const google::protobuf::Any& detail : rich.details()) {
    sslstore::connector::v1::SyncResumeInfo info;
    if (detail.UnpackTo(&info) && !info.resume_token().empty()) return info;
  }
  return std::nullopt;
}

absl::Status FromGrpcStatus(const grpc::Status& status, absl::string_view call,
                            absl::string_view address,
                            const std::vector<std::string>& secrets) {
  if (status.ok()) return absl::OkStatus();
  const std::vector<Violation> violations = ViolationsOf(status);
  absl::Status result(
      static_cast<absl::StatusCode>(status.error_code()),
      ::sslstore::client::Redact(ErrorText(status, call, address, violations),
                                 secrets));
  google::rpc::Status rich;
  if (!status.error_details().empty() &&
      rich.ParseFromString(status.error_details())) {
    for (const google::protobuf::Any& detail : rich.details()) {
      google::rpc::BadRequest bad_request;
      google::rpc::ErrorInfo info;
      if (detail.UnpackTo(&bad_request)) {
        for (auto& violation : *bad_request.mutable_field_violations()) {
          violation.set_description(
              ::sslstore::client::Redact(violation.description(), secrets));
        }
        result.SetPayload(kBadRequestTypeUrl,
                          absl::Cord(bad_request.SerializeAsString()));
      } else if (detail.UnpackTo(&info)) {
        for (auto& [key, value] : *info.mutable_metadata()) {
          value = ::sslstore::client::Redact(value, secrets);
        }
        result.SetPayload(kErrorInfoTypeUrl,
                          absl::Cord(info.SerializeAsString()));
      }
    }
  }
  return result;
}

std::vector<Violation> ViolationsOf(const absl::Status& status) {
  std::vector<Violation> violations;
  google::rpc::BadRequest bad_request;
  auto payload = status.GetPayload(kBadRequestTypeUrl);
  if (!payload.has_value() ||
      !bad_request.ParseFromString(std::string(*payload))) {
    return violations;
  }
  for (const auto& violation : bad_request.field_violations()) {
    violations.push_back(
        {AnnotationNameForField(violation.field()), violation.description()});
  }
  return violations;
}

absl::Status WithViolations(absl::Status status,
                            const std::vector<Violation>& violations) {
  if (violations.empty()) return status;
  google::rpc::BadRequest bad_request;
  for (const Violation& violation : violations) {
    auto* added = bad_request.add_field_violations();
    added->set_field(violation.field);
    added->set_description(violation.description);
  }
  status.SetPayload(kBadRequestTypeUrl,
                    absl::Cord(bad_request.SerializeAsString()));
  return status;
}

std::optional<google::rpc::ErrorInfo> ErrorInfoOf(const absl::Status& status) {
  google::rpc::ErrorInfo info;
  auto payload = status.GetPayload(kErrorInfoTypeUrl);
  if (!payload.has_value() || !info.ParseFromString(std::string(*payload))) {
    return std::nullopt;
  }
  return info;
}

}  // namespace sslstore::gateway::cli
