#include "sslstore_client/retry_rules.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "sslstore_client/errors.h"
#include "sslstore_client/redact.h"

namespace sslstore::client::internal {

BackoffPolicy::Options BackoffOptions(const RetryPolicy& retry) {
  BackoffPolicy::Options options;
  options.initial = retry.initial_backoff;
  options.maximum = retry.max_backoff;
  options.multiplier = retry.multiplier;
  options.jitter = retry.jitter;
  return options;
}

bool MayRetry(const absl::Status& error, bool idempotent, int attempts,
              int max_retries) {
  const std::optional<ErrorInfo> info = GetErrorInfo(error);
  const bool transient = info.has_value() && info->transient;
  return idempotent && transient && attempts <= max_retries;
}

absl::Duration RetryWait(absl::Duration backoff,
                         std::optional<absl::Duration> retry_after,
                         absl::Duration max_retry_after) {
  if (!retry_after.has_value()) return backoff;
  return std::max(backoff, std::min(*retry_after, max_retry_after));
}

absl::Status HttpStatusError(int http_status, absl::string_view reason) {
  const std::string what =
      absl::StrCat("HTTP ", http_status, reason.empty() ? "" : " ", reason);
  if (http_status == 429 || http_status >= 500) {
    return MakeError(ErrorKind::kTransport,
                     absl::StrCat("server replied ", what),
                     /*transient=*/true);
  }
  return MakeError(ErrorKind::kBadResponse, absl::StrCat("unexpected ", what));
}

UpstreamOutcome ClassifyAttempt(const absl::Status& status, int http_status,
                                bool timed_out) {
  if (status.ok()) return UpstreamOutcome::kOk;
  const std::optional<ErrorInfo> info = GetErrorInfo(status);
  const ErrorKind kind = info.has_value() ? info->kind : ErrorKind::kTransport;
  switch (kind) {
    case ErrorKind::kBusiness:
      return UpstreamOutcome::kSslStoreError;
    case ErrorKind::kAuthentication:
      return UpstreamOutcome::kAuthError;
    case ErrorKind::kBadResponse:
      return UpstreamOutcome::kBadResponse;
    case ErrorKind::kTls:
      return UpstreamOutcome::kTls;
    case ErrorKind::kDeadline:
      return UpstreamOutcome::kDeadline;
    case ErrorKind::kCancelled:
      return UpstreamOutcome::kCancelled;
    case ErrorKind::kTransport:
      break;
  }
  if (http_status >= 500) return UpstreamOutcome::kHttp5xx;
  if (http_status == 429) return UpstreamOutcome::kHttp429;
  if (timed_out) return UpstreamOutcome::kTimeout;
  return UpstreamOutcome::kTransport;
}

absl::Status RedactStatus(const absl::Status& status,
                          absl::string_view secret) {
  std::string message = Redact(status.message(), secret);
  if (message == status.message()) return status;
  absl::Status out(status.code(), message);
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) {
    out.SetPayload(url, payload);
  });
  return out;
}

std::optional<absl::Duration> ParseRetryAfter(absl::string_view value,
                                              absl::Time now) {
  value = absl::StripAsciiWhitespace(value);
  if (value.empty()) return std::nullopt;
  int64_t seconds = 0;
  if (absl::SimpleAtoi(value, &seconds)) {
    if (seconds < 0) return std::nullopt;
    return absl::Seconds(std::min<int64_t>(seconds, 365LL * 24 * 3600));
  }
  absl::Time at;
  std::string error;
  if (!absl::ParseTime("%a, %d %b %Y %H:%M:%S GMT", std::string(value), &at,
                       &error)) {
    return std::nullopt;
  }
  return std::max(at - now, absl::ZeroDuration());
}

}  // namespace sslstore::client::internal
