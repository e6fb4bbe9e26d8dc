#include "tests/service/sync/sync_test_env.h"

#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_replace.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "service/sync/sync_reactor.h"
#include "service/upstream/service_deps.h"

namespace sslstore::sync_testing {

namespace v1 = sslstore::connector::v1;

class SyncTestEnv::Service final
    : public v1::ConnectorService::CallbackService {
 public:
  explicit Service(service::ServiceDeps deps) : deps_(deps) {}
  grpc::ServerWriteReactor<v1::SyncCertificatesResponse>* SyncCertificates(
      grpc::CallbackServerContext* context,
      const v1::SyncCertificatesRequest* request) override {
    return service::StartSync(deps_, context, request);
  }

 private:
  service::ServiceDeps deps_;
};

absl::StatusOr<std::unique_ptr<SyncTestEnv>> SyncTestEnv::Start(
    int page_size, sslstore_sim::SimulatorOptions sim_options,
    std::function<void(client::ClientOptions&)> tweak) {
  std::unique_ptr<SyncTestEnv> env(new SyncTestEnv());
  const std::string token = sim_options.auth_token;
  absl::StatusOr<std::unique_ptr<sslstore_sim::Simulator>> sim =
      sslstore_sim::Simulator::Start(std::move(sim_options));
  if (!sim.ok()) return sim.status();
  env->sim_ = *std::move(sim);
  absl::StatusOr<std::unique_ptr<catalog::Catalog>> catalog =
      catalog::Catalog::LoadFromDirectory(catalog::BuiltInCatalogDir());
  if (!catalog.ok()) return catalog.status();
  env->catalog_ = *std::move(catalog);

  service::ConnectionSettings& settings = env->settings_;
  settings.name = "default";
  settings.sslstore_url = env->sim_->base_url();
  settings.partner_code = env->sim_->partner_code();
  settings.auth_token = service::Secret(token);
  settings.ca_file = env->sim_->ca_file();
  settings.page_size = page_size;
  client::ClientOptions options;
  options.ca_file = env->sim_->ca_file();
  options.retry.initial_backoff = absl::Milliseconds(1);
  options.retry.max_backoff = absl::Milliseconds(20);
  options.retry.max_retry_after = absl::Milliseconds(50);
  options.request_timeout = absl::Seconds(5);
  options.total_timeout = absl::Seconds(30);
  if (tweak) tweak(options);
  env->registry_ = std::make_unique<service::ConnectionRegistry>(
      std::map<std::string, service::ConnectionSettings>{{"default", settings}},
      options);
  env->workers_ = std::make_unique<service::WorkerPool>(1, 8);
  env->timers_ = std::make_unique<service::TimerService>();
  env->service_ = std::make_unique<Service>(
      service::ServiceDeps{.catalog = *env->catalog_,
                           .connections = *env->registry_,
                           .workers = *env->workers_,
                           .timers = env->timers_.get()});
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &port);
  builder.RegisterService(env->service_.get());
  env->server_ = builder.BuildAndStart();
  if (env->server_ == nullptr || port == 0) {
    return absl::UnavailableError("cannot start the gRPC server");
  }
  env->stub_ = v1::ConnectorService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  return env;
}

SyncTestEnv::~SyncTestEnv() {
  if (server_ != nullptr) {
    server_->Shutdown(std::chrono::system_clock::now() +
                      std::chrono::seconds(5));
  }
  server_.reset();
  timers_.reset();  // a hold still pending fires as cancelled
  service_.reset();
  registry_.reset();  // clients stop before the simulator does
}

client::ClientStats SyncTestEnv::ClientStats() {
  absl::StatusOr<std::shared_ptr<client::Wbapi>> client =
      registry_->ClientFor(settings_);
  return client.ok() ? (*client)->Stats() : client::ClientStats{};
}

SyncRun RunSync(
    v1::ConnectorService::Stub& stub,
    const v1::SyncCertificatesRequest& request, absl::Duration timeout,
    int cancel_after_messages,
    std::function<void(const v1::SyncCertificatesResponse&)> on_message) {
  SyncRun run;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  std::unique_ptr<grpc::ClientReader<v1::SyncCertificatesResponse>> reader =
      stub.SyncCertificates(&context, request);
  v1::SyncCertificatesResponse message;
  int count = 0;
  while (reader->Read(&message)) {
    switch (message.event_case()) {
      case v1::SyncCertificatesResponse::kRecord:
        run.records.push_back(message.record());
        run.kinds.push_back('r');
        break;
      case v1::SyncCertificatesResponse::kSkipped:
        run.skipped.push_back(message.skipped());
        run.kinds.push_back('s');
        break;
      case v1::SyncCertificatesResponse::kProgress:
        run.progress.push_back(message.progress());
        run.kinds.push_back('p');
        break;
      case v1::SyncCertificatesResponse::kSummary:
        run.summaries.push_back(message.summary());
        run.kinds.push_back('S');
        break;
      default:
        run.kinds.push_back('?');
    }
    if (on_message) on_message(message);
    if (cancel_after_messages > 0 && ++count == cancel_after_messages) {
      context.TryCancel();
    }
  }
  run.status = reader->Finish();
  google::rpc::Status rich;
  if (!run.status.error_details().empty() &&
      rich.ParseFromString(run.status.error_details())) {
    for (const google::protobuf::Any& detail : rich.details()) {
      if (detail.UnpackTo(&run.resume_info)) run.has_resume_info = true;
    }
  }
  return run;
}

namespace {

std::string StripSpace(std::string text) {
  return absl::StrReplaceAll(text, {{"\n", ""}, {"\r", ""}, {" ", ""}});
}

}  // namespace

std::map<int64_t, sslstore_sim::GroundTruthOrder> ExpectedRecords(
    const sslstore_sim::Simulator& sim) {
  std::map<int64_t, sslstore_sim::GroundTruthOrder> expected;
  for (const sslstore_sim::GroundTruthOrder& order : sim.GroundTruth()) {
    if (order.certificate_pem.empty()) continue;
    if (order.major_status != "Active" && order.major_status != "Cancelled") {
      continue;
    }
    expected[order.id] = order;
  }
  return expected;
}

void ExpectExactly(
    const std::vector<v1::CertificateRecord>& records,
    const std::map<int64_t, sslstore_sim::GroundTruthOrder>& expected) {
  std::set<int64_t> seen;
  for (const v1::CertificateRecord& record : records) {
    const int64_t id = record.sslstore_order_id();
    EXPECT_TRUE(seen.insert(id).second) << "order " << id << " twice";
    auto found = expected.find(id);
    if (found == expected.end()) {
      ADD_FAILURE() << "unexpected record for order " << id;
      continue;
    }
    EXPECT_EQ(StripSpace(record.certificate_pem()),
              StripSpace(found->second.certificate_pem))
        << "order " << id;
    EXPECT_FALSE(record.certificate_der().empty());
    EXPECT_EQ(record.ca_request_id(),
              absl::StrCat(id, "-", found->second.partner_order_id));
  }
  EXPECT_EQ(seen.size(), expected.size());
}

void SyncEnvTest::StartEnv(int page_size,
                           sslstore_sim::SimulatorOptions options,
                           std::function<void(client::ClientOptions&)> tweak) {
  absl::StatusOr<std::unique_ptr<SyncTestEnv>> env =
      SyncTestEnv::Start(page_size, std::move(options), std::move(tweak));
  ASSERT_TRUE(env.ok()) << env.status();
  env_ = *std::move(env);
}

void SyncUntilDone(v1::ConnectorService::Stub& stub, ResumedSync* result,
                   std::function<void()> on_first_record,
                   std::function<void()> on_resume) {
  v1::SyncCertificatesRequest request;
  SyncRun run;
  for (int attempt = 0; attempt < 40; ++attempt) {
    bool first_record_seen = false;
    run = RunSync(stub, request, absl::Seconds(120), 0,
                  [&](const v1::SyncCertificatesResponse& message) {
                    if (!first_record_seen && message.has_record()) {
                      first_record_seen = true;
                      if (on_first_record) on_first_record();
                    }
                  });
    result->records.insert(result->records.end(), run.records.begin(),
                           run.records.end());
    if (run.status.ok()) break;
    ASSERT_EQ(run.status.error_code(), grpc::StatusCode::UNAVAILABLE)
        << run.status.error_message();
    ASSERT_TRUE(run.has_resume_info);
    request.set_resume_token(run.resume_info.resume_token());
    if (on_resume) on_resume();
    ++result->resumes;
  }
  ASSERT_TRUE(run.status.ok()) << "still failing after " << result->resumes;
}

sslstore_sim::FaultConfig QueryPage2Unavailable() {
  sslstore_sim::FaultRule rule;
  rule.endpoint = "order/query";
  rule.type = sslstore_sim::FaultType::kHttp503;
  rule.nth = 2;
  rule.times = 6;  // the first attempt and all 5 retries of page 2
  sslstore_sim::FaultConfig faults;
  faults.rules.push_back(rule);
  return faults;
}

SyncRun ResumeSync(v1::ConnectorService::Stub& stub,
                   const std::string& resume_token) {
  v1::SyncCertificatesRequest resume;
  resume.set_resume_token(resume_token);
  return RunSync(stub, resume);
}

std::vector<v1::CertificateRecord> RecordsOf(const SyncRun& first,
                                             const SyncRun& second) {
  std::vector<v1::CertificateRecord> all = first.records;
  all.insert(all.end(), second.records.begin(), second.records.end());
  return all;
}

std::set<int64_t> IdsAfterFirstProgress(const SyncRun& run) {
  std::set<int64_t> after;
  bool passed = false;
  size_t record_index = 0;
  for (char kind : run.kinds) {
    if (kind == 'p') passed = true;
    if (kind != 'r') continue;
    if (passed) after.insert(run.records[record_index].sslstore_order_id());
    ++record_index;
  }
  return after;
}

sslstore_sim::FaultConfig FaultMix(uint64_t seed) {
  using sslstore_sim::FaultType;
  sslstore_sim::FaultConfig faults;
  faults.seed = seed;
  auto add = [&](FaultType type, double rate) {
    sslstore_sim::FaultRule rule;
    rule.type = type;
    rule.rate = rate;
    if (type == FaultType::kLatency) rule.latency = absl::Seconds(1);
    faults.rules.push_back(rule);
  };
  add(FaultType::kHttp500, 0.05);
  add(FaultType::kHttp503, 0.05);
  add(FaultType::kDropAfter, 0.05);
  add(FaultType::kLatency, 0.05);  // beyond the request timeout
  add(FaultType::kMalformedJson, 0.02);
  return faults;
}

void ShortTimeoutFewRetries(client::ClientOptions& options) {
  options.request_timeout = absl::Milliseconds(400);
  options.retry.max_retries = 2;  // fewer retries: resumes really happen
}

sslstore_sim::SeedSpec SeedWeights(int count, int active, int pending,
                                   int cancelled, int pending_reissue) {
  sslstore_sim::SeedSpec spec;
  spec.count = count;
  spec.active_weight = active;
  spec.pending_weight = pending;
  spec.cancelled_weight = cancelled;
  spec.pending_reissue_weight = pending_reissue;
  return spec;
}

}  // namespace sslstore::sync_testing
