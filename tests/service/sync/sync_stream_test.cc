// SyncCertificates end to end: the simulator over TLS, the reactor behind a
// real gRPC server on 127.0.0.1:0.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tests/service/sync/sync_test_env.h"

namespace sslstore::sync_testing {
namespace {

namespace v1 = sslstore::connector::v1;
using sslstore_sim::FaultConfig;
using sslstore_sim::FaultRule;
using sslstore_sim::FaultType;

// Checks that `records` hold each order the simulator has a certificate
// for exactly once.
void ExpectExactlyGroundTruth(const std::vector<v1::CertificateRecord>& records,
                              const sslstore_sim::Simulator& sim) {
  ExpectExactly(records, ExpectedRecords(sim));
}

class SyncStreamTest : public SyncEnvTest {
 protected:
  void Seed(int count, int active, int pending, int cancelled,
            int pending_reissue = 0) {
    const sslstore_sim::SeedSpec spec =
        SeedWeights(count, active, pending, cancelled, pending_reissue);
    ASSERT_TRUE(env_->sim().SeedOrders(spec).ok());
  }
};

TEST_F(SyncStreamTest, EmptyInventoryEndsWithSummaryAfterOnePage) {
  StartEnv(5);
  SyncRun run = RunSync(env_->stub(), v1::SyncCertificatesRequest());
  ASSERT_TRUE(run.status.ok()) << run.status.error_message();
  EXPECT_TRUE(run.records.empty());
  ASSERT_EQ(run.summaries.size(), 1u);
  EXPECT_EQ(run.kinds.back(), 'S');
  EXPECT_EQ(run.summaries[0].orders_processed(), 0);
  EXPECT_EQ(run.summaries[0].pages_fetched(), 1);
  EXPECT_TRUE(run.summaries[0].full_sync());
  EXPECT_EQ(env_->sim().CallCount("order/query"), 1);
}

TEST_F(SyncStreamTest, ExactlyOnePageFetchesTheEmptySecondPage) {
  StartEnv(5);
  Seed(5, 1, 0, 0);
  SyncRun run = RunSync(env_->stub(), v1::SyncCertificatesRequest());
  ASSERT_TRUE(run.status.ok()) << run.status.error_message();
  ExpectExactlyGroundTruth(run.records, env_->sim());
  EXPECT_EQ(run.records.size(), 5u);
  ASSERT_EQ(run.summaries.size(), 1u);
  EXPECT_EQ(run.summaries[0].pages_fetched(), 2);
  EXPECT_EQ(run.summaries[0].records_emitted(), 5);
  EXPECT_EQ(env_->sim().CallCount("order/query"), 2);
  EXPECT_EQ(env_->sim().CallCount("order/status"), 5);
  EXPECT_EQ(env_->sim().CallCount("order/download"), 5);
}

TEST_F(SyncStreamTest, PageSizePlusOneStopsOnTheShortPage) {
  StartEnv(5);
  Seed(6, 1, 0, 0);
  SyncRun run = RunSync(env_->stub(), v1::SyncCertificatesRequest());
  ASSERT_TRUE(run.status.ok()) << run.status.error_message();
  ExpectExactlyGroundTruth(run.records, env_->sim());
  EXPECT_EQ(run.records.size(), 6u);
  EXPECT_EQ(run.summaries.at(0).pages_fetched(), 2);
  EXPECT_EQ(env_->sim().CallCount("order/query"), 2);
}

TEST_F(SyncStreamTest, MixedInventoryStreamsEveryCertificateAndSkipsTheRest) {
  sslstore_sim::SimulatorOptions options;
  options.chain_order = sslstore_sim::ChainOrder::kShuffled;
  StartEnv(10, options);
  Seed(37, 3, 1, 1, 1);
  v1::SyncCertificatesRequest request;
  request.set_emit_progress(true);
  request.set_max_in_flight(4);
  SyncRun run = RunSync(env_->stub(), request);
  ASSERT_TRUE(run.status.ok()) << run.status.error_message();
  ExpectExactlyGroundTruth(run.records, env_->sim());
  int pending = 0;
  for (const auto& order : env_->sim().GroundTruth()) {
    if (order.major_status == "Pending") ++pending;
  }
  ASSERT_GT(pending, 0);
  EXPECT_EQ(static_cast<int>(run.skipped.size()), pending);
  for (const v1::SkippedOrder& skipped : run.skipped) {
    EXPECT_GT(skipped.sslstore_order_id(), 0);
    EXPECT_NE(skipped.reason().find("Pending"), std::string::npos);
  }
  for (const v1::CertificateRecord& record : run.records) {
    EXPECT_FALSE(record.chain().empty());
    EXPECT_NE(record.status(), v1::CERTIFICATE_STATUS_UNSPECIFIED);
  }
  ASSERT_EQ(run.summaries.size(), 1u);
  const v1::SyncSummary& summary = run.summaries[0];
  EXPECT_EQ(summary.orders_processed(), 37);
  EXPECT_EQ(summary.orders_processed(),
            summary.records_emitted() + summary.orders_skipped() +
                summary.orders_failed() + summary.orders_unchanged());
  EXPECT_EQ(summary.pages_fetched(), 4);
  EXPECT_GE(summary.upstream_calls(), 4 + 37 + summary.records_emitted());
  EXPECT_GT(
      summary.elapsed().seconds() * 1000000000LL + summary.elapsed().nanos(),
      0);
  // One progress message per page, each with a token; the summary is last.
  EXPECT_EQ(run.progress.size(), 4u);
  for (const v1::SyncProgress& progress : run.progress) {
    EXPECT_FALSE(progress.resume_token().empty());
  }
  EXPECT_EQ(run.progress.back().records_emitted(), summary.records_emitted());
  EXPECT_EQ(run.kinds.back(), 'S');
}

TEST_F(SyncStreamTest, IncrementalSyncDownloadsOnlyWhatCanHaveChanged) {
  StartEnv(10);
  Seed(40, 3, 0, 1);
  const absl::Time last_sync = absl::Now() - absl::Hours(24 * 30);
  int unchanged = 0;
  for (const auto& order : env_->sim().GroundTruth()) {
    if (order.major_status == "Active" &&
        order.certificate_not_before < last_sync - absl::Hours(24)) {
      ++unchanged;
    }
  }
  ASSERT_GT(unchanged, 0);
  ASSERT_LT(unchanged, 40);
  v1::SyncCertificatesRequest request;
  request.mutable_last_sync()->set_seconds(absl::ToUnixSeconds(last_sync));
  SyncRun run = RunSync(env_->stub(), request);
  ASSERT_TRUE(run.status.ok()) << run.status.error_message();
  const v1::SyncSummary& summary = run.summaries.at(0);
  EXPECT_FALSE(summary.full_sync());
  EXPECT_EQ(summary.orders_unchanged(), unchanged);
  EXPECT_EQ(summary.records_emitted(), 40 - unchanged);
  // Every order's status is read (query rows may lag); only the changed
  // ones are downloaded.
  EXPECT_EQ(env_->sim().CallCount("order/status"), 40);
  EXPECT_EQ(env_->sim().CallCount("order/download"), 40 - unchanged);

  // full_sync wins over last_sync.
  request.set_full_sync(true);
  SyncRun full = RunSync(env_->stub(), request);
  ASSERT_TRUE(full.status.ok());
  EXPECT_TRUE(full.summaries.at(0).full_sync());
  ExpectExactlyGroundTruth(full.records, env_->sim());
}

TEST_F(SyncStreamTest, PageFailureEndsWithResumeTokenAndResumeCompletes) {
  StartEnv(10);
  Seed(25, 1, 0, 0);
  env_->sim().SetFaults(QueryPage2Unavailable());
  SyncRun first = RunSync(env_->stub(), v1::SyncCertificatesRequest());
  EXPECT_EQ(first.status.error_code(), grpc::StatusCode::UNAVAILABLE);
  ASSERT_TRUE(first.has_resume_info) << first.status.error_message();
  EXPECT_EQ(first.resume_info.next_page(), 2);
  EXPECT_NE(first.resume_info.reason().find("page 2"), std::string::npos);
  EXPECT_EQ(first.records.size(), 10u);  // page 1 was still delivered
  EXPECT_TRUE(first.summaries.empty());

  env_->sim().ClearFaults();
  SyncRun second = ResumeSync(env_->stub(), first.resume_info.resume_token());
  ASSERT_TRUE(second.status.ok()) << second.status.error_message();
  ExpectExactlyGroundTruth(RecordsOf(first, second), env_->sim());
  EXPECT_EQ(second.summaries.at(0).orders_processed(), 15);
}

TEST_F(SyncStreamTest, OrderFailureEndsWithResumeTokenAndNothingTwice) {
  StartEnv(10);
  Seed(30, 1, 0, 0);
  FaultConfig faults;
  FaultRule rule;
  rule.endpoint = "order/download";
  rule.type = FaultType::kHttp500;
  rule.nth = 12;
  rule.times = 6;
  faults.rules.push_back(rule);
  env_->sim().SetFaults(faults);
  v1::SyncCertificatesRequest request;
  request.set_max_in_flight(1);  // deterministic: orders one at a time
  SyncRun first = RunSync(env_->stub(), request);
  EXPECT_EQ(first.status.error_code(), grpc::StatusCode::UNAVAILABLE);
  ASSERT_TRUE(first.has_resume_info);
  EXPECT_EQ(first.records.size(), 11u);
  EXPECT_EQ(first.resume_info.next_page(), 2);

  env_->sim().ClearFaults();
  request.set_max_in_flight(8);
  request.set_resume_token(first.resume_info.resume_token());
  SyncRun second = RunSync(env_->stub(), request);
  ASSERT_TRUE(second.status.ok()) << second.status.error_message();
  ExpectExactlyGroundTruth(RecordsOf(first, second), env_->sim());
}

TEST_F(SyncStreamTest, ProgressTokenResumesAfterWhatWasReceived) {
  StartEnv(10);
  Seed(30, 1, 0, 0);
  v1::SyncCertificatesRequest request;
  request.set_emit_progress(true);
  SyncRun full = RunSync(env_->stub(), request);
  ASSERT_TRUE(full.status.ok());
  ASSERT_GE(full.progress.size(), 2u);
  // Records received after the first progress message.
  const std::set<int64_t> after = IdsAfterFirstProgress(full);
  v1::SyncCertificatesRequest resume;
  resume.set_resume_token(full.progress[0].resume_token());
  SyncRun rest = RunSync(env_->stub(), resume);
  ASSERT_TRUE(rest.status.ok());
  std::set<int64_t> resumed;
  for (const auto& record : rest.records) {
    EXPECT_TRUE(resumed.insert(record.sslstore_order_id()).second);
  }
  EXPECT_EQ(resumed, after);
}

TEST_F(SyncStreamTest, FaultMixDeliversExactlyTheGroundTruthAcrossResumes) {
  StartEnv(20, {}, ShortTimeoutFewRetries);
  Seed(120, 3, 1, 1);
  env_->sim().SetFaults(FaultMix(7));

  ResumedSync sync;
  ASSERT_NO_FATAL_FAILURE(SyncUntilDone(env_->stub(), &sync));
  EXPECT_GT(env_->sim().FaultsFired(), 0);
  RecordProperty("resumes", sync.resumes);
  ExpectExactlyGroundTruth(sync.records, env_->sim());
}

TEST_F(SyncStreamTest, CancellationStopsAllUpstreamWorkWithinOneSecond) {
  StartEnv(10);
  Seed(60, 1, 0, 0);
  FaultConfig faults;
  FaultRule latency;
  latency.type = FaultType::kLatency;
  latency.rate = 1;
  latency.latency = absl::Milliseconds(150);
  faults.rules.push_back(latency);
  env_->sim().SetFaults(faults);
  SyncRun run = RunSync(env_->stub(), v1::SyncCertificatesRequest(),
                        absl::Seconds(60), /*cancel_after_messages=*/1);
  EXPECT_EQ(run.status.error_code(), grpc::StatusCode::CANCELLED);
  const absl::Time cancelled = absl::Now();
  while (env_->ClientStats().active_calls > 0 &&
         absl::Now() - cancelled < absl::Seconds(1)) {
    absl::SleepFor(absl::Milliseconds(2));  // measuring, not synchronising
  }
  EXPECT_EQ(env_->ClientStats().active_calls, 0);
  EXPECT_LT(env_->sim().CallCount("order/status"), 60);
}

TEST_F(SyncStreamTest, DeadlineStopsTheStream) {
  StartEnv(10);
  Seed(60, 1, 0, 0);
  FaultConfig faults;
  FaultRule latency;
  latency.type = FaultType::kLatency;
  latency.rate = 1;
  latency.latency = absl::Milliseconds(100);
  faults.rules.push_back(latency);
  env_->sim().SetFaults(faults);
  const absl::Time start = absl::Now();
  SyncRun run = RunSync(env_->stub(), v1::SyncCertificatesRequest(),
                        absl::Milliseconds(500));
  EXPECT_EQ(run.status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  const absl::Time ended = absl::Now();
  while (env_->ClientStats().active_calls > 0 &&
         absl::Now() - ended < absl::Seconds(1)) {
    absl::SleepFor(absl::Milliseconds(2));  // measuring, not synchronising
  }
  EXPECT_EQ(env_->ClientStats().active_calls, 0);
}

TEST_F(SyncStreamTest, BadRequestsAreRejectedNamingTheField) {
  StartEnv(10);
  v1::SyncCertificatesRequest request;
  request.set_resume_token("not-a-token");
  SyncRun run = RunSync(env_->stub(), request);
  EXPECT_EQ(run.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(run.status.error_details()));
  google::rpc::BadRequest bad_request;
  ASSERT_EQ(rich.details_size(), 2);  // the ErrorInfo, then the BadRequest
  ASSERT_TRUE(rich.details(1).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 1);
  EXPECT_EQ(bad_request.field_violations(0).field(), "resume_token");

  v1::SyncCertificatesRequest negative;
  negative.set_max_in_flight(-1);
  EXPECT_EQ(RunSync(env_->stub(), negative).status.error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  v1::SyncCertificatesRequest unknown;
  unknown.mutable_connection()->set_name("nope");
  EXPECT_EQ(RunSync(env_->stub(), unknown).status.error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(env_->sim().CallCount("order/query"), 0);
}

}  // namespace
}  // namespace sslstore::sync_testing
