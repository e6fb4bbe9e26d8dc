// The simulator the sync benchmarks run against, and its call count.
#ifndef TOOLS_BENCH_COMMON_LATENCY_SIMULATOR_H_
#define TOOLS_BENCH_COMMON_LATENCY_SIMULATOR_H_

#include <cstdint>
#include <memory>

#include "absl/status/statusor.h"
#include "tools/sslstore-sim/simulator.h"

namespace sslstore::bench {

// Starts a simulator with `options`, seeds `orders` positivessl orders
// (statuses weighted 3 active : 1 pending : 1 cancelled) and injects
// `latency_ms` of latency on every WBAPI call.
absl::StatusOr<std::unique_ptr<sslstore_sim::Simulator>> StartLatencySimulator(
    const sslstore_sim::SimulatorOptions& options, int orders, int latency_ms);

// WBAPI calls the simulator has counted, all endpoints together.
int64_t TotalCalls(const sslstore_sim::Simulator& sim);

}  // namespace sslstore::bench

#endif  // TOOLS_BENCH_COMMON_LATENCY_SIMULATOR_H_
