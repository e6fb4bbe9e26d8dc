#include "tools/bench/common/latency_simulator.h"

#include <utility>

#include "absl/time/time.h"
#include "tools/sslstore-sim/faults.h"

namespace sslstore::bench {

absl::StatusOr<std::unique_ptr<sslstore_sim::Simulator>> StartLatencySimulator(
    const sslstore_sim::SimulatorOptions& options, int orders, int latency_ms) {
  auto sim = sslstore_sim::Simulator::Start(options);
  if (!sim.ok()) return sim.status();
  auto seeded = (*sim)->SeedOrders(orders, 3, 1, 1);
  if (!seeded.ok()) return seeded.status();
  sslstore_sim::FaultConfig faults;
  sslstore_sim::FaultRule latency;
  latency.type = sslstore_sim::FaultType::kLatency;
  latency.rate = 1;
  latency.latency = absl::Milliseconds(latency_ms);
  faults.rules.push_back(latency);
  (*sim)->SetFaults(faults);
  return std::move(*sim);
}

int64_t TotalCalls(const sslstore_sim::Simulator& sim) {
  int64_t total = 0;
  for (const auto& [endpoint, count] : sim.CallCounts()) total += count;
  return total;
}

}  // namespace sslstore::bench
