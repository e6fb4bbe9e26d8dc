#include "service/sync/order_work.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "service/mapping/ca_request_id.h"
#include "service/mapping/certificate_record.h"
#include "sslstore_client/errors.h"

namespace sslstore::service::sync {
namespace {

namespace v1 = sslstore::connector::v1;

OrderResult Ended(OrderEnd end, absl::Status status) {
  OrderResult result;
  result.end = end;
  result.status = std::move(status);
  return result;
}

}  // namespace

int64_t OrderIdOf(const client::OrderResponse& order) {
  int64_t id = 0;
  if (!absl::SimpleAtoi(order.the_sslstore_order_id, &id) || id < 0) return 0;
  return id;
}

RowPlan PlanRow(const client::OrderResponse& row, std::string* reason) {
  if (OrderIdOf(row) == 0) {
    *reason = absl::StrCat("query row has no usable TheSSLStoreOrderID (\"",
                           row.the_sslstore_order_id.substr(0, 40), "\")");
    return RowPlan::kSkip;
  }
  return RowPlan::kFetch;
}

bool UnchangedSince(const client::OrderResponse& status, const SyncMode& mode) {
  if (mode.full_sync) return false;
  if (MapOrderStatus(status.order_status.major_status) !=
      v1::CERTIFICATE_STATUS_ISSUED) {
    return false;
  }
  const client::ApiDate& start =
      status.certificate_start_date_utc.time.has_value()
          ? status.certificate_start_date_utc
          : status.certificate_start_date;
  if (!start.time.has_value()) return false;
  return *start.time < mode.last_sync - kIncrementalSafetyMargin;
}

OrderResult FromCallError(const absl::Status& error) {
  const std::optional<client::ErrorInfo> info = client::GetErrorInfo(error);
  if (!info.has_value()) {
    return Ended(error.code() == absl::StatusCode::kCancelled
                     ? OrderEnd::kCancelled
                     : OrderEnd::kAbort,
                 error);
  }
  switch (info->kind) {
    case client::ErrorKind::kCancelled:
      return Ended(OrderEnd::kCancelled, error);
    case client::ErrorKind::kBusiness:
      return Ended(OrderEnd::kFailed, error);
    case client::ErrorKind::kBadResponse:
      return Ended(info->transient ? OrderEnd::kAbort : OrderEnd::kFailed,
                   error);
    default:  // transport, TLS, deadline, credentials
      return Ended(OrderEnd::kAbort, error);
  }
}

OrderResult FromStatus(const client::OrderResponse& row,
                       absl::StatusOr<client::OrderResponse> status,
                       const SyncMode& mode) {
  if (!status.ok()) return FromCallError(status.status());
  if (status->the_sslstore_order_id.empty()) {
    return Ended(OrderEnd::kFailed,
                 absl::NotFoundError(
                     absl::StrCat("SSL Store does not know order ",
                                  row.the_sslstore_order_id.substr(0, 40))));
  }
  if (UnchangedSince(*status, mode)) {
    return Ended(OrderEnd::kUnchanged, absl::OkStatus());
  }
  OrderResult result;
  FillRecordFromOrder(*status, &result.record);
  if (!MayHaveCertificate(*status)) {
    return Ended(OrderEnd::kSkipped,
                 absl::FailedPreconditionError(absl::StrCat(
                     "no certificate to sync (MajorStatus \"",
                     status->order_status.major_status.substr(0, 40), "\")")));
  }
  result.needs_download = true;
  return result;
}

OrderResult FromDownload(OrderResult pending,
                         absl::StatusOr<client::DownloadResponse> download) {
  if (!download.ok()) return FromCallError(download.status());
  pending.needs_download = false;
  absl::Status added = AddCertificateFromDownload(
      *download, &pending.record, x509::CertificateDecoding::kLightLeaves);
  if (!added.ok()) return Ended(OrderEnd::kSkipped, added);
  pending.end = OrderEnd::kRecord;
  return pending;
}

v1::SkippedOrder MakeSkipped(const client::OrderResponse& row,
                             const absl::Status& reason) {
  v1::SkippedOrder skipped;
  const int64_t id = OrderIdOf(row);
  if (id > 0) {
    skipped.set_sslstore_order_id(id);
    skipped.set_ca_request_id(
        FormatCaRequestId(row.the_sslstore_order_id, row.partner_order_id));
  }
  skipped.set_reason(std::string(reason.message()));
  return skipped;
}

}  // namespace sslstore::service::sync
