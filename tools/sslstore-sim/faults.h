// Fault injection for the WBAPI listener: rules select an endpoint ("*" for
// all) and fire either with a probability drawn from a seeded RNG or on the
// Nth matching call. Latency rules add delay; the first other rule that fires
// decides the call's fault.
#ifndef TOOLS_SSLSTORE_SIM_FAULTS_H_
#define TOOLS_SSLSTORE_SIM_FAULTS_H_

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "rapidjson/document.h"

namespace sslstore_sim {

// The kinds of fault.
enum class FaultType {
  kLatency,        // delay the reply by latency + uniform[0, jitter]
  kHttp500,        // HTTP 500 with an HTML body; the request is not processed
  kHttp503,        // HTTP 503; not processed
  kHttp429,        // HTTP 429 with Retry-After; not processed
  kDropBefore,     // close the connection without processing or replying
  kDropAfter,      // process the request, then close without replying
  kTruncatedBody,  // process; send the headers and half the body, then close
  kMalformedJson,  // process; reply 200 with a body that is not valid JSON
  kSlowBody,       // process; send the body in small chunks with pauses
  kApiError,       // reply isError with -9009 (or error_code); not processed
};

// The admin/CLI spelling ("latency", "http_500", "drop_after", ...).
const char* FaultTypeName(FaultType type);

// Parses a fault type name; nullopt if unknown.
std::optional<FaultType> ParseFaultType(absl::string_view name);

// One rule.
struct FaultRule {
  std::string endpoint = "*";  // e.g. "order/status"; "*" matches every one
  FaultType type = FaultType::kLatency;
  double rate = 0;    // probability per matching call (used when nth == 0)
  int64_t nth = 0;    // fire on the nth matching call (1-based) ...
  int64_t times = 1;  // ... and on the following times-1 matching calls
  absl::Duration latency = absl::ZeroDuration();
  absl::Duration jitter = absl::ZeroDuration();
  int retry_after_seconds = 1;                                  // kHttp429
  size_t slow_chunk_bytes = 64;                                 // kSlowBody
  absl::Duration slow_chunk_interval = absl::Milliseconds(20);  // kSlowBody
  int error_code = -9009;                                       // kApiError
  std::string error_message = "Vendor returns error: injected fault";
};

// A full fault configuration.
struct FaultConfig {
  std::vector<FaultRule> rules;
  std::optional<uint64_t> seed;  // replaces the RNG seed when set
};

// Parses {"seed": 7, "rules": [{"endpoint": "order/status", "type":
// "http_503", "rate": 0.1, "nth": 0, "times": 1, "latency_ms": 0,
// "jitter_ms": 0, "retry_after_s": 1, "slow_chunk_bytes": 64,
// "slow_interval_ms": 20, "error_code": -9009, "error_message": "..."}]}.
absl::StatusOr<FaultConfig> ParseFaultConfig(const rapidjson::Value& json);

// Parses the same from JSON text.
absl::StatusOr<FaultConfig> ParseFaultConfigText(absl::string_view text);

// The effect chosen for one call.
struct FaultDecision {
  absl::Duration delay = absl::ZeroDuration();
  std::optional<FaultType> fault;  // never kLatency
  FaultRule rule_copy;             // the rule that fired (when fault is set)
};

// Thread-safe rule set and RNG.
class FaultInjector {
 public:
  explicit FaultInjector(uint64_t seed) : seed_(seed), rng_(seed) {}

  // Replaces the rules (and the seed, when given); resets the counters and
  // reseeds the RNG so a configuration replays identically.
  void Set(FaultConfig config);

  // Removes every rule.
  void Clear();

  // Decides the fault for one call to `endpoint`.
  FaultDecision Decide(absl::string_view endpoint);

  // Number of faults fired since the last Set/Clear.
  int64_t fired() const;

 private:
  mutable std::mutex mu_;
  uint64_t seed_;
  std::mt19937_64 rng_;
  std::vector<FaultRule> rules_;
  std::vector<int64_t> matches_;
  int64_t fired_ = 0;
};

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_FAULTS_H_
