// SyncCertificates over an in-memory WBAPI: the real gRPC server with a
// FakeWbapi behind its connection. Full and incremental syncs, a page
// failure that ends with a resume token and its resumption, and one order
// that SSL Store refuses. Runs in milliseconds.

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fakes/fake_connector.h"
#include "tests/fakes/fake_connector_test_fixture.h"
#include "tests/fakes/fake_wbapi.h"
#include "tests/service/sync/sync_test_env.h"

namespace sslstore::testing {
namespace {

namespace v1 = sslstore::connector::v1;
using sync_testing::RecordsOf;
using sync_testing::ResumeSync;
using sync_testing::RunSync;
using sync_testing::SyncRun;
using ::testing::UnorderedElementsAreArray;

constexpr int kPageSize = 3;

class SyncFakeTest : public FakeConnectorTest {
 protected:
  void ConfigureServer(service::ServerConfig& config) override {
    config.connections.at("default").page_size = kPageSize;
  }

  // Adds `count` issued orders whose certificates started `age` ago; their
  // ids in order.
  std::vector<int64_t> AddIssued(int count, absl::Duration age) {
    std::vector<int64_t> ids;
    for (int i = 0; i < count; ++i) {
      const std::string name =
          "host" + std::to_string(next_host_++) + ".example.com";
      const std::string id =
          fake().AddIssuedOrder("positivessl", {name}, absl::Now() - age,
                                absl::Now() - age + absl::Hours(24 * 365));
      int64_t value = 0;
      EXPECT_TRUE(absl::SimpleAtoi(id, &value));
      ids.push_back(value);
    }
    return ids;
  }

  static std::vector<int64_t> IdsOf(
      const std::vector<v1::CertificateRecord>& records) {
    std::vector<int64_t> ids;
    for (const v1::CertificateRecord& record : records) {
      ids.push_back(record.sslstore_order_id());
    }
    return ids;
  }

  int next_host_ = 1;
};

TEST_F(SyncFakeTest, FullSyncDeliversEveryIssuedOrderOnce) {
  std::vector<int64_t> issued = AddIssued(7, absl::Hours(24));
  fake().AddPendingOrder("positivessl", "pending.example.com");
  SyncRun run = RunSync(env_->stub(), v1::SyncCertificatesRequest());
  ASSERT_TRUE(run.status.ok()) << run.status.error_message();
  EXPECT_THAT(IdsOf(run.records), UnorderedElementsAreArray(issued));
  for (const v1::CertificateRecord& record : run.records) {
    EXPECT_FALSE(record.certificate_der().empty());
    EXPECT_EQ(record.chain_size(), 2);
  }
  EXPECT_EQ(run.skipped.size(), 1u);  // the pending order
  ASSERT_EQ(run.summaries.size(), 1u);
  const v1::SyncSummary& summary = run.summaries[0];
  EXPECT_TRUE(summary.full_sync());
  EXPECT_EQ(summary.orders_processed(), 8);
  EXPECT_EQ(summary.records_emitted(), 7);
  EXPECT_EQ(summary.pages_fetched(), 3);  // 3 + 3 + 2 rows
  EXPECT_EQ(fake().calls(WbapiCall::kQuery), 3);
  EXPECT_EQ(fake().calls(WbapiCall::kDownload), 7);
}

TEST_F(SyncFakeTest, IncrementalSyncDownloadsOnlyWhatCanHaveChanged) {
  AddIssued(4, absl::Hours(24 * 60));  // long before last_sync
  std::vector<int64_t> recent = AddIssued(2, absl::Hours(1));
  v1::SyncCertificatesRequest request;
  request.mutable_last_sync()->set_seconds(
      absl::ToUnixSeconds(absl::Now() - absl::Hours(24 * 30)));
  SyncRun run = RunSync(env_->stub(), request);
  ASSERT_TRUE(run.status.ok()) << run.status.error_message();
  EXPECT_THAT(IdsOf(run.records), UnorderedElementsAreArray(recent));
  const v1::SyncSummary& summary = run.summaries.at(0);
  EXPECT_FALSE(summary.full_sync());
  EXPECT_EQ(summary.orders_unchanged(), 4);
  EXPECT_EQ(summary.records_emitted(), 2);
  // Every order's status is read; only the changed ones are downloaded.
  EXPECT_EQ(fake().calls(WbapiCall::kStatus), 6);
  EXPECT_EQ(fake().calls(WbapiCall::kDownload), 2);
}

TEST_F(SyncFakeTest, PageFailureEndsWithAResumeTokenThatCompletesTheSync) {
  std::vector<int64_t> issued = AddIssued(8, absl::Hours(24));
  // Page 1 answers; page 2 fails as after the client's retries.
  fake().FailNext(WbapiCall::kQuery, FakeWbapi::Unavailable(WbapiCall::kQuery),
                  /*times=*/1, /*after=*/1);
  SyncRun first = RunSync(env_->stub(), v1::SyncCertificatesRequest());
  EXPECT_EQ(first.status.error_code(), grpc::StatusCode::UNAVAILABLE);
  ASSERT_TRUE(first.has_resume_info) << first.status.error_message();
  EXPECT_EQ(first.resume_info.next_page(), 2);
  EXPECT_EQ(first.records.size(), size_t{kPageSize});  // page 1 delivered
  EXPECT_TRUE(first.summaries.empty());

  SyncRun second = ResumeSync(env_->stub(), first.resume_info.resume_token());
  ASSERT_TRUE(second.status.ok()) << second.status.error_message();
  EXPECT_THAT(IdsOf(RecordsOf(first, second)),
              UnorderedElementsAreArray(issued));
  EXPECT_EQ(second.summaries.at(0).orders_processed(), 8 - kPageSize);
}

TEST_F(SyncFakeTest, RefusedOrderIsSkippedAndTheOthersDelivered) {
  std::vector<int64_t> issued = AddIssued(5, absl::Hours(24));
  v1::SyncCertificatesRequest request;
  request.set_max_in_flight(1);  // orders one at a time: the 3rd fails
  fake().FailNext(WbapiCall::kDownload,
                  FakeWbapi::BusinessError(WbapiCall::kDownload,
                                           "Vendor returns error", -1),
                  /*times=*/1, /*after=*/2);
  SyncRun run = RunSync(env_->stub(), request);
  ASSERT_TRUE(run.status.ok()) << run.status.error_message();
  EXPECT_EQ(run.records.size(), 4u);
  ASSERT_EQ(run.skipped.size(), 1u);
  EXPECT_EQ(run.skipped[0].sslstore_order_id(), issued[2]);
  const v1::SyncSummary& summary = run.summaries.at(0);
  EXPECT_EQ(summary.orders_failed(), 1);
  EXPECT_EQ(summary.records_emitted(), 4);
  EXPECT_EQ(summary.orders_processed(), 5);
}

TEST_F(SyncFakeTest, AMessageHeldForABatchIsWrittenWhileOtherOrdersWait) {
  AddIssued(kPageSize, absl::Hours(24));
  const std::string pending =
      fake().AddPendingOrder("positivessl", "pending.example.com");
  // The issued orders wait for their downloads; the pending order's
  // SkippedOrder is queued behind no write. Only the end of its hold (a
  // timer, not another order's completion) can write it.
  fake().Hold(WbapiCall::kDownload, true);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(30));
  std::unique_ptr<grpc::ClientReader<v1::SyncCertificatesResponse>> reader =
      env_->stub().SyncCertificates(&context, v1::SyncCertificatesRequest());
  v1::SyncCertificatesResponse response;
  ASSERT_TRUE(reader->Read(&response));
  ASSERT_TRUE(response.has_skipped()) << response.DebugString();
  EXPECT_EQ(absl::StrCat(response.skipped().sslstore_order_id()), pending);
  context.TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

}  // namespace
}  // namespace sslstore::testing
