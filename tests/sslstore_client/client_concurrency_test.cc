// Hundreds of parallel calls over the bounded pool, with no leak.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/blocking_counter.h"
#include "gtest/gtest.h"
#include "sslstore_client/sslstore_client.h"
#include "tests/sslstore_client/client_test_support.h"

namespace sslstore::client {
namespace {

using sslstore_sim::FaultConfig;
using sslstore_sim::FaultRule;
using sslstore_sim::FaultType;
using testing::MakeClient;
using testing::OptionsFor;
using testing::StartSimulator;

TEST(ClientConcurrencyTest, HundredsOfParallelCallsFromManyThreads) {
  std::unique_ptr<sslstore_sim::Simulator> sim = StartSimulator();
  ASSERT_NE(sim, nullptr);
  absl::StatusOr<std::vector<int64_t>> ids = sim->SeedOrders(20, 1, 0, 0);
  ASSERT_TRUE(ids.ok()) << ids.status();
  // Some transient faults so retries run concurrently too.
  FaultConfig faults;
  faults.seed = 7;
  FaultRule rule;
  rule.endpoint = "*";
  rule.type = FaultType::kHttp503;
  rule.rate = 0.05;
  faults.rules.push_back(rule);
  sim->SetFaults(faults);

  ClientOptions options = OptionsFor(*sim);
  options.max_connections_per_host = 6;
  options.retry.max_retries = 20;  // 5% faults must not fail a call here
  std::unique_ptr<SslStoreClient> client = MakeClient(options);
  ASSERT_NE(client, nullptr);

  constexpr int kThreads = 8;
  constexpr int kCallsPerThread = 50;
  absl::BlockingCounter pending(kThreads * kCallsPerThread);
  std::atomic<int> ok{0};
  std::atomic<int> matched{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCallsPerThread; ++i) {
        OrderRef ref;
        ref.the_sslstore_order_id =
            std::to_string((*ids)[(t * kCallsPerThread + i) % ids->size()]);
        auto check = [&, expected = ref.the_sslstore_order_id](
                         absl::StatusOr<OrderResponse> r) {
          if (r.ok()) {
            ++ok;
            if (r->the_sslstore_order_id == expected) ++matched;
          }
          pending.DecrementCount();
        };
        if (i % 2 == 0) {
          client->Status(ref, check);
        } else {
          client->Download(ref, [&, check](absl::StatusOr<DownloadResponse> r) {
            if (r.ok()) {
              ++ok;
              if (r->certificates.size() == 3) ++matched;
            }
            pending.DecrementCount();
          });
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  pending.Wait();
  EXPECT_EQ(ok.load(), kThreads * kCallsPerThread);
  EXPECT_EQ(matched.load(), kThreads * kCallsPerThread);
  ClientStats stats = client->Stats();
  EXPECT_EQ(stats.active_calls, 0);
  EXPECT_EQ(stats.waiting_calls, 0);
  EXPECT_LE(stats.open_connections, 6);
  EXPECT_LE(stats.connections_opened, 6 + stats.retries);
  EXPECT_GT(stats.retries, 0);
  EXPECT_EQ(stats.attempts, kThreads * kCallsPerThread + stats.retries);
}

TEST(ClientConcurrencyTest, DestroyingTheClientCancelsWhatIsInFlight) {
  std::unique_ptr<sslstore_sim::Simulator> sim = StartSimulator();
  ASSERT_NE(sim, nullptr);
  FaultConfig faults;
  FaultRule rule;
  rule.endpoint = "*";
  rule.type = FaultType::kLatency;
  rule.rate = 1;
  rule.latency = absl::Seconds(30);
  faults.rules.push_back(rule);
  sim->SetFaults(faults);
  std::unique_ptr<SslStoreClient> client = MakeClient(OptionsFor(*sim));
  constexpr int kCalls = 40;  // more than the pool: some wait in the queue
  std::atomic<int> cancelled{0};
  std::atomic<int> completed{0};
  for (int i = 0; i < kCalls; ++i) {
    client->HealthStatus([&](absl::StatusOr<HealthResponse> r) {
      if (r.status().code() == absl::StatusCode::kCancelled) ++cancelled;
      ++completed;
    });
  }
  absl::Time start = absl::Now();
  client.reset();
  EXPECT_LT(absl::Now() - start, absl::Seconds(20));
  EXPECT_EQ(completed.load(), kCalls);
  EXPECT_EQ(cancelled.load(), kCalls);
}

}  // namespace
}  // namespace sslstore::client
