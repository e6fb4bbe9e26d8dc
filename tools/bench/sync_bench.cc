// sync-bench: SyncCertificates throughput against the simulator with
// injected latency, beside the existing plugin's sequential algorithm on the
// same data.
//
//   sync-bench [--orders=1000] [--latency_ms=20] [--page_size=100]
//              [--max_in_flight=16] [--sim_threads=8] [--io_threads=1]
//              [--skip_sequential]
//
// Processes: the simulator and the gRPC client run in this (parent)
// process. The connector runs in a child forked before any thread starts:
// its CPU time is read from /proc/<pid>/stat just before and after the sync
// (so start-up is excluded) and its peak RSS is /proc/<pid>/status VmHWM.
// That CPU is the connector's alone: its gRPC server, sync reactor, WBAPI
// client (HTTPS, JSON) and certificate parsing; the simulator's and the
// benchmark's threads live in the parent. (Loopback TCP charges part of the
// receiving side's kernel work to the sender, in both directions.) On a
// shared, loaded machine the figure varies by +-20% between runs.
// The sequential algorithm (each page, then per order one /order/status and
// one /order/download, one call at a time) runs in a second child that
// reports its own wall time, CPU (getrusage) and VmHWM. Calls are counted by
// the simulator.
// After the full sync, the same connector runs an incremental sync with
// last_sync = the full sync's start, as a caller would next: every order's
// status is read, only certificates started since last_sync minus the
// margin (and orders not issued) are downloaded; the calls it saves against
// the full sync are printed.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "catalog/catalog.h"
#include "google/protobuf/util/time_util.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/server.h"
#include "service/server/worker_pool.h"
#include "service/sync/sync_reactor.h"
#include "service/upstream/connection_registry.h"
#include "service/upstream/service_deps.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"
#include "sslstore_client/sslstore_client.h"
#include "tools/bench/common/bench_child.h"
#include "tools/bench/common/latency_simulator.h"
#include "tools/bench/common/loopback_grpc_server.h"
#include "tools/sslstore-sim/simulator.h"

ABSL_FLAG(int, orders, 1000, "Orders seeded (mixed statuses)");
ABSL_FLAG(int, latency_ms, 20, "Latency injected on every WBAPI call");
ABSL_FLAG(int, page_size, 100, "Connection page size");
ABSL_FLAG(int, max_in_flight, 16, "SyncCertificatesRequest.max_in_flight");
ABSL_FLAG(int, sim_threads, 8, "Simulator threads");
ABSL_FLAG(bool, skip_sequential, false, "Only measure the connector");
ABSL_FLAG(int, io_threads, 1, "WBAPI client io threads");

namespace {

namespace v1 = sslstore::connector::v1;

using sslstore::bench::Child;
using sslstore::bench::ReadLine;
using sslstore::bench::Reap;
using sslstore::bench::Spawn;
using sslstore::bench::StartLatencySimulator;
using sslstore::bench::StartLoopbackServer;
using sslstore::bench::TotalCalls;
using sslstore::bench::WriteLine;

long ProcStatus(pid_t pid, const std::string& key) {  // kB
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) == 0) {
      std::istringstream fields(line.substr(key.size() + 1));
      long value = 0;
      fields >> value;
      return value;
    }
  }
  return -1;
}

// User and system CPU of every thread of `pid` (live and exited), in ms.
struct CpuMs {
  double user = -1, system = -1;
  double total() const { return user + system; }
};

CpuMs ProcCpu(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/stat"));
  std::string text((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  const size_t close = text.rfind(')');
  if (close == std::string::npos) return {};
  std::vector<std::string> fields = absl::StrSplit(text.substr(close + 2), ' ');
  if (fields.size() < 13) return {};
  double utime = 0, stime = 0;  // fields 14 and 15 of stat
  if (!absl::SimpleAtod(fields[11], &utime) ||
      !absl::SimpleAtod(fields[12], &stime)) {
    return {};
  }
  const double ms_per_tick = 1000.0 / sysconf(_SC_CLK_TCK);
  return {utime * ms_per_tick, stime * ms_per_tick};
}

// Settings the parent sends: "<url> <ca_file> <page_size> <partner> <token>".
struct Upstream {
  std::string url, ca_file, partner, token;
  int page_size = 100;
};

Upstream ParseUpstream(const std::string& line) {
  std::vector<std::string> f = absl::StrSplit(line, ' ');
  Upstream up;
  if (f.size() < 5) return up;
  up.url = f[0];
  up.ca_file = f[1];
  (void)absl::SimpleAtoi(f[2], &up.page_size);
  up.partner = f[3];
  up.token = f[4];
  return up;
}

sslstore::client::ClientOptions ClientOptionsFor(const Upstream& up) {
  sslstore::client::ClientOptions options;
  options.base_url = up.url;
  options.partner_code = up.partner;
  options.auth_token = up.token;
  options.ca_file = up.ca_file;
  // Orders in flight plus the prefetched page.
  options.max_connections_per_host = absl::GetFlag(FLAGS_max_in_flight) + 2;
  options.io_threads = absl::GetFlag(FLAGS_io_threads);
  return options;
}

// One SyncCertificates stream read to its end.
struct StreamResult {
  grpc::Status status;
  int64_t records = 0;
  v1::SyncSummary summary;
  double wall_ms = 0;
};

StreamResult RunStream(v1::ConnectorService::Stub& stub,
                       const v1::SyncCertificatesRequest& request) {
  StreamResult result;
  const absl::Time start = absl::Now();
  grpc::ClientContext context;
  auto reader = stub.SyncCertificates(&context, request);
  v1::SyncCertificatesResponse message;
  while (reader->Read(&message)) {
    if (message.has_record()) ++result.records;
    if (message.has_summary()) result.summary = message.summary();
  }
  result.status = reader->Finish();
  result.wall_ms = absl::ToDoubleMilliseconds(absl::Now() - start);
  return result;
}

class SyncOnlyService final : public v1::ConnectorService::CallbackService {
 public:
  explicit SyncOnlyService(sslstore::service::ServiceDeps deps) : deps_(deps) {}
  grpc::ServerWriteReactor<v1::SyncCertificatesResponse>* SyncCertificates(
      grpc::CallbackServerContext* context,
      const v1::SyncCertificatesRequest* request) override {
    return sslstore::service::StartSync(deps_, context, request);
  }

 private:
  sslstore::service::ServiceDeps deps_;
};

// Child: the connector's sync service until the parent closes the pipe.
int RunConnectorChild(int in, int out) {
  const Upstream up = ParseUpstream(ReadLine(in));
  auto catalog = sslstore::catalog::Catalog::LoadFromDirectory(
      sslstore::catalog::BuiltInCatalogDir());
  if (!catalog.ok()) return 2;
  sslstore::service::ConnectionSettings settings;
  settings.name = "default";
  settings.sslstore_url = up.url;
  settings.partner_code = up.partner;
  settings.auth_token = sslstore::service::Secret(up.token);
  settings.ca_file = up.ca_file;
  settings.page_size = up.page_size;
  sslstore::service::ConnectionRegistry registry({{"default", settings}},
                                                 ClientOptionsFor(up));
  sslstore::service::WorkerPool workers(1, 8);
  sslstore::service::TimerService timers;
  SyncOnlyService service({.catalog = **catalog,
                           .connections = registry,
                           .workers = workers,
                           .timers = &timers});
  int port = 0;
  std::unique_ptr<grpc::Server> server = StartLoopbackServer(&service, &port);
  if (server == nullptr) return 3;
  WriteLine(out, absl::StrCat(port));
  ReadLine(in);  // returns at EOF
  server->Shutdown();
  return 0;
}

// Child: the existing plugin's algorithm, one call at a time.
int RunSequentialChild(int in, int out) {
  const Upstream up = ParseUpstream(ReadLine(in));
  auto client = sslstore::client::SslStoreClient::Create(ClientOptionsFor(up));
  if (!client.ok()) return 2;
  const absl::Time start = absl::Now();
  int64_t certificates = 0, errors = 0;
  for (int page = 1;; ++page) {
    sslstore::client::QueryRequest query;
    query.page_number = page;
    query.page_size = up.page_size;
    auto rows = (*client)->QuerySync(query);
    if (!rows.ok()) {
      ++errors;
      break;
    }
    for (const auto& row : rows->orders) {
      sslstore::client::OrderRef ref;
      ref.the_sslstore_order_id = row.the_sslstore_order_id;
      if (!(*client)->StatusSync(ref).ok()) ++errors;
      auto download = (*client)->DownloadSync(ref);
      if (download.ok() && !download->certificates.empty()) ++certificates;
    }
    if (rows->row_count < up.page_size) break;
  }
  const double wall_ms = absl::ToDoubleMilliseconds(absl::Now() - start);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double cpu_ms =
      (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
      (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
  WriteLine(out, absl::StrCat(certificates, " ", wall_ms, " ", cpu_ms, " ",
                              ProcStatus(getpid(), "VmHWM"), " ", errors));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  // Fork before any thread exists.
  Child connector = Spawn(RunConnectorChild);
  Child sequential;
  if (!absl::GetFlag(FLAGS_skip_sequential)) {
    sequential = Spawn(RunSequentialChild);
  }
  if (connector.pid < 0) return 1;

  sslstore_sim::SimulatorOptions options;
  options.threads = absl::GetFlag(FLAGS_sim_threads);
  const int orders = absl::GetFlag(FLAGS_orders);
  const int latency_ms = absl::GetFlag(FLAGS_latency_ms);
  auto sim = StartLatencySimulator(options, orders, latency_ms);
  if (!sim.ok()) {
    std::fprintf(stderr, "simulator: %s\n", sim.status().ToString().c_str());
    return 1;
  }
  const std::string upstream =
      absl::StrCat((*sim)->base_url(), " ", (*sim)->ca_file(), " ",
                   absl::GetFlag(FLAGS_page_size), " ", (*sim)->partner_code(),
                   " ", options.auth_token);
  const int concurrency = absl::GetFlag(FLAGS_max_in_flight);

  // (a) the connector.
  WriteLine(connector.to_child, upstream);
  const std::string port = ReadLine(connector.from_child);
  if (port.empty()) return 1;
  auto stub = v1::ConnectorService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  const long rss_before = ProcStatus(connector.pid, "VmHWM");
  const int64_t calls_before = TotalCalls(**sim);
  const CpuMs cpu_before = ProcCpu(connector.pid);
  const absl::Time full_start = absl::Now();
  v1::SyncCertificatesRequest request;
  request.set_max_in_flight(concurrency);
  const StreamResult full = RunStream(*stub, request);
  const grpc::Status& status = full.status;
  const int64_t records = full.records;
  const v1::SyncSummary& summary = full.summary;
  const double wall_ms = full.wall_ms;
  const CpuMs cpu_after = ProcCpu(connector.pid);
  const double cpu_ms = cpu_after.total() - cpu_before.total();
  const double user_ms = cpu_after.user - cpu_before.user;
  const int64_t calls = TotalCalls(**sim) - calls_before;
  const long rss_kb = ProcStatus(connector.pid, "VmHWM");

  // (a') the next sync, incremental since the full one.
  v1::SyncCertificatesRequest incremental_request = request;
  *incremental_request.mutable_last_sync() =
      google::protobuf::util::TimeUtil::SecondsToTimestamp(
          absl::ToUnixSeconds(full_start));
  const int64_t incremental_before = TotalCalls(**sim);
  const StreamResult incremental = RunStream(*stub, incremental_request);
  const int64_t incremental_calls = TotalCalls(**sim) - incremental_before;
  Reap(connector);
  const double bound_ms = static_cast<double>(calls) * latency_ms / concurrency;
  std::printf("orders=%d latency=%dms page_size=%d max_in_flight=%d\n", orders,
              latency_ms, absl::GetFlag(FLAGS_page_size), concurrency);
  std::printf(
      "(a) connector : status=%d records=%lld wall=%.0fms calls=%lld "
      "bound=%.0fms (wall/bound=%.2f) cpu=%.0fms (user %.0fms, system "
      "%.0fms; %.1fms per 1000 orders) peak_rss=%.1fMB (before sync "
      "%.1fMB)\n",
      static_cast<int>(status.error_code()), static_cast<long long>(records),
      wall_ms, static_cast<long long>(calls), bound_ms, wall_ms / bound_ms,
      cpu_ms, user_ms, cpu_ms - user_ms, cpu_ms * 1000.0 / std::max(1, orders),
      rss_kb / 1024.0, rss_before / 1024.0);
  std::printf(
      "    summary: processed=%lld emitted=%lld skipped=%lld "
      "failed=%lld pages=%lld\n",
      static_cast<long long>(summary.orders_processed()),
      static_cast<long long>(summary.records_emitted()),
      static_cast<long long>(summary.orders_skipped()),
      static_cast<long long>(summary.orders_failed()),
      static_cast<long long>(summary.pages_fetched()));
  std::printf(
      "(a') incremental (last_sync = the full sync's start): status=%d "
      "records=%lld wall=%.0fms calls=%lld unchanged=%lld\n",
      static_cast<int>(incremental.status.error_code()),
      static_cast<long long>(incremental.records), incremental.wall_ms,
      static_cast<long long>(incremental_calls),
      static_cast<long long>(incremental.summary.orders_unchanged()));
  std::printf(
      "    calls: full=%lld incremental=%lld saved=%lld (%.0f%%; the "
      "downloads of unchanged certificates)\n",
      static_cast<long long>(calls), static_cast<long long>(incremental_calls),
      static_cast<long long>(calls - incremental_calls),
      calls > 0 ? 100.0 * static_cast<double>(calls - incremental_calls) /
                      static_cast<double>(calls)
                : 0.0);

  // (b) the sequential algorithm.
  if (sequential.pid > 0) {
    const int64_t seq_before = TotalCalls(**sim);
    WriteLine(sequential.to_child, upstream);
    std::vector<std::string> f =
        absl::StrSplit(ReadLine(sequential.from_child), ' ');
    waitpid(sequential.pid, nullptr, 0);
    const int64_t seq_calls = TotalCalls(**sim) - seq_before;
    if (f.size() >= 5) {
      double seq_wall = 0;
      (void)absl::SimpleAtod(f[1], &seq_wall);
      std::printf(
          "(b) sequential: records=%s wall=%.0fms calls=%lld cpu=%sms "
          "peak_rss=%.1fMB errors=%s\n",
          f[0].c_str(), seq_wall, static_cast<long long>(seq_calls),
          f[2].c_str(), std::atol(f[3].c_str()) / 1024.0, f[4].c_str());
      std::printf("speed-up (b)/(a) = %.1fx\n", seq_wall / wall_ms);
    }
  }
  return status.ok() && incremental.status.ok() ? 0 : 1;
}
