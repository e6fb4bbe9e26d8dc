// sync-floor-bench: the FLOOR for the sync CPU target: SyncCertificates over
// 1,000 orders (20 ms injected latency per WBAPI call, 16 calls in flight,
// page size 100) was to use at most 100 ms of connector CPU.
// This program measures the least CPU any implementation can spend on this
// machine doing the same network work, in two parts, each in a child process
// forked before any thread starts (the simulator and the gRPC client live in
// the parent, so the child's getrusage(RUSAGE_SELF) is its own work):
//
// (1) upstream floor: a deliberately minimal WBAPI client. One thread, one
//     level-triggered epoll loop, non-blocking TCP sockets with OpenSSL used
//     directly (TLS 1.2+, read-ahead, peer and host name or IP verified, SNI
//     for names), hand-written HTTP/1.1 keep-alive POSTs framed by
//     Content-Length (the simulator never sends chunked bodies; a chunked or
//     closing reply is an error), no retries, no timers. It does the
//     connector's calls against the same simulator setup as sync-bench:
//     /rest/order/query pages (1-based, the next page fetched while the
//     current page's orders run), per row /rest/order/status, and
//     /rest/order/download when MajorStatus is Active or Cancelled, with
//     --connections orders in flight (one more connection carries the page
//     queries). Bodies are parsed in situ with RapidJSON for the needed
//     fields only; each downloaded PEM is base64-decoded and, by default,
//     only the first certificate goes through d2i_X509 (--x509 isolates that
//     cost or replaces it by a DER walk that reads a record's fields).
//     Connections are opened and TLS handshakes done first; their share of
//     the CPU is reported separately. Any bad reply ends the run with a
//     message (the token is never printed).
// (2) grpc floor: a gRPC callback server (the connector's service and API)
//     whose SyncCertificates ServerWriteReactor writes --messages records of
//     realistic size, one write at a time, then Finish. Paced (message i is
//     due at start + (i+1) * --pace_us, mimicking records arriving as
//     upstream calls complete; --pacer picks a plain thread or a grpc::Alarm
//     chain to release them, --burst releases several at once) and unpaced. The
//     parent reads the stream with a sync stub; the server's CPU is read by
//     getrusage in the child just before the call starts and after it finishes
//     (channel connection set-up included, as in sync-bench).
// A "machine" line first gives the CPU of one timed sleep and wake-up here:
// any design pays it at least once per burst of work.
//
//   sync-floor-bench [--orders=1000] [--latency_ms=20] [--page_size=100]
//                    [--connections=16] [--sim_threads=8] [--tls_name=]
//                    [--x509=first|all|none|fields] [--messages=810]
//                    [--pace_us=3000] [--pacer=thread|alarm] [--burst=1]
//                    [--skip_calibration] [--skip_upstream] [--skip_grpc]
//
// CPU is user + system time; the user/system split of a multi-threaded
// process is sampled by the kernel and only the sum is exact. Loopback TCP
// charges part of the receiving side's kernel work to the sender, in both
// directions; on a shared machine figures vary between runs.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"
#include "tools/bench/common/bench_child.h"
#include "tools/bench/common/latency_simulator.h"
#include "tools/bench/floor/grpc_floor.h"
#include "tools/bench/floor/upstream_floor.h"
#include "tools/bench/floor/wbapi_floor_responses.h"
#include "tools/sslstore-sim/simulator.h"

ABSL_FLAG(int, orders, 1000, "Orders seeded (mixed statuses, as sync-bench)");
ABSL_FLAG(int, latency_ms, 20, "Latency injected on every WBAPI call");
ABSL_FLAG(int, page_size, 100, "Query page size");
ABSL_FLAG(int, connections, 16,
          "Order calls in flight (one connection each); one more connection "
          "carries the page queries");
ABSL_FLAG(int, sim_threads, 8, "Simulator threads");
ABSL_FLAG(std::string, tls_name, "",
          "Name for SNI and host name verification (e.g. localhost); empty: "
          "the URL's host (an IP address is verified as an IP, without SNI, "
          "as the connector does)");
ABSL_FLAG(std::string, x509, "first",
          "How downloaded certificates are read: first (d2i_X509 of the "
          "first, default), all (d2i_X509 of each), none (to isolate the "
          "cost), fields (a record's fields of every certificate, leaf by "
          "inspection, without d2i_X509)");
ABSL_FLAG(int, messages, 810, "gRPC stream messages written");
ABSL_FLAG(int, pace_us, 3000,
          "Paced gRPC variant: message i is due at start + (i+1) * pace; "
          "0 runs the unpaced variant only");
ABSL_FLAG(std::string, pacer, "thread",
          "Paced variant: thread (a plain thread waits until each release is "
          "due, like the connector's WBAPI io threads) or alarm (a chain of "
          "grpc::Alarm callbacks)");
ABSL_FLAG(int, burst, 1,
          "Paced variant: records released together, every burst * pace "
          "(same total time; shows what coalescing wake-ups would save)");
ABSL_FLAG(bool, skip_calibration, false,
          "Skip the machine line (CPU of --messages timed sleeps of "
          "--pace_us, the least cost of being woken once per message)");
ABSL_FLAG(bool, skip_upstream, false, "Skip the upstream floor");
ABSL_FLAG(bool, skip_grpc, false, "Skip the gRPC floors");

namespace sslstore::bench {
namespace {

namespace v1 = sslstore::connector::v1;

// The CPU one timed sleep and wake-up costs this process: a lower bound for
// any design woken once per message or per upstream reply.
void PrintCalibration(int sleeps, int sleep_us) {
  if (sleeps <= 0 || sleep_us <= 0) return;
  const Usage before = ReadUsage();
  for (int i = 0; i < sleeps; ++i) {
    std::this_thread::sleep_for(std::chrono::microseconds(sleep_us));
  }
  const Usage used = Minus(ReadUsage(), before);
  std::printf(
      "machine: %d timed sleeps of %dus cost cpu=%.1fms (%.1fus per "
      "wake-up) nvcsw=%ld\n",
      sleeps, sleep_us, used.cpu_ms(), used.cpu_ms() * 1000.0 / sleeps,
      used.nvcsw);
}

// Asks a gRPC child for its usage.
bool ChildUsage(const Child& child, Usage* usage) {
  WriteLine(child.to_child, "usage");
  std::vector<std::string> f = absl::StrSplit(ReadLine(child.from_child), ' ');
  return ParseUsage(f, 0, usage);
}

// Splits "https://host:port" into host and port.
bool SplitBaseUrl(const std::string& url, std::string* host, int* port) {
  constexpr absl::string_view kScheme = "https://";
  if (!absl::StartsWith(url, kScheme)) return false;
  const std::string rest = url.substr(kScheme.size());
  const size_t colon = rest.rfind(':');
  if (colon == std::string::npos) return false;
  *host = rest.substr(0, colon);
  return absl::SimpleAtoi(rest.substr(colon + 1), port);
}

// Starts the simulator as sync-bench does, runs the upstream child against
// it and prints its line.
bool RunUpstreamPart(Child& child) {
  sslstore_sim::SimulatorOptions options;
  options.threads = absl::GetFlag(FLAGS_sim_threads);
  auto sim = StartLatencySimulator(options, absl::GetFlag(FLAGS_orders),
                                   absl::GetFlag(FLAGS_latency_ms));
  if (!sim.ok()) {
    std::fprintf(stderr, "simulator: %s\n", sim.status().ToString().c_str());
    return false;
  }
  std::string host;
  int port = 0;
  if (!SplitBaseUrl((*sim)->base_url(), &host, &port)) return false;
  const int64_t calls_before = TotalCalls(**sim);
  WriteLine(child.to_child,
            absl::StrCat(host, " ", port, " ", (*sim)->ca_file(), " ",
                         absl::GetFlag(FLAGS_page_size), " ",
                         (*sim)->partner_code(), " ", options.auth_token));
  std::vector<std::string> f = absl::StrSplit(ReadLine(child.from_child), ' ');
  Reap(child);
  const int64_t sim_calls = TotalCalls(**sim) - calls_before;
  int64_t expected = 0;  // orders that hold a certificate
  for (const auto& order : (*sim)->GroundTruth()) {
    expected += order.certificate_pem.empty() ? 0 : 1;
  }
  int64_t n[5] = {0, 0, 0, 0, 0};
  double wall_ms = 0;
  Usage used, handshakes;
  bool parsed = f.size() == 14 && absl::SimpleAtod(f[5], &wall_ms) &&
                ParseUsage(f, 6, &used) && ParseUsage(f, 10, &handshakes);
  for (int i = 0; parsed && i < 5; ++i) parsed = absl::SimpleAtoi(f[i], &n[i]);
  if (!parsed) {
    std::fprintf(stderr, "upstream floor: failed (see above)\n");
    return false;
  }
  std::printf(
      "upstream floor: calls=%lld (query %lld, status %lld, download %lld; "
      "simulator counted %lld) certs=%lld (ground truth %lld; pem blocks "
      "%lld) wall=%.0fms %s; "
      "of which connect+handshakes of %d connections: cpu=%.1fms\n",
      static_cast<long long>(n[0]) + n[1] + n[2], static_cast<long long>(n[0]),
      static_cast<long long>(n[1]), static_cast<long long>(n[2]),
      static_cast<long long>(sim_calls), static_cast<long long>(n[3]),
      static_cast<long long>(expected), static_cast<long long>(n[4]), wall_ms,
      DescribeUsage(used).c_str(), absl::GetFlag(FLAGS_connections) + 1,
      handshakes.cpu_ms());
  return true;
}

// Reads the child's stream once and prints its line.
bool RunGrpcPart(Child& child, const std::string& label) {
  WriteLine(child.to_child, "go");
  const std::string port = ReadLine(child.from_child);
  int port_number = 0;
  if (!absl::SimpleAtoi(port, &port_number)) {
    std::fprintf(stderr, "grpc floor (%s): server did not start\n",
                 label.c_str());
    Reap(child);
    return false;
  }
  auto stub = v1::ConnectorService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  Usage before, after;
  const bool usage_ok = ChildUsage(child, &before);
  const absl::Time start = absl::Now();
  grpc::ClientContext context;
  auto reader = stub->SyncCertificates(&context, {});
  v1::SyncCertificatesResponse message;
  int64_t messages = 0;
  size_t bytes = 0;
  while (reader->Read(&message)) {
    ++messages;
    bytes += message.ByteSizeLong();
  }
  const grpc::Status status = reader->Finish();
  const double wall_ms = absl::ToDoubleMilliseconds(absl::Now() - start);
  const bool usage_after_ok = ChildUsage(child, &after);
  Reap(child);
  if (!status.ok() || !usage_ok || !usage_after_ok) {
    std::fprintf(stderr, "grpc floor (%s): %s\n", label.c_str(),
                 status.error_message().c_str());
    return false;
  }
  std::printf(
      "grpc floor (%s): messages=%lld bytes/message=%zu wall=%.0fms %s\n",
      label.c_str(), static_cast<long long>(messages),
      messages > 0 ? bytes / static_cast<size_t>(messages) : 0, wall_ms,
      DescribeUsage(Minus(after, before)).c_str());
  return true;
}

// Checks the flags, forks the children, then runs and prints each part.
int Run() {
  if (!ParseX509Mode(absl::GetFlag(FLAGS_x509)).has_value()) {
    std::fprintf(stderr, "--x509 must be first, all, none or fields\n");
    return 2;
  }
  if (absl::GetFlag(FLAGS_connections) < 1 ||
      absl::GetFlag(FLAGS_page_size) < 1 || absl::GetFlag(FLAGS_messages) < 0 ||
      absl::GetFlag(FLAGS_burst) < 1) {
    std::fprintf(stderr,
                 "--connections, --page_size and --burst must be >= 1, "
                 "--messages >= 0\n");
    return 2;
  }
  if (absl::GetFlag(FLAGS_pacer) != "thread" &&
      absl::GetFlag(FLAGS_pacer) != "alarm") {
    std::fprintf(stderr, "--pacer must be thread or alarm\n");
    return 2;
  }
  const bool upstream = !absl::GetFlag(FLAGS_skip_upstream);
  const bool grpc_floor = !absl::GetFlag(FLAGS_skip_grpc);
  const int pace_us = absl::GetFlag(FLAGS_pace_us);
  // Fork every child before any thread exists.
  Child upstream_child, paced_child, unpaced_child;
  if (upstream) {
    UpstreamOptions options;
    options.connections = absl::GetFlag(FLAGS_connections);
    options.tls_name = absl::GetFlag(FLAGS_tls_name);
    options.x509_mode = *ParseX509Mode(absl::GetFlag(FLAGS_x509));
    upstream_child = Spawn([options](int in, int out) {
      return RunUpstreamChild(in, out, options);
    });
  }
  Pacing pacing;
  pacing.messages = absl::GetFlag(FLAGS_messages);
  pacing.pace = std::chrono::microseconds(pace_us);
  pacing.burst = absl::GetFlag(FLAGS_burst);
  pacing.pacer =
      absl::GetFlag(FLAGS_pacer) == "alarm" ? Pacer::kAlarm : Pacer::kThread;
  if (grpc_floor && pace_us > 0) {
    paced_child = Spawn(
        [pacing](int in, int out) { return RunGrpcChild(in, out, pacing); });
  }
  if (grpc_floor) {
    Pacing unpaced = pacing;
    unpaced.pace = std::chrono::microseconds(0);
    unpaced_child = Spawn(
        [unpaced](int in, int out) { return RunGrpcChild(in, out, unpaced); });
  }
  std::printf(
      "orders=%d latency=%dms page_size=%d connections=%d (+1 for "
      "pages) messages=%d\n",
      absl::GetFlag(FLAGS_orders), absl::GetFlag(FLAGS_latency_ms),
      absl::GetFlag(FLAGS_page_size), absl::GetFlag(FLAGS_connections),
      absl::GetFlag(FLAGS_messages));
  if (!absl::GetFlag(FLAGS_skip_calibration)) {
    PrintCalibration(absl::GetFlag(FLAGS_messages), pace_us);
  }
  std::fflush(stdout);
  bool ok = true;
  if (upstream) ok = RunUpstreamPart(upstream_child) && ok;
  std::fflush(stdout);
  if (paced_child.pid > 0) {
    std::string label =
        absl::StrCat("paced ", pace_us, "us by ", absl::GetFlag(FLAGS_pacer));
    if (absl::GetFlag(FLAGS_burst) > 1) {
      absl::StrAppend(&label, ", bursts of ", absl::GetFlag(FLAGS_burst));
    }
    ok = RunGrpcPart(paced_child, label) && ok;
  }
  if (unpaced_child.pid > 0) ok = RunGrpcPart(unpaced_child, "unpaced") && ok;
  Reap(upstream_child);
  Reap(paced_child);
  Reap(unpaced_child);
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace sslstore::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return sslstore::bench::Run();
}
