// enroll-latency-bench: how many round trips of upstream latency one Enroll
// costs. Starts the simulator (every WBAPI call delayed by --latency_ms) and
// the connector in this process, enrolls --enrollments five-domain
// certificates with email DCV (approver lists for every domain), and reports
// the wall time per Enroll in milliseconds and in round trips.
//
//   enroll-latency-bench --enrollments=20 --latency_ms=20

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "service/connector_server.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"
#include "tests/service/x509/test_pki.h"
#include "tools/sslstore-sim/simulator.h"

ABSL_FLAG(int, enrollments, 20, "Enrollments to time");
ABSL_FLAG(int, latency_ms, 20, "Latency injected on every WBAPI call");
ABSL_FLAG(int, domains, 5, "Names per certificate, each its own domain");

namespace {

namespace v1 = sslstore::connector::v1;
namespace pki = sslstore::service::x509::testing;

v1::EnrollRequest MakeRequest(int index, int domains) {
  pki::CsrSpec spec;
  std::vector<std::string> names;
  names.reserve(domains);
  for (int d = 0; d < domains; ++d) {
    names.push_back(absl::StrCat("host", index, ".domain", d, ".example"));
  }
  spec.subject = {{"CN", names[0]}};
  std::string emails;
  for (const std::string& name : names) {
    absl::StrAppend(&spec.san, spec.san.empty() ? "" : ",", "DNS:", name);
    absl::StrAppend(&emails, emails.empty() ? "" : ",", "admin@",
                    name.substr(name.find('.') + 1));
  }
  v1::EnrollRequest request;
  request.set_product_code("positivemdcssl");
  request.set_csr(pki::MakeCsrPem(pki::SharedEcP256Key(), spec));
  auto& parameters = *request.mutable_parameters();
  parameters["Admin Contact - Email"] = "pki@example.com";
  parameters["Approver Email"] = emails;
  parameters["Validity Period (In Days)"] = "365";
  return request;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int enrollments = absl::GetFlag(FLAGS_enrollments);
  const int latency_ms = absl::GetFlag(FLAGS_latency_ms);
  const int domains = absl::GetFlag(FLAGS_domains);

  sslstore_sim::SimulatorOptions sim_options;
  sim_options.threads = 8;  // latency is slept per call: one thread each
  auto sim = sslstore_sim::Simulator::Start(sim_options);
  if (!sim.ok()) {
    std::fprintf(stderr, "simulator: %s\n", sim.status().ToString().c_str());
    return 1;
  }
  sslstore::service::ServerConfig config;
  config.listen_address = "127.0.0.1:0";
  sslstore::service::ConnectionSettings settings;
  settings.name = "default";
  settings.sslstore_url = (*sim)->base_url();
  settings.partner_code = (*sim)->partner_code();
  settings.auth_token = sslstore::service::Secret(sim_options.auth_token);
  settings.ca_file = (*sim)->ca_file();
  config.connections.emplace("default", settings);
  auto server = sslstore::service::ConnectorServer::Start(config);
  if (!server.ok()) {
    std::fprintf(stderr, "server: %s\n", server.status().ToString().c_str());
    return 1;
  }
  auto stub = v1::ConnectorService::NewStub(grpc::CreateChannel(
      (*server)->address(), grpc::InsecureChannelCredentials()));

  // Warm up the connection pool and the CSR key outside the timing.
  std::vector<v1::EnrollRequest> requests;
  for (int i = 0; i <= enrollments; ++i) {
    requests.push_back(MakeRequest(i, domains));
  }
  {
    grpc::ClientContext context;
    v1::EnrollResponse response;
    grpc::Status status = stub->Enroll(&context, requests[0], &response);
    if (!status.ok()) {
      std::fprintf(stderr, "warm-up Enroll: %s\n",
                   status.error_message().c_str());
      return 1;
    }
  }

  sslstore_sim::FaultConfig faults;
  sslstore_sim::FaultRule latency;
  latency.endpoint = "*";
  latency.type = sslstore_sim::FaultType::kLatency;
  latency.rate = 1.0;
  latency.latency = absl::Milliseconds(latency_ms);
  faults.rules.push_back(latency);
  (*sim)->SetFaults(faults);
  const auto calls_before = (*sim)->CallCounts();

  std::vector<double> millis;
  for (int i = 1; i <= enrollments; ++i) {
    grpc::ClientContext context;
    v1::EnrollResponse response;
    const auto start = std::chrono::steady_clock::now();
    grpc::Status status = stub->Enroll(&context, requests[i], &response);
    const auto end = std::chrono::steady_clock::now();
    if (!status.ok()) {
      std::fprintf(stderr, "Enroll %d: %s\n", i,
                   status.error_message().c_str());
      return 1;
    }
    millis.push_back(
        std::chrono::duration<double, std::milli>(end - start).count());
  }
  std::sort(millis.begin(), millis.end());
  double sum = 0;
  for (double value : millis) sum += value;
  const double mean = sum / millis.size();
  int64_t calls = 0;
  for (const auto& [endpoint, count] : (*sim)->CallCounts()) {
    auto before = calls_before.find(endpoint);
    calls += count - (before == calls_before.end() ? 0 : before->second);
  }
  std::printf(
      "enrollments=%d domains=%d latency=%dms\n"
      "Enroll wall: mean=%.1fms p50=%.1fms max=%.1fms = %.2f round trips "
      "(mean; target <= 3)\n"
      "WBAPI calls per Enroll: %.1f\n",
      enrollments, domains, latency_ms, mean, millis[millis.size() / 2],
      millis.back(), mean / latency_ms,
      static_cast<double>(calls) / enrollments);
  return 0;
}
