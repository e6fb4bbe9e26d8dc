// SyncCertificates against the simulator acting like the plausible variants
// of the real WBAPI where its behaviour is unknown: query rows that lag the
// orders, a silent page-size cap, newest-first pages with orders placed
// during the sync (in one stream and across a resume), and the fault mix
// under the realistic profile. Every test sends exact member names only.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/sync/order_work.h"
#include "service/sync/resume_token.h"
#include "tests/service/sync/sync_test_env.h"

namespace sslstore::sync_testing {
namespace {

namespace v1 = sslstore::connector::v1;
using sslstore_sim::Realism;

// Every order of `expected` arrives exactly once, and each other record is
// one of the orders `placed` during the sync, at most once.
void ExpectEachExistingOnce(
    const std::vector<v1::CertificateRecord>& records,
    const std::map<int64_t, sslstore_sim::GroundTruthOrder>& expected,
    const std::set<int64_t>& placed) {
  std::vector<v1::CertificateRecord> existing;
  std::set<int64_t> seen_new;
  for (const v1::CertificateRecord& record : records) {
    const int64_t id = record.sslstore_order_id();
    if (expected.count(id) > 0) {
      existing.push_back(record);
    } else {
      EXPECT_EQ(placed.count(id), 1u) << "unexpected order " << id;
      EXPECT_TRUE(seen_new.insert(id).second) << "order " << id << " twice";
    }
  }
  ExpectExactly(existing, expected);
}

class SyncRealismTest : public SyncEnvTest {
 protected:
  // Starts the environment with `realism` and exact member names.
  void StartEnv(int page_size, Realism realism,
                std::function<void(client::ClientOptions&)> tweak = {}) {
    realism.exact_member_names = true;
    sslstore_sim::SimulatorOptions options;
    options.realism = realism;
    SyncEnvTest::StartEnv(page_size, std::move(options), std::move(tweak));
  }
  std::vector<int64_t> Seed(int count, int active, int pending, int cancelled,
                            int pending_reissue = 0) {
    const sslstore_sim::SeedSpec spec =
        SeedWeights(count, active, pending, cancelled, pending_reissue);
    absl::StatusOr<std::vector<int64_t>> ids = env_->sim().SeedOrders(spec);
    EXPECT_TRUE(ids.ok()) << ids.status();
    return ids.ok() ? *ids : std::vector<int64_t>{};
  }
  void TearDown() override {
    if (env_ != nullptr) {
      EXPECT_THAT(env_->sim().UnknownMemberLines(), ::testing::IsEmpty());
    }
  }
};

// Query rows keep showing an order as it was for an hour after it changes:
// a reissue completed since the last sync is invisible in them. The
// incremental sync still reads every order's status and downloads it.
TEST_F(SyncRealismTest, IncrementalSyncFindsAReissueTheQueryRowsDoNotShow) {
  Realism realism;
  realism.query_lag = absl::Hours(1);
  StartEnv(10, realism);
  Seed(30, 3, 0, 0, 1);
  const absl::Time last_sync = absl::FromUnixSeconds(absl::ToUnixSeconds(
      absl::Now()));  // whole seconds, as the request carries them
  const absl::Time old = last_sync - service::sync::kIncrementalSafetyMargin;
  int64_t reissued_id = 0;
  std::string old_serial;
  for (const auto& order : env_->sim().GroundTruth()) {
    if (order.reissue_pending && order.certificate_not_before < old) {
      reissued_id = order.id;
      old_serial = order.serial_hex;
      break;
    }
  }
  ASSERT_NE(reissued_id, 0) << "no old order with a reissue pending";
  ASSERT_TRUE(env_->sim().ApproveOrder(reissued_id).ok());

  // What the sync must download: certificates started since the margin.
  std::map<int64_t, sslstore_sim::GroundTruthOrder> expected;
  int64_t unchanged = 0;
  for (const auto& [id, order] : ExpectedRecords(env_->sim())) {
    if (order.certificate_not_before >= old) {
      expected[id] = order;
    } else {
      ++unchanged;
    }
  }
  ASSERT_EQ(expected.count(reissued_id), 1u);
  ASSERT_NE(expected[reissued_id].serial_hex, old_serial);
  ASSERT_GT(unchanged, 0);

  v1::SyncCertificatesRequest request;
  request.mutable_last_sync()->set_seconds(absl::ToUnixSeconds(last_sync));
  SyncRun run = RunSync(env_->stub(), request);
  ASSERT_TRUE(run.status.ok()) << run.status.error_message();
  ExpectExactly(run.records, expected);
  const v1::SyncSummary& summary = run.summaries.at(0);
  EXPECT_FALSE(summary.full_sync());
  EXPECT_EQ(summary.orders_unchanged(), unchanged);
  EXPECT_EQ(env_->sim().CallCount("order/status"), 30);
  EXPECT_EQ(env_->sim().CallCount("order/download"),
            static_cast<int64_t>(expected.size()));
}

// The server serves at most 50 rows whatever PageSize says: the 100-row
// first page comes back short, and the sync goes on at 50 a page.
TEST_F(SyncRealismTest, SilentPageSizeCapStillDeliversEveryOrder) {
  Realism realism;
  realism.query_page_size_cap = 50;
  StartEnv(100, realism);
  Seed(120, 1, 0, 0);
  v1::SyncCertificatesRequest request;
  request.set_emit_progress(true);
  SyncRun run = RunSync(env_->stub(), request);
  ASSERT_TRUE(run.status.ok()) << run.status.error_message();
  ExpectExactly(run.records, ExpectedRecords(env_->sim()));
  const v1::SyncSummary& summary = run.summaries.at(0);
  EXPECT_EQ(summary.orders_processed(), 120);
  EXPECT_EQ(summary.pages_fetched(), 3);  // 50, 50 and the short 20
  EXPECT_EQ(env_->sim().CallCount("order/query"), 3);
  EXPECT_EQ(summary.rows_repeated(), 0);
  EXPECT_TRUE(summary.warnings().empty());
  EXPECT_EQ(run.progress.size(), 3u);  // one per page, each complete
}

// Newest first: orders placed after the first page move every later row
// down, so rows of earlier pages come back. Each order is delivered once;
// the summary says the listing moved.
TEST_F(SyncRealismTest, NewestFirstWithOrdersPlacedDuringTheSync) {
  Realism realism;
  realism.query_newest_first = true;
  StartEnv(10, realism);
  Seed(40, 3, 1, 1);
  const auto expected = ExpectedRecords(env_->sim());
  // Page 2's reply waits, so page 3 is listed only well after the first
  // record (of page 1) has arrived and the new orders are placed.
  sslstore_sim::FaultConfig faults;
  sslstore_sim::FaultRule slow;
  slow.endpoint = "order/query";
  slow.type = sslstore_sim::FaultType::kLatency;
  slow.nth = 2;
  slow.latency = absl::Seconds(2);
  faults.rules.push_back(slow);
  env_->sim().SetFaults(faults);
  std::vector<int64_t> placed;
  SyncRun run =
      RunSync(env_->stub(), v1::SyncCertificatesRequest(), absl::Seconds(120),
              0, [&](const v1::SyncCertificatesResponse& message) {
                if (placed.empty() && message.has_record()) {
                  placed = Seed(5, 1, 0, 0);
                }
              });
  ASSERT_TRUE(run.status.ok()) << run.status.error_message();
  ASSERT_EQ(placed.size(), 5u);
  ExpectExactly(run.records, expected);  // the new orders come next time
  const v1::SyncSummary& summary = run.summaries.at(0);
  EXPECT_EQ(summary.rows_repeated(), 5);
  ASSERT_EQ(summary.warnings_size(), 1);
  EXPECT_NE(summary.warnings(0).find("next sync"), std::string::npos);
}

// Newest first across a resume: the stream stops after page 1, orders are
// placed, and the resumed stream finds the last order delivered further
// down and continues right after it.
TEST_F(SyncRealismTest, NewestFirstResumeAfterOrdersWerePlaced) {
  Realism realism;
  realism.query_newest_first = true;
  StartEnv(10, realism);
  Seed(40, 1, 0, 0);
  const auto expected = ExpectedRecords(env_->sim());
  env_->sim().SetFaults(QueryPage2Unavailable());
  SyncRun first = RunSync(env_->stub(), v1::SyncCertificatesRequest());
  ASSERT_EQ(first.status.error_code(), grpc::StatusCode::UNAVAILABLE);
  ASSERT_TRUE(first.has_resume_info);
  ASSERT_EQ(first.records.size(), 10u);

  env_->sim().ClearFaults();
  ASSERT_EQ(Seed(5, 1, 0, 0).size(), 5u);
  SyncRun second = ResumeSync(env_->stub(), first.resume_info.resume_token());
  ASSERT_TRUE(second.status.ok()) << second.status.error_message();
  ExpectExactly(RecordsOf(first, second), expected);
  const v1::SyncSummary& summary = second.summaries.at(0);
  EXPECT_EQ(summary.orders_processed(), 30);
  ASSERT_EQ(summary.warnings_size(), 1);
  EXPECT_NE(summary.warnings(0).find("moved"), std::string::npos);
}

// Newest first, with orders listed again while their first listing is
// still being fetched and then fails: the later rows must not count as the
// orders' delivery. Two orders are placed just before page 3 is listed, so
// it starts with page 2's last two orders again; every status call of page
// 2 on is slow and fails, the stream stops, and the resumed stream must
// still deliver page 2's orders.
TEST_F(SyncRealismTest, OrderListedAgainWhileItFailsIsResumedNotLost) {
  Realism realism;
  realism.query_newest_first = true;
  StartEnv(4, realism, [](client::ClientOptions& options) {
    options.request_timeout = absl::Seconds(5);
    options.retry.max_retries = 0;
  });
  Seed(20, 1, 0, 0);
  const auto expected = ExpectedRecords(env_->sim());
  std::vector<int64_t> placed;
  env_->sim().BeforeCall("order/query", 3, [&] { placed = Seed(2, 1, 0, 0); });
  sslstore_sim::FaultConfig faults;
  sslstore_sim::FaultRule slow_status;
  slow_status.endpoint = "order/status";
  slow_status.type = sslstore_sim::FaultType::kLatency;
  slow_status.nth = 5;  // page 1's four orders succeed
  slow_status.times = 1000;
  slow_status.latency = absl::Seconds(1);  // page 3 is listed meanwhile
  faults.rules.push_back(slow_status);
  sslstore_sim::FaultRule failing_status = slow_status;
  failing_status.type = sslstore_sim::FaultType::kHttp503;
  faults.rules.push_back(failing_status);
  env_->sim().SetFaults(faults);
  SyncRun first = RunSync(env_->stub(), v1::SyncCertificatesRequest());
  ASSERT_EQ(first.status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << first.status.error_message();
  ASSERT_TRUE(first.has_resume_info);
  ASSERT_EQ(placed.size(), 2u);
  ASSERT_EQ(first.records.size(), 4u);

  env_->sim().ClearFaults();
  SyncRun second = ResumeSync(env_->stub(), first.resume_info.resume_token());
  ASSERT_TRUE(second.status.ok()) << second.status.error_message();
  // Page 1's status calls usually reach the simulator first; when one does
  // not, that order fails instead and the resume starts before the placed
  // orders, which then arrive too (once).
  ExpectEachExistingOnce(RecordsOf(first, second), expected,
                         {placed.begin(), placed.end()});
}

// A resumed sync that cannot find the last order delivered before the
// interruption (here: a token naming an order that is not listed) delivers
// from a page before where it stopped rather than risk losing an order, and
// says so.
TEST_F(SyncRealismTest, ResumeThatCannotFindItsAnchorRepeatsRatherThanLoses) {
  StartEnv(10, Realism());
  Seed(30, 1, 0, 0);
  v1::SyncCertificatesRequest request;
  request.set_emit_progress(true);
  SyncRun full = RunSync(env_->stub(), request);
  ASSERT_TRUE(full.status.ok()) << full.status.error_message();
  ASSERT_GE(full.progress.size(), 2u);
  // Records received after the first progress message.
  const std::set<int64_t> after = IdsAfterFirstProgress(full);
  absl::StatusOr<service::sync::SyncPosition> position =
      service::sync::DecodeResumeToken(full.progress[0].resume_token());
  ASSERT_TRUE(position.ok()) << position.status();
  ASSERT_GT(position->anchor_order_id, 0);
  position->anchor_order_id = 999999999;  // not an order of the account

  v1::SyncCertificatesRequest resume;
  resume.set_resume_token(service::sync::EncodeResumeToken(*position));
  SyncRun rest = RunSync(env_->stub(), resume);
  ASSERT_TRUE(rest.status.ok()) << rest.status.error_message();
  std::set<int64_t> resumed;
  for (const auto& record : rest.records) {
    EXPECT_TRUE(resumed.insert(record.sslstore_order_id()).second);
  }
  for (int64_t id : after) EXPECT_EQ(resumed.count(id), 1u) << "lost " << id;
  EXPECT_GT(resumed.size(), after.size());  // some arrive again
  const v1::SyncSummary& summary = rest.summaries.at(0);
  ASSERT_EQ(summary.warnings_size(), 1);
  EXPECT_NE(summary.warnings(0).find("may arrive again"), std::string::npos);
}

// The fault mix of the stream tests, under the realistic profile (exact
// member names, pages capped at 50 and newest first, lagging rows), with
// orders placed during each stream and between the resumes: every order
// that existed when the sync started arrives exactly once, and nothing
// arrives twice.
TEST_F(SyncRealismTest, RealisticFaultMixDeliversEachOrderOnceAcrossResumes) {
  StartEnv(100, Realism::Realistic(), ShortTimeoutFewRetries);
  Seed(150, 3, 1, 1);
  const auto expected = ExpectedRecords(env_->sim());
  sslstore_sim::FaultConfig faults = FaultMix(11);
  // Page 2 fails every attempt of the first stream: at least one resume.
  sslstore_sim::FaultRule page2 = QueryPage2Unavailable().rules.at(0);
  page2.times = 3;  // the first attempt and the two retries
  faults.rules.insert(faults.rules.begin(), page2);
  env_->sim().SetFaults(faults);

  std::set<int64_t> placed;
  auto place = [&](int count) {
    for (int64_t id : Seed(count, 1, 0, 0)) placed.insert(id);
  };
  ResumedSync sync;
  ASSERT_NO_FATAL_FAILURE(SyncUntilDone(
      env_->stub(), &sync, [&] { place(3); }, [&] { place(2); }));
  EXPECT_GT(env_->sim().FaultsFired(), 0);
  EXPECT_GT(sync.resumes, 0);
  EXPECT_FALSE(placed.empty());
  RecordProperty("resumes", sync.resumes);
  ExpectEachExistingOnce(sync.records, expected, placed);
}

}  // namespace
}  // namespace sslstore::sync_testing
