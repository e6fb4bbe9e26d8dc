#ifndef SERVICE_SYNC_RESUME_STATUS_H_
#define SERVICE_SYNC_RESUME_STATUS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"
#include "service/sync/delivery_ledger.h"
#include "service/sync/resume_token.h"

namespace sslstore::service::sync {

// Where a stream that started at `start` resumes now that `ledger` says what
// it delivered: the ledger's first unhandled position in pages of
// `page_size`, the ids delivered beyond it and its anchor; the mode and
// connection fingerprint of `start` are kept.
SyncPosition ResumePosition(const SyncPosition& start,
                            const DeliveryLedger& ledger, int page_size);

// The code of a stream ended by the upstream failure `cause`: UNAVAILABLE
// for anything transient (the sync can be resumed) and for codes a caller
// cannot act on (OK, CANCELLED, DEADLINE_EXCEEDED, UNKNOWN, INTERNAL),
// otherwise the caller-facing code of the error (e.g. FAILED_PRECONDITION
// for rejected credentials).
grpc::StatusCode StopCode(const absl::Status& cause);

// The final status of a stream stopped by `cause`: StopCode(cause), a
// message with `reason` and the page to resume with, and in the
// google.rpc.Status details the ErrorInfo of `cause` (with `connection` as
// its connection), a SyncResumeInfo (token of `resume_at`, its page,
// `reason`) and, where waiting helps, a RetryInfo.
grpc::Status StoppedSyncStatus(const absl::Status& cause,
                               const std::string& reason,
                               absl::string_view connection,
                               const SyncPosition& resume_at);

}  // namespace sslstore::service::sync

#endif  // SERVICE_SYNC_RESUME_STATUS_H_
