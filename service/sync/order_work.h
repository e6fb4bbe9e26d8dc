#ifndef SERVICE_SYNC_ORDER_WORK_H_
#define SERVICE_SYNC_ORDER_WORK_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "sslstore/connector/v1/certificate.pb.h"
#include "sslstore/connector/v1/sync.pb.h"
#include "sslstore_client/order_models.h"

namespace sslstore::service::sync {

// Incremental mode downloads issued orders whose certificate started less
// than this before last_sync (clock skew, time zones).
inline constexpr absl::Duration kIncrementalSafetyMargin = absl::Hours(24);

// How a sync treats the orders it lists.
struct SyncMode {
  // Full sync: every order with a certificate is downloaded.
  bool full_sync = true;
  // Incremental mode: issued orders whose /rest/order/status shows a
  // certificate start older than this minus kIncrementalSafetyMargin are
  // unchanged (not downloaded).
  absl::Time last_sync = absl::InfinitePast();
};

// What to do with one row of /rest/order/query before any call. Query rows
// may lag the order ("updated periodically"), so no row is judged unchanged
// before its /rest/order/status is read.
enum class RowPlan {
  // Call /rest/order/status (then maybe /rest/order/download).
  kFetch,
  // Unusable row (e.g. no TheSSLStoreOrderID): report a SkippedOrder.
  kSkip,
};

// The TheSSLStoreOrderID of `order`; 0 when it is missing, unreadable or not
// positive.
int64_t OrderIdOf(const client::OrderResponse& order);

// The plan for `row`; `reason` receives why when the plan is kSkip.
RowPlan PlanRow(const client::OrderResponse& row, std::string* reason);

// True when `status` (an /rest/order/status answer) shows an issued
// certificate that started before mode.last_sync minus the margin, in
// incremental mode: the order needs no download. False in full mode and
// for an order that is not issued or shows no start date.
bool UnchangedSince(const client::OrderResponse& status, const SyncMode& mode);

// How one order ended.
enum class OrderEnd {
  // A record is ready to stream.
  kRecord,
  // Nothing to stream (e.g. no certificate yet): report a SkippedOrder.
  kSkipped,
  // Incremental mode: the certificate has not changed since last_sync;
  // count it only.
  kUnchanged,
  // SSL Store refused this order (a business error, or a response of this
  // order that can never parse): report a SkippedOrder, count it failed.
  kFailed,
  // A transient failure that outlived the client's retries, or a failure
  // of the whole connection (credentials): the stream must stop and be
  // resumed later, with `status` as the reason.
  kAbort,
  // The call was cancelled (the stream is ending anyway).
  kCancelled,
};

// The state of one order between calls.
struct OrderResult {
  OrderEnd end = OrderEnd::kRecord;
  // The record (kRecord), or the reason (kSkipped/kFailed/kAbort).
  sslstore::connector::v1::CertificateRecord record;
  absl::Status status;
  // Whether a download is needed before the record is complete.
  bool needs_download = false;
};

// Classifies a failed client call of one order.
OrderResult FromCallError(const absl::Status& error);

// Applies an /rest/order/status answer for `row`: a record filled from the
// status, with needs_download when the order may have a certificate; a
// skip when the order has none (or SSL Store does not know it); unchanged
// when UnchangedSince(status, mode).
OrderResult FromStatus(const client::OrderResponse& row,
                       absl::StatusOr<client::OrderResponse> status,
                       const SyncMode& mode = SyncMode{});

// Completes `pending` (a FromStatus result with needs_download) with the
// download: the leaf found by inspection and its chain; a skip when the
// download holds no usable certificate.
OrderResult FromDownload(OrderResult pending,
                         absl::StatusOr<client::DownloadResponse> download);

// The SkippedOrder message of an order that ended with kSkipped or kFailed.
sslstore::connector::v1::SkippedOrder MakeSkipped(
    const client::OrderResponse& row, const absl::Status& reason);

}  // namespace sslstore::service::sync

#endif  // SERVICE_SYNC_ORDER_WORK_H_
