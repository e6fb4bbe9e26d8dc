#include "tools/gateway-adapter/connector_errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "tools/gateway-adapter/adapter_settings.h"

namespace sslstore::gateway {
namespace {

constexpr char kBadRequestTypeUrl[] =
    "type.googleapis.com/google.rpc.BadRequest";

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

}  // namespace

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
          {GatewayKeyForField(violation.field()), violation.description()});
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

std::string Redact(absl::string_view text,
                   const std::vector<std::string>& secrets) {
  std::string result(text);
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    result = absl::StrReplaceAll(result, {{secret, "[redacted]"}});
  }
  return result;
}

absl::Status FromGrpcStatus(const grpc::Status& status, absl::string_view call,
                            absl::string_view address,
                            const std::vector<std::string>& secrets) {
  if (status.ok()) return absl::OkStatus();
  const auto code = static_cast<absl::StatusCode>(status.error_code());
  const std::string& message = status.error_message();
  std::string text;
  const std::vector<Violation> violations = ViolationsOf(status);
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
      if (IsConnectFailure(message)) {
        text = absl::StrCat(call, ": cannot reach the SSL Store connector at ",
                            address, " (", message, ")");
      } else {
        text = absl::StrCat(call, ": unavailable: ", message);
      }
      break;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      text = absl::StrCat(call, ": no answer from the SSL Store connector at ",
                          address, " before the deadline (", message, ")");
      break;
    case grpc::StatusCode::UNAUTHENTICATED:
      text = absl::StrCat(call, ": the SSL Store connector at ", address,
                          " refused this client's credentials (check ",
                          kKeyTokenFile, "): ", message);
      break;
    case grpc::StatusCode::PERMISSION_DENIED:
      text = absl::StrCat(call, ": the SSL Store connector at ", address,
                          " denied the call: ", message);
      break;
    default:
      if (violations.empty()) {
        text = absl::StrCat(call, ": ", message);
      } else {
        text = absl::StrCat(call, ": the request is invalid:");
        for (const Violation& violation : violations) {
          absl::StrAppend(&text, "\n  ", violation.field, ": ",
                          violation.description);
        }
      }
  }
  absl::Status result(code, Redact(text, secrets));
  google::rpc::Status rich;
  if (!violations.empty() && rich.ParseFromString(status.error_details())) {
    for (const google::protobuf::Any& detail : rich.details()) {
      if (detail.type_url() == kBadRequestTypeUrl) {
        result.SetPayload(kBadRequestTypeUrl, absl::Cord(detail.value()));
      }
    }
  }
  return result;
}

}  // namespace sslstore::gateway
