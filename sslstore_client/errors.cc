#include "sslstore_client/errors.h"

#include <vector>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace sslstore::client {
namespace {

constexpr char kPayloadUrl[] = "type.sslstore/sslstore.client.ErrorInfo";

absl::StatusCode CodeOf(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kTransport:
    case ErrorKind::kTls:
      return absl::StatusCode::kUnavailable;
    case ErrorKind::kBusiness:
      return absl::StatusCode::kFailedPrecondition;
    case ErrorKind::kAuthentication:
      return absl::StatusCode::kUnauthenticated;
    case ErrorKind::kBadResponse:
      return absl::StatusCode::kInternal;
    case ErrorKind::kDeadline:
      return absl::StatusCode::kDeadlineExceeded;
    case ErrorKind::kCancelled:
      return absl::StatusCode::kCancelled;
  }
  return absl::StatusCode::kUnknown;
}

// Payload text: kind, transient, endpoint, attempts, http, code; one a line.
std::string Encode(const ErrorInfo& info) {
  return absl::StrCat(
      static_cast<int>(info.kind), "\n", info.transient ? 1 : 0, "\n",
      info.endpoint, "\n", info.attempts, "\n", info.http_status, "\n",
      info.business_code.has_value() ? absl::StrCat(*info.business_code)
                                     : std::string());
}

std::optional<ErrorInfo> Decode(absl::string_view text) {
  std::vector<absl::string_view> f = absl::StrSplit(text, '\n');
  int kind = 0;
  int transient = 0;
  ErrorInfo info;
  if (f.size() != 6 || !absl::SimpleAtoi(f[0], &kind) || kind < 0 ||
      kind > static_cast<int>(ErrorKind::kCancelled) ||
      !absl::SimpleAtoi(f[1], &transient) ||
      !absl::SimpleAtoi(f[3], &info.attempts) ||
      !absl::SimpleAtoi(f[4], &info.http_status)) {
    return std::nullopt;
  }
  info.kind = static_cast<ErrorKind>(kind);
  info.transient = transient != 0;
  info.endpoint = std::string(f[2]);
  int code = 0;
  if (!f[5].empty() && absl::SimpleAtoi(f[5], &code)) info.business_code = code;
  return info;
}

absl::Status Build(const ErrorInfo& info, absl::string_view message) {
  absl::Status status(CodeOf(info.kind), message);
  status.SetPayload(kPayloadUrl, absl::Cord(Encode(info)));
  return status;
}

}  // namespace

std::optional<ErrorInfo> GetErrorInfo(const absl::Status& status) {
  auto payload = status.GetPayload(kPayloadUrl);
  if (!payload.has_value()) return std::nullopt;
  return Decode(std::string(*payload));
}

absl::string_view ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kTransport:
      return "transport";
    case ErrorKind::kTls:
      return "tls";
    case ErrorKind::kBusiness:
      return "business";
    case ErrorKind::kAuthentication:
      return "authentication";
    case ErrorKind::kBadResponse:
      return "bad response";
    case ErrorKind::kDeadline:
      return "deadline";
    case ErrorKind::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

namespace internal {

absl::Status MakeError(ErrorKind kind, absl::string_view message,
                       bool transient, std::optional<int> business_code) {
  ErrorInfo info;
  info.kind = kind;
  info.transient = transient;
  info.business_code = business_code;
  return Build(info, message);
}

absl::Status AddCallContext(const absl::Status& error,
                            absl::string_view endpoint, int attempts,
                            int http_status) {
  ErrorInfo info;
  if (std::optional<ErrorInfo> known = GetErrorInfo(error)) {
    info = *known;
  } else {
    info.transient = true;
  }
  info.endpoint = std::string(endpoint);
  info.attempts = attempts;
  info.http_status = http_status;
  std::string http =
      http_status > 0 ? absl::StrCat("HTTP ", http_status) : "no HTTP response";
  return Build(info, absl::StrCat(endpoint, ": ", error.message(),
                                  " (attempts: ", attempts, ", ", http, ")"));
}

}  // namespace internal
}  // namespace sslstore::client
