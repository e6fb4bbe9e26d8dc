#include "tools/sslstore-sim/faults.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/sslstore-sim/sim_json.h"

namespace sslstore_sim {
namespace {

struct FaultName {
  FaultType type;
  const char* name;
};

constexpr FaultName kFaultNames[] = {
    {FaultType::kLatency, "latency"},
    {FaultType::kHttp500, "http_500"},
    {FaultType::kHttp503, "http_503"},
    {FaultType::kHttp429, "http_429"},
    {FaultType::kDropBefore, "drop_before"},
    {FaultType::kDropAfter, "drop_after"},
    {FaultType::kTruncatedBody, "truncated_body"},
    {FaultType::kMalformedJson, "malformed_json"},
    {FaultType::kSlowBody, "slow_body"},
    {FaultType::kApiError, "api_error"},
};

bool EndpointMatches(const std::string& pattern, absl::string_view endpoint) {
  return pattern == "*" || absl::EqualsIgnoreCase(pattern, endpoint);
}

}  // namespace

const char* FaultTypeName(FaultType type) {
  for (const FaultName& n : kFaultNames) {
    if (n.type == type) return n.name;
  }
  return "unknown";
}

std::optional<FaultType> ParseFaultType(absl::string_view name) {
  for (const FaultName& n : kFaultNames) {
    if (absl::EqualsIgnoreCase(n.name, name)) return n.type;
  }
  return std::nullopt;
}

absl::StatusOr<FaultConfig> ParseFaultConfig(const rapidjson::Value& json) {
  if (!json.IsObject()) {
    return absl::InvalidArgumentError("fault config must be a JSON object");
  }
  FaultConfig config;
  if (FindMember(json, "seed") != nullptr) {
    std::optional<int64_t> seed = GetInt(json, "seed");
    if (!seed) return absl::InvalidArgumentError("seed must be an integer");
    config.seed = static_cast<uint64_t>(*seed);
  }
  const rapidjson::Value* rules = FindMember(json, "rules");
  if (rules == nullptr) return config;
  if (!rules->IsArray()) {
    return absl::InvalidArgumentError("rules must be an array");
  }
  for (const rapidjson::Value& r : rules->GetArray()) {
    if (!r.IsObject()) {
      return absl::InvalidArgumentError("each rule must be an object");
    }
    FaultRule rule;
    std::optional<std::string> type = GetString(r, "type");
    if (!type) return absl::InvalidArgumentError("rule needs a type");
    std::optional<FaultType> parsed = ParseFaultType(*type);
    if (!parsed) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown fault type '", *type, "'"));
    }
    rule.type = *parsed;
    if (auto v = GetString(r, "endpoint")) {
      std::string e = absl::AsciiStrToLower(*v);
      if (absl::StartsWith(e, "/rest/")) e = e.substr(6);
      while (!e.empty() && e.back() == '/') e.pop_back();
      rule.endpoint = e.empty() ? "*" : e;
    }
    if (const rapidjson::Value* rate = FindMember(r, "rate")) {
      if (!rate->IsNumber() || rate->GetDouble() < 0 || rate->GetDouble() > 1) {
        return absl::InvalidArgumentError("rate must be a number in [0, 1]");
      }
      rule.rate = rate->GetDouble();
    }
    auto int_field = [&r](absl::string_view name, int64_t min,
                          int64_t* out) -> absl::Status {
      if (FindMember(r, name) == nullptr) return absl::OkStatus();
      std::optional<int64_t> v = GetInt(r, name);
      if (!v || *v < min) {
        return absl::InvalidArgumentError(
            absl::StrCat(name, " must be an integer >= ", min));
      }
      *out = *v;
      return absl::OkStatus();
    };
    int64_t latency_ms = 0, jitter_ms = 0, retry = rule.retry_after_seconds;
    int64_t chunk = static_cast<int64_t>(rule.slow_chunk_bytes);
    int64_t interval_ms = absl::ToInt64Milliseconds(rule.slow_chunk_interval);
    int64_t code = rule.error_code;
    constexpr int64_t kMaxCount = int64_t{1} << 40;
    constexpr int64_t kMaxMs = int64_t{3600} * 1000;  // one hour
    for (absl::Status st :
         {int_field("nth", 0, &rule.nth), int_field("times", 1, &rule.times),
          int_field("latency_ms", 0, &latency_ms),
          int_field("jitter_ms", 0, &jitter_ms),
          int_field("retry_after_s", 0, &retry),
          int_field("slow_chunk_bytes", 1, &chunk),
          int_field("slow_interval_ms", 0, &interval_ms),
          int_field("error_code", INT32_MIN, &code)}) {
      if (!st.ok()) return st;
    }
    if (rule.nth > kMaxCount || rule.times > kMaxCount) {
      return absl::InvalidArgumentError("nth and times must be <= 2^40");
    }
    if (latency_ms > kMaxMs || jitter_ms > kMaxMs || interval_ms > kMaxMs ||
        retry > 86400 || chunk > (int64_t{1} << 30)) {
      return absl::InvalidArgumentError(
          "latency_ms, jitter_ms and slow_interval_ms must be <= 3600000, "
          "retry_after_s <= 86400, slow_chunk_bytes <= 2^30");
    }
    if (code < INT32_MIN || code > INT32_MAX) {
      return absl::InvalidArgumentError("error_code is out of range");
    }
    if (rule.nth == 0 && FindMember(r, "rate") == nullptr) {
      return absl::InvalidArgumentError("rule needs rate or nth");
    }
    rule.latency = absl::Milliseconds(latency_ms);
    rule.jitter = absl::Milliseconds(jitter_ms);
    rule.retry_after_seconds = static_cast<int>(retry);
    rule.slow_chunk_bytes = static_cast<size_t>(chunk);
    rule.slow_chunk_interval = absl::Milliseconds(interval_ms);
    rule.error_code = static_cast<int>(code);
    if (auto msg = GetString(r, "error_message")) rule.error_message = *msg;
    config.rules.push_back(std::move(rule));
  }
  return config;
}

absl::StatusOr<FaultConfig> ParseFaultConfigText(absl::string_view text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) {
    return absl::InvalidArgumentError("fault config is not valid JSON");
  }
  return ParseFaultConfig(doc);
}

void FaultInjector::Set(FaultConfig config) {
  std::lock_guard<std::mutex> lock(mu_);
  if (config.seed) seed_ = *config.seed;
  rng_.seed(seed_);
  rules_ = std::move(config.rules);
  matches_.assign(rules_.size(), 0);
  fired_ = 0;
}

void FaultInjector::Clear() { Set(FaultConfig{}); }

FaultDecision FaultInjector::Decide(absl::string_view endpoint) {
  FaultDecision d;
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < rules_.size(); ++i) {
    const FaultRule& rule = rules_[i];
    if (!EndpointMatches(rule.endpoint, endpoint)) continue;
    const int64_t n = ++matches_[i];
    bool fire = false;
    if (rule.nth > 0) {
      fire = n >= rule.nth && n < rule.nth + rule.times;
    } else if (rule.rate > 0) {
      // Draw for every matching call so the sequence is reproducible.
      fire = std::uniform_real_distribution<double>(0.0, 1.0)(rng_) < rule.rate;
    }
    if (!fire) continue;
    if (rule.type == FaultType::kLatency) {
      absl::Duration jitter = absl::ZeroDuration();
      if (rule.jitter > absl::ZeroDuration()) {
        jitter = absl::Microseconds(std::uniform_int_distribution<int64_t>(
            0, absl::ToInt64Microseconds(rule.jitter))(rng_));
      }
      d.delay += rule.latency + jitter;
      ++fired_;
      continue;
    }
    if (!d.fault) {
      d.fault = rule.type;
      d.rule_copy = rule;
      ++fired_;
    }
  }
  return d;
}

int64_t FaultInjector::fired() const {
  std::lock_guard<std::mutex> lock(mu_);
  return fired_;
}

}  // namespace sslstore_sim
