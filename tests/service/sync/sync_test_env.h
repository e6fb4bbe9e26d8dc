#ifndef TESTS_SERVICE_SYNC_SYNC_TEST_ENV_H_
#define TESTS_SERVICE_SYNC_SYNC_TEST_ENV_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "catalog/catalog.h"
#include "grpcpp/server.h"
#include "gtest/gtest.h"
#include "service/server/timer_service.h"
#include "service/server/worker_pool.h"
#include "service/upstream/connection_registry.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"
#include "tools/sslstore-sim/simulator.h"

namespace sslstore::sync_testing {

// The simulator (HTTPS on 127.0.0.1:0) and a gRPC server on 127.0.0.1:0
// whose SyncCertificates is served by service::StartSync, with a "default"
// connection pointing at the simulator.
class SyncTestEnv {
 public:
  // `page_size` is the connection's page size; `tweak` may change the
  // client options (timeouts, retries) before the connection is created.
  static absl::StatusOr<std::unique_ptr<SyncTestEnv>> Start(
      int page_size, sslstore_sim::SimulatorOptions sim_options = {},
      std::function<void(client::ClientOptions&)> tweak = {});
  ~SyncTestEnv();

  sslstore_sim::Simulator& sim() { return *sim_; }
  sslstore::connector::v1::ConnectorService::Stub& stub() { return *stub_; }
  // Counters of the default connection's client.
  client::ClientStats ClientStats();

 private:
  class Service;
  SyncTestEnv() = default;

  std::unique_ptr<sslstore_sim::Simulator> sim_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<service::ConnectionRegistry> registry_;
  std::unique_ptr<service::WorkerPool> workers_;
  // Ends the holds of records batched for writing, as in the server.
  std::unique_ptr<service::TimerService> timers_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<sslstore::connector::v1::ConnectorService::Stub> stub_;
  service::ConnectionSettings settings_;
};

// A test that runs against one SyncTestEnv, kept in `env_`.
class SyncEnvTest : public ::testing::Test {
 protected:
  // Starts `env_` (see SyncTestEnv::Start), failing the test fatally when
  // it cannot start.
  void StartEnv(int page_size, sslstore_sim::SimulatorOptions options = {},
                std::function<void(client::ClientOptions&)> tweak = {});

  std::unique_ptr<SyncTestEnv> env_;
};

// Everything one SyncCertificates stream returned.
struct SyncRun {
  std::vector<sslstore::connector::v1::CertificateRecord> records;
  std::vector<sslstore::connector::v1::SkippedOrder> skipped;
  std::vector<sslstore::connector::v1::SyncProgress> progress;
  std::vector<sslstore::connector::v1::SyncSummary> summaries;
  // Index in the stream of every message, by kind, for ordering checks.
  std::vector<char> kinds;  // 'r', 's', 'p', 'S'
  grpc::Status status;
  // Set when the status carries a SyncResumeInfo detail.
  bool has_resume_info = false;
  sslstore::connector::v1::SyncResumeInfo resume_info;
};

// Runs one stream to its end. `cancel_after_messages` > 0 cancels the call
// after that many messages. `on_message`, when set, runs after each message
// is read (e.g. to change the simulator at a known point of the stream).
SyncRun RunSync(sslstore::connector::v1::ConnectorService::Stub& stub,
                const sslstore::connector::v1::SyncCertificatesRequest& request,
                absl::Duration timeout = absl::Seconds(120),
                int cancel_after_messages = 0,
                std::function<void(
                    const sslstore::connector::v1::SyncCertificatesResponse&)>
                    on_message = {});

// The orders a full sync must deliver, by id: Active or Cancelled with a
// certificate.
std::map<int64_t, sslstore_sim::GroundTruthOrder> ExpectedRecords(
    const sslstore_sim::Simulator& sim);

// Checks that `records` hold each order of `expected` exactly once, with
// its certificate, and nothing else.
void ExpectExactly(
    const std::vector<sslstore::connector::v1::CertificateRecord>& records,
    const std::map<int64_t, sslstore_sim::GroundTruthOrder>& expected);

// Every record of a sync resumed until it ended, and how often it resumed.
struct ResumedSync {
  std::vector<sslstore::connector::v1::CertificateRecord> records;
  int resumes = 0;
};

// Runs a full sync, resuming each stream that fails UNAVAILABLE with the
// token it carries, until one ends OK (at most 40 streams). When set,
// `on_first_record` runs as each stream delivers its first record and
// `on_resume` before each resume. Fails the test fatally when a stream fails
// otherwise or carries no token, or the last one still fails.
void SyncUntilDone(sslstore::connector::v1::ConnectorService::Stub& stub,
                   ResumedSync* result,
                   std::function<void()> on_first_record = {},
                   std::function<void()> on_resume = {});

// Faults that answer the second order/query (page 2) and all 5 of its
// retries with HTTP 503, so that the stream ends with a resume token.
sslstore_sim::FaultConfig QueryPage2Unavailable();

// Runs one stream resuming from `resume_token`.
SyncRun ResumeSync(sslstore::connector::v1::ConnectorService::Stub& stub,
                   const std::string& resume_token);

// The records of `first` followed by those of `second`.
std::vector<sslstore::connector::v1::CertificateRecord> RecordsOf(
    const SyncRun& first, const SyncRun& second);

// The order ids of the records `run` received after its first progress
// message.
std::set<int64_t> IdsAfterFirstProgress(const SyncRun& run);

// The fault mix of the resume tests, drawn with `seed`: HTTP 500 and 503,
// dropped connections and one-second latency at 5% each, malformed JSON at
// 2%.
sslstore_sim::FaultConfig FaultMix(uint64_t seed);

// Client options for the fault-mix tests: a 400 ms request timeout (below
// the mix's latency) and two retries, so that streams really end and resume.
void ShortTimeoutFewRetries(client::ClientOptions& options);

// A seed of `count` orders drawn with the given state weights.
sslstore_sim::SeedSpec SeedWeights(int count, int active, int pending,
                                   int cancelled, int pending_reissue = 0);

}  // namespace sslstore::sync_testing

#endif  // TESTS_SERVICE_SYNC_SYNC_TEST_ENV_H_
