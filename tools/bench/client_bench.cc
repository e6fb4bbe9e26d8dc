// client-bench: measures the WBAPI client (sslstore_client) against the
// simulator with no injected latency: calls per second over the connection
// pool, client CPU per call and latency percentiles.
//
//   client-bench [--seconds=5] [--concurrency=32] [--connections=16]
//                [--io_threads=2] [--orders=1000] [--endpoint=status]
//                [--sim_threads=2]
//
// The simulator runs in a forked child process, so the CPU time measured
// (getrusage of this process) is the client's alone: its io threads, JSON
// writing and parsing, TLS, plus this driver.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "sslstore_client/sslstore_client.h"
#include "tools/sslstore-sim/simulator.h"

ABSL_FLAG(int, seconds, 5, "Measured duration");
ABSL_FLAG(int, concurrency, 32, "Calls kept in flight");
ABSL_FLAG(int, connections, 16, "Client max_connections_per_host");
ABSL_FLAG(int, io_threads, 2, "Client io threads");
ABSL_FLAG(int, orders, 1000, "Orders seeded in the simulator");
ABSL_FLAG(std::string, endpoint, "status", "status | download | query");
ABSL_FLAG(int, sim_threads, 2, "Simulator threads");

namespace {

using sslstore::client::ClientOptions;
using sslstore::client::OrderRef;
using sslstore::client::SslStoreClient;

// What the child tells the parent: "<port> <first order id> <ca file>".
struct SimInfo {
  int port = 0;
  int64_t first_id = 0;
  std::string ca_file;
};

// Runs the simulator in a child; returns its pid and connection facts. The
// child exits when `stop_fd` (the parent's end) is closed.
pid_t StartSimulatorProcess(int orders, int threads, SimInfo* info,
                            int* stop_fd) {
  int ready[2];
  int stop[2];
  if (pipe(ready) != 0 || pipe(stop) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    close(ready[0]);
    close(stop[1]);
    sslstore_sim::SimulatorOptions options;
    options.threads = threads;
    options.enable_admin = false;
    auto sim = sslstore_sim::Simulator::Start(options);
    if (!sim.ok()) {
      std::fprintf(stderr, "simulator: %s\n", sim.status().ToString().c_str());
      _exit(1);
    }
    auto ids = (*sim)->SeedOrders(orders, 1, 0, 0);
    if (!ids.ok() || ids->empty()) _exit(1);
    std::string line = std::to_string((*sim)->port()) + " " +
                       std::to_string(ids->front()) + " " + (*sim)->ca_file() +
                       "\n";
    if (write(ready[1], line.data(), line.size()) < 0) _exit(1);
    close(ready[1]);
    char byte;
    while (read(stop[0], &byte, 1) > 0) {
    }
    sim->reset();
    _exit(0);
  }
  close(ready[1]);
  close(stop[0]);
  *stop_fd = stop[1];
  std::string text;
  char buffer[512];
  ssize_t n;
  while ((n = read(ready[0], buffer, sizeof(buffer))) > 0)
    text.append(buffer, n);
  close(ready[0]);
  std::vector<std::string> parts =
      absl::StrSplit(text, absl::ByAnyChar(" \n"), absl::SkipEmpty());
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &info->port) ||
      !absl::SimpleAtoi(parts[1], &info->first_id)) {
    return -1;
  }
  info->ca_file = parts[2];
  return pid;
}

double CpuSeconds() {
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

// Keeps `concurrency` calls in flight until `until`, then lets them drain.
class Driver {
 public:
  Driver(SslStoreClient& client, const std::string& endpoint, int64_t first_id,
         int orders)
      : client_(client),
        endpoint_(endpoint),
        first_id_(first_id),
        orders_(orders) {}

  void Run(int concurrency, absl::Time until) {
    until_ = until;
    in_flight_ = concurrency;
    for (int i = 0; i < concurrency; ++i) Next();
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](int* n) { return *n == 0; }, &in_flight_));
  }

  int64_t ok() const { return ok_; }
  int64_t errors() const { return errors_; }
  std::vector<double> latencies_ms() {
    absl::MutexLock lock(&mu_);
    return latencies_ms_;
  }

 private:
  void Next() {
    if (absl::Now() >= until_) {
      absl::MutexLock lock(&mu_);
      --in_flight_;
      return;
    }
    int64_t n = counter_.fetch_add(1);
    OrderRef ref;
    ref.the_sslstore_order_id = std::to_string(first_id_ + n % orders_);
    absl::Time start = absl::Now();
    auto done = [this, start](const absl::Status& status) {
      double ms = absl::ToDoubleMilliseconds(absl::Now() - start);
      if (status.ok()) {
        ++ok_;
      } else if (errors_++ == 0) {
        std::fprintf(stderr, "first error: %s\n", status.ToString().c_str());
      }
      {
        absl::MutexLock lock(&mu_);
        latencies_ms_.push_back(ms);
      }
      Next();
    };
    if (endpoint_ == "download") {
      client_.Download(ref, [done](auto r) { done(r.status()); });
    } else if (endpoint_ == "query") {
      sslstore::client::QueryRequest q;
      q.page_number = static_cast<int>(n % 10) + 1;
      q.page_size = 20;
      client_.Query(q, [done](auto r) { done(r.status()); });
    } else {
      client_.Status(ref, [done](auto r) { done(r.status()); });
    }
  }

  SslStoreClient& client_;
  const std::string endpoint_;
  const int64_t first_id_;
  const int orders_;
  absl::Time until_;
  std::atomic<int64_t> counter_{0};
  std::atomic<int64_t> ok_{0};
  std::atomic<int64_t> errors_{0};
  absl::Mutex mu_;
  int in_flight_ = 0;
  std::vector<double> latencies_ms_;
};

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  size_t i = std::min(v.size() - 1, static_cast<size_t>(p * v.size()));
  std::nth_element(v.begin(), v.begin() + i, v.end());
  return v[i];
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int orders = std::max(1, absl::GetFlag(FLAGS_orders));
  SimInfo sim;
  int stop_fd = -1;
  pid_t child = StartSimulatorProcess(orders, absl::GetFlag(FLAGS_sim_threads),
                                      &sim, &stop_fd);
  if (child < 0) {
    std::fprintf(stderr, "could not start the simulator\n");
    return 1;
  }

  ClientOptions options;
  options.base_url = "https://127.0.0.1:" + std::to_string(sim.port);
  options.ca_file = sim.ca_file;
  options.partner_code = "SIMPARTNER";
  options.auth_token = "sim-token";
  options.max_connections_per_host = absl::GetFlag(FLAGS_connections);
  options.io_threads = absl::GetFlag(FLAGS_io_threads);
  auto client = SslStoreClient::Create(options);
  if (!client.ok()) {
    std::fprintf(stderr, "client: %s\n", client.status().ToString().c_str());
    return 1;
  }
  const std::string endpoint = absl::GetFlag(FLAGS_endpoint);
  const int concurrency = std::max(1, absl::GetFlag(FLAGS_concurrency));

  // Warm-up: open the pool's connections.
  Driver warmup(**client, endpoint, sim.first_id, orders);
  warmup.Run(concurrency, absl::Now() + absl::Milliseconds(500));

  Driver driver(**client, endpoint, sim.first_id, orders);
  double cpu_before = CpuSeconds();
  absl::Time start = absl::Now();
  driver.Run(concurrency,
             start + absl::Seconds(std::max(1, absl::GetFlag(FLAGS_seconds))));
  double wall = absl::ToDoubleSeconds(absl::Now() - start);
  double cpu = CpuSeconds() - cpu_before;
  std::vector<double> lat = driver.latencies_ms();
  int64_t calls = driver.ok() + driver.errors();
  sslstore::client::ClientStats stats = (*client)->Stats();

  std::printf("endpoint            %s\n", endpoint.c_str());
  std::printf("concurrency         %d calls, %d connections, %d io threads\n",
              concurrency, options.max_connections_per_host,
              options.io_threads);
  std::printf("calls               %lld ok, %lld errors in %.2f s\n",
              static_cast<long long>(driver.ok()),
              static_cast<long long>(driver.errors()), wall);
  std::printf("throughput          %.0f calls/s\n", calls / wall);
  std::printf(
      "client cpu          %.3f ms per call (%.2f s total, %.0f%% of "
      "one core)\n",
      calls > 0 ? cpu * 1000 / calls : 0.0, cpu, 100 * cpu / wall);
  std::printf("latency ms          p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n",
              Percentile(lat, 0.50), Percentile(lat, 0.90),
              Percentile(lat, 0.99), Percentile(lat, 1.0));
  std::printf("connections opened  %lld (retries %lld)\n",
              static_cast<long long>(stats.connections_opened),
              static_cast<long long>(stats.retries));

  client->reset();
  close(stop_fd);
  int status = 0;
  waitpid(child, &status, 0);
  return driver.errors() == 0 ? 0 : 2;
}
