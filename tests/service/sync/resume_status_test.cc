#include "service/sync/resume_status.h"

#include <string>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "sslstore/connector/v1/sync.pb.h"
#include "sslstore_client/errors.h"

namespace sslstore::service::sync {
namespace {

using client::ErrorKind;
using client::internal::MakeError;

TEST(ResumeStatusTest, PositionIsTheLedgersFirstUnhandledRow) {
  SyncPosition start;
  start.full_sync = false;
  start.last_sync = absl::FromUnixSeconds(1700000000);
  start.connection_fingerprint = 42;
  DeliveryLedger ledger(0, {});
  for (int64_t position = 0; position < 25; ++position) {
    ledger.Dispatch(position, 100 + position);
  }
  for (int64_t position = 0; position < 23; ++position) {
    ledger.Handled(position);
  }
  ledger.Handled(24);
  const SyncPosition position = ResumePosition(start, ledger, 10);
  EXPECT_EQ(position.page, 3);
  EXPECT_EQ(position.page_size, 10);
  EXPECT_EQ(position.done_in_page, 3);
  EXPECT_EQ(position.done_order_ids, std::vector<int64_t>{124});
  EXPECT_EQ(position.anchor_order_id, 122);
  EXPECT_EQ(position.anchor_rows_after, 0);
  EXPECT_FALSE(position.full_sync);
  EXPECT_EQ(position.last_sync, start.last_sync);
  EXPECT_EQ(position.connection_fingerprint, 42u);
}

TEST(ResumeStatusTest, TransientAndUnactionableFailuresAreUnavailable) {
  EXPECT_EQ(StopCode(MakeError(ErrorKind::kTransport, "reset", true)),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(StopCode(MakeError(ErrorKind::kDeadline, "slow")),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(StopCode(MakeError(ErrorKind::kBadResponse, "garbage")),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(StopCode(absl::InternalError("bug")),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(StopCode(absl::CancelledError("gone")),
            grpc::StatusCode::UNAVAILABLE);
}

TEST(ResumeStatusTest, FailuresTheCallerCanActOnKeepTheirCode) {
  EXPECT_EQ(StopCode(MakeError(ErrorKind::kAuthentication, "bad token")),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(StopCode(absl::PermissionDeniedError("no")),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST(ResumeStatusTest, StoppedStatusCarriesTheResumeInfo) {
  SyncPosition resume_at;
  resume_at.page = 7;
  resume_at.page_size = 50;
  resume_at.done_in_page = 4;
  resume_at.done_order_ids = {9, 11};
  const grpc::Status status = StoppedSyncStatus(
      absl::UnavailableError("down"), "page 7: down", "default", resume_at);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(status.error_message(),
            "sync stopped: page 7: down; resume with the SyncResumeInfo token "
            "(page 7)");
  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(status.error_details()));
  EXPECT_EQ(rich.code(), static_cast<int>(grpc::StatusCode::UNAVAILABLE));
  // The ErrorInfo, the SyncResumeInfo, then a RetryInfo.
  ASSERT_EQ(rich.details_size(), 3);
  google::rpc::ErrorInfo error_info;
  ASSERT_TRUE(rich.details(0).UnpackTo(&error_info));
  EXPECT_EQ(error_info.reason(), "UPSTREAM_UNAVAILABLE");
  EXPECT_EQ(error_info.metadata().at("connection"), "default");
  EXPECT_TRUE(rich.details(2).Is<google::rpc::RetryInfo>());
  sslstore::connector::v1::SyncResumeInfo info;
  ASSERT_TRUE(rich.details(1).UnpackTo(&info));
  EXPECT_EQ(info.next_page(), 7);
  EXPECT_EQ(info.reason(), "page 7: down");
  absl::StatusOr<SyncPosition> decoded = DecodeResumeToken(info.resume_token());
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->page, 7);
  EXPECT_EQ(decoded->page_size, 50);
  EXPECT_EQ(decoded->done_in_page, 4);
  EXPECT_EQ(decoded->done_order_ids, (std::vector<int64_t>{9, 11}));
}

}  // namespace
}  // namespace sslstore::service::sync
