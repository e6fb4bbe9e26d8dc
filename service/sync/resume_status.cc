#include "service/sync/resume_status.h"

#include <optional>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "service/server/error_reason.h"
#include "service/server/grpc_status.h"
#include "sslstore/connector/v1/sync.pb.h"
#include "sslstore_client/errors.h"

namespace sslstore::service::sync {

SyncPosition ResumePosition(const SyncPosition& start,
                            const DeliveryLedger& ledger, int page_size) {
  SyncPosition position = start;
  const int64_t first = ledger.first_unhandled();
  position.page_size = page_size;
  position.page = first / page_size + 1;
  position.done_in_page = first % page_size;
  position.done_order_ids = ledger.DeliveredBeyond();
  const DeliveryLedger::Anchor anchor = ledger.anchor();
  position.anchor_order_id = anchor.order_id;
  position.anchor_rows_after = anchor.order_id > 0 ? anchor.rows_after : 0;
  return position;
}

grpc::StatusCode StopCode(const absl::Status& cause) {
  const std::optional<client::ErrorInfo> info = client::GetErrorInfo(cause);
  if (info.has_value() &&
      (info->transient || info->kind == client::ErrorKind::kDeadline ||
       info->kind == client::ErrorKind::kTransport)) {
    return grpc::StatusCode::UNAVAILABLE;
  }
  const absl::StatusCode code = CallerFacingCode(cause);
  if (code == absl::StatusCode::kOk || code == absl::StatusCode::kCancelled ||
      code == absl::StatusCode::kDeadlineExceeded ||
      code == absl::StatusCode::kUnknown ||
      code == absl::StatusCode::kInternal) {
    return grpc::StatusCode::UNAVAILABLE;
  }
  return static_cast<grpc::StatusCode>(code);
}

grpc::Status StoppedSyncStatus(const absl::Status& cause,
                               const std::string& reason,
                               absl::string_view connection,
                               const SyncPosition& resume_at) {
  sslstore::connector::v1::SyncResumeInfo info;
  info.set_resume_token(EncodeResumeToken(resume_at));
  info.set_next_page(resume_at.page);
  info.set_reason(reason);
  const grpc::StatusCode code = StopCode(cause);
  const std::string message = absl::StrCat(
      "sync stopped: ", reason, "; resume with the SyncResumeInfo token (page ",
      resume_at.page, ")");
  // The cause's facts (SSL Store's endpoint and code, a tagged reason) under
  // the stream's code and message.
  absl::Status stopped(static_cast<absl::StatusCode>(code), message);
  cause.ForEachPayload(
      [&stopped](absl::string_view url, const absl::Cord& payload) {
        stopped.SetPayload(url, payload);
      });
  return ToGrpcStatus(
      WithDetail(WithConnection(std::move(stopped), connection), info));
}

}  // namespace sslstore::service::sync
