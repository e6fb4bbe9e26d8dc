#include "service/sync/order_work.h"

#include <string>

#include "gtest/gtest.h"
#include "sslstore_client/errors.h"

namespace sslstore::service::sync {
namespace {

namespace v1 = sslstore::connector::v1;

client::OrderResponse Row(const std::string& id, const std::string& status,
                          std::optional<absl::Time> start) {
  client::OrderResponse row;
  row.the_sslstore_order_id = id;
  row.partner_order_id = "P" + id;
  row.order_status.major_status = status;
  row.certificate_start_date_utc.time = start;
  return row;
}

TEST(OrderWorkTest, RowWithoutIdIsSkipped) {
  std::string reason;
  EXPECT_EQ(PlanRow(Row("", "Active", std::nullopt), &reason), RowPlan::kSkip);
  EXPECT_NE(reason.find("TheSSLStoreOrderID"), std::string::npos);
  EXPECT_EQ(PlanRow(Row("abc", "Active", std::nullopt), &reason),
            RowPlan::kSkip);
}

TEST(OrderWorkTest, EveryRowWithAnIdIsFetchedWhateverItsDates) {
  // Query rows may lag the order: even an old Active row gets its status.
  const absl::Time long_ago = absl::FromUnixSeconds(1000000000);
  std::string reason;
  EXPECT_EQ(PlanRow(Row("1", "Active", long_ago), &reason), RowPlan::kFetch);
  EXPECT_EQ(PlanRow(Row("1", "Pending", std::nullopt), &reason),
            RowPlan::kFetch);
}

TEST(OrderWorkTest, IncrementalStatusSkipsTheDownloadOfOldIssuedCertificates) {
  const absl::Time last_sync = absl::FromUnixSeconds(1700000000);
  SyncMode incremental{false, last_sync};
  const absl::Time old_start =
      last_sync - kIncrementalSafetyMargin - absl::Seconds(1);
  const absl::Time recent_start =
      last_sync - kIncrementalSafetyMargin + absl::Seconds(1);
  EXPECT_TRUE(UnchangedSince(Row("1", "Active", old_start), incremental));
  EXPECT_FALSE(UnchangedSince(Row("1", "Active", recent_start), incremental));
  EXPECT_FALSE(UnchangedSince(Row("1", "Cancelled", old_start), incremental));
  EXPECT_FALSE(UnchangedSince(Row("1", "Active", std::nullopt), incremental));
  EXPECT_FALSE(UnchangedSince(Row("1", "Active", old_start), SyncMode{}));

  // The local start date serves when the UTC one is missing.
  client::OrderResponse local = Row("1", "Active", std::nullopt);
  local.certificate_start_date.time = old_start;
  EXPECT_TRUE(UnchangedSince(local, incremental));

  // The status decides, not the (possibly lagging) query row: a row that
  // still shows the old certificate, a status that shows the reissued one.
  client::OrderResponse row = Row("7", "Active", old_start);
  client::OrderResponse reissued = Row("7", "Active", recent_start);
  OrderResult fresh = FromStatus(row, reissued, incremental);
  EXPECT_EQ(fresh.end, OrderEnd::kRecord);
  EXPECT_TRUE(fresh.needs_download);
  EXPECT_EQ(FromStatus(row, row, incremental).end, OrderEnd::kUnchanged);
  EXPECT_EQ(FromStatus(row, row, SyncMode{}).end, OrderEnd::kRecord);
  // Not issued: today's rules (no certificate, a skip).
  client::OrderResponse pending = Row("8", "Pending", old_start);
  EXPECT_EQ(FromStatus(pending, pending, incremental).end, OrderEnd::kSkipped);
}

TEST(OrderWorkTest, StatusDecidesDownloadOrSkip) {
  client::OrderResponse row = Row("42", "Active", std::nullopt);
  OrderResult active = FromStatus(row, row);
  EXPECT_EQ(active.end, OrderEnd::kRecord);
  EXPECT_TRUE(active.needs_download);
  EXPECT_EQ(active.record.ca_request_id(), "42-P42");

  client::OrderResponse pending = Row("43", "Pending", std::nullopt);
  OrderResult skipped = FromStatus(pending, pending);
  EXPECT_EQ(skipped.end, OrderEnd::kSkipped);
  EXPECT_NE(skipped.status.message().find("Pending"), std::string::npos);

  client::OrderResponse unknown;  // SSL Store answered without an order
  EXPECT_EQ(FromStatus(row, unknown).end, OrderEnd::kFailed);
}

TEST(OrderWorkTest, DownloadWithoutCertificateIsSkippedWithoutBytes) {
  client::OrderResponse row = Row("42", "Active", std::nullopt);
  OrderResult pending = FromStatus(row, row);
  client::DownloadResponse empty;
  OrderResult result = FromDownload(pending, empty);
  EXPECT_EQ(result.end, OrderEnd::kSkipped);
  EXPECT_TRUE(result.record.certificate_der().empty());

  client::DownloadResponse garbage;
  garbage.certificates.push_back({"x.crt", "-----BEGIN CERTIFICATE-----\nzz"});
  EXPECT_EQ(FromDownload(pending, garbage).end, OrderEnd::kSkipped);
}

TEST(OrderWorkTest, ErrorsAreClassified) {
  EXPECT_EQ(FromCallError(absl::CancelledError("x")).end, OrderEnd::kCancelled);
  EXPECT_EQ(FromCallError(absl::UnavailableError("x")).end, OrderEnd::kAbort);
  using client::ErrorKind;
  using client::internal::MakeError;
  EXPECT_EQ(
      FromCallError(MakeError(ErrorKind::kBusiness, "no", false, -1006)).end,
      OrderEnd::kFailed);
  EXPECT_EQ(FromCallError(MakeError(ErrorKind::kTransport, "503", true)).end,
            OrderEnd::kAbort);
  EXPECT_EQ(FromCallError(MakeError(ErrorKind::kBadResponse, "json", true)).end,
            OrderEnd::kAbort);
  EXPECT_EQ(
      FromCallError(MakeError(ErrorKind::kBadResponse, "type", false)).end,
      OrderEnd::kFailed);
  EXPECT_EQ(FromCallError(MakeError(ErrorKind::kAuthentication, "-9008")).end,
            OrderEnd::kAbort);
}

TEST(OrderWorkTest, SkippedOrderNamesTheOrder) {
  v1::SkippedOrder skipped = MakeSkipped(Row("42", "Active", std::nullopt),
                                         absl::DataLossError("no leaf"));
  EXPECT_EQ(skipped.sslstore_order_id(), 42);
  EXPECT_EQ(skipped.ca_request_id(), "42-P42");
  EXPECT_EQ(skipped.reason(), "no leaf");
}

}  // namespace
}  // namespace sslstore::service::sync
