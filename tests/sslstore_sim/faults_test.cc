// Fault injection: rule parsing and RNG reproducibility (unit), and every
// fault type observed over HTTPS.
#include "tools/sslstore-sim/faults.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sslstore_sim/sim_test_env.h"

namespace sslstore_sim_test {
namespace {

using sslstore_sim::FaultConfig;
using sslstore_sim::FaultInjector;
using sslstore_sim::FaultRule;
using sslstore_sim::FaultType;
using sslstore_sim::ParseFaultConfigText;

FaultConfig OneRule(const std::string& endpoint, FaultType type, int64_t nth,
                    double rate = 0) {
  FaultRule rule;
  rule.endpoint = endpoint;
  rule.type = type;
  rule.nth = nth;
  rule.rate = rate;
  FaultConfig config;
  config.rules.push_back(rule);
  return config;
}

TEST(FaultInjectorTest, NthFiresOnExactlyTheNthMatchingCalls) {
  FaultInjector f(1);
  FaultConfig config = OneRule("order/status", FaultType::kHttp503, 3);
  config.rules[0].times = 2;
  f.Set(config);
  std::vector<bool> fired;
  for (int i = 0; i < 6; ++i) {
    f.Decide("order/query");  // does not match, does not count
    fired.push_back(f.Decide("order/status").fault.has_value());
  }
  EXPECT_EQ(fired, (std::vector<bool>{false, false, true, true, false, false}));
  EXPECT_EQ(f.fired(), 2);
}

TEST(FaultInjectorTest, RateIsReproducibleForASeed) {
  auto run = [](uint64_t seed) {
    FaultInjector f(seed);
    f.Set(OneRule("*", FaultType::kHttp500, 0, 0.3));
    std::vector<bool> out;
    for (int i = 0; i < 200; ++i)
      out.push_back(f.Decide("order/status").fault.has_value());
    return out;
  };
  std::vector<bool> a = run(42), b = run(42), c = run(43);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  int fired = static_cast<int>(std::count(a.begin(), a.end(), true));
  EXPECT_GT(fired, 30);
  EXPECT_LT(fired, 90);
}

TEST(FaultInjectorTest, LatencyAddsUpAndAnotherFaultStillApplies) {
  FaultInjector f(1);
  auto config = ParseFaultConfigText(R"({"rules":[
      {"endpoint":"*","type":"latency","rate":1,"latency_ms":30,"jitter_ms":10},
      {"endpoint":"/rest/order/status/","type":"http_429","nth":1,"retry_after_s":7}]})");
  ASSERT_TRUE(config.ok()) << config.status();
  f.Set(*config);
  auto d = f.Decide("order/status");
  EXPECT_GE(d.delay, absl::Milliseconds(30));
  EXPECT_LE(d.delay, absl::Milliseconds(40));
  ASSERT_TRUE(d.fault.has_value());
  EXPECT_EQ(*d.fault, FaultType::kHttp429);
  EXPECT_EQ(d.rule_copy.retry_after_seconds, 7);
  auto second = f.Decide("order/status");
  EXPECT_FALSE(second.fault.has_value());
  EXPECT_GE(second.delay, absl::Milliseconds(30));
}

TEST(FaultInjectorTest, BadConfigsAreRejected) {
  EXPECT_FALSE(ParseFaultConfigText("[").ok());
  EXPECT_FALSE(
      ParseFaultConfigText(R"({"rules":[{"type":"bogus","rate":1}]})").ok());
  EXPECT_FALSE(ParseFaultConfigText(R"({"rules":[{"type":"http_500"}]})").ok());
  EXPECT_FALSE(
      ParseFaultConfigText(R"({"rules":[{"type":"http_500","rate":2}]})").ok());
  EXPECT_FALSE(
      ParseFaultConfigText(R"({"rules":[{"type":"http_500","nth":-1}]})").ok());
  EXPECT_FALSE(
      ParseFaultConfigText(
          R"({"rules":[{"type":"latency","rate":1,"latency_ms":99999999999}]})")
          .ok());
  EXPECT_FALSE(
      ParseFaultConfigText(
          R"({"rules":[{"type":"http_500","nth":1,"times":9223372036854775807}]})")
          .ok());
  EXPECT_TRUE(ParseFaultConfigText(R"({"seed":3,"rules":[]})").ok());
}

class FaultsHttpTest : public SimTest {
 protected:
  void SetUp() override { StartSim(); }
  void Inject(const std::string& endpoint, FaultType type, int64_t nth = 1) {
    sim_->SetFaults(OneRule(endpoint, type, nth));
  }
  std::string StatusBody(const std::string& id) {
    return Body(absl::StrCat(R"("TheSSLStoreOrderID":)", JsonString(id)));
  }
};

TEST_F(FaultsHttpTest, Http500And503AreNotProcessed) {
  for (FaultType type : {FaultType::kHttp500, FaultType::kHttp503}) {
    sim_->Reset();
    Inject("order/neworder", type);
    auto csr = MakeCsr(KeyKind::kEcP256, "www.example.com");
    ASSERT_TRUE(csr.ok());
    NewOrderSpec spec;
    spec.csr_pem = csr->pem;
    auto r = client_->Post(
        "/rest/order/neworder",
        Body(absl::StrCat(
            R"("ProductCode":"positivessl","ValidityPeriod":12,"WebServerType":"Other","CSR":)",
            JsonString(csr->pem), R"(,"ApproverEmail":"admin@example.com")")));
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->status, type == FaultType::kHttp500 ? 500 : 503);
    EXPECT_TRUE(sim_->GroundTruth().empty());
    // The next call is fine.
    EXPECT_FALSE(IsError(NewOrder(spec)));
    EXPECT_EQ(sim_->GroundTruth().size(), 1u);
    EXPECT_EQ(sim_->CallCount("order/neworder"), 2);
  }
}

TEST_F(FaultsHttpTest, Http429CarriesRetryAfter) {
  auto config = ParseFaultConfigText(
      R"({"rules":[{"endpoint":"order/query","type":"http_429","nth":2,"retry_after_s":3}]})");
  ASSERT_TRUE(config.ok());
  sim_->SetFaults(*config);
  auto first = client_->Post("/rest/order/query", Body(""));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->status, 200);
  auto second = client_->Post("/rest/order/query", Body(""));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->status, 429);
  EXPECT_EQ(second->headers["retry-after"], "3");
  EXPECT_EQ(sim_->FaultsFired(), 1);
}

TEST_F(FaultsHttpTest, DropBeforeLosesTheRequest) {
  Inject("order/neworder", FaultType::kDropBefore);
  NewOrderSpec spec;
  auto csr = MakeCsr(KeyKind::kEcP256, "www.example.com");
  ASSERT_TRUE(csr.ok());
  auto r = client_->Post(
      "/rest/order/neworder",
      Body(absl::StrCat(
          R"("ProductCode":"positivessl","ValidityPeriod":12,"WebServerType":"Other","CSR":)",
          JsonString(csr->pem),
          R"(,"ApproverEmail":"admin@example.com","CustomOrderID":"x")")));
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(sim_->GroundTruth().empty());
}

TEST_F(FaultsHttpTest, DropAfterProcessesButLosesTheResponse) {
  Inject("order/neworder", FaultType::kDropAfter);
  auto csr = MakeCsr(KeyKind::kEcP256, "www.example.com");
  ASSERT_TRUE(csr.ok());
  auto r = client_->Post(
      "/rest/order/neworder",
      Body(absl::StrCat(
          R"("ProductCode":"positivessl","ValidityPeriod":12,"WebServerType":"Other","CSR":)",
          JsonString(csr->pem),
          R"(,"ApproverEmail":"admin@example.com","CustomOrderID":"lost")")));
  EXPECT_FALSE(r.ok());
  auto truth = sim_->GroundTruth();
  ASSERT_EQ(truth.size(), 1u);
  EXPECT_EQ(truth[0].custom_order_id, "lost");
  // A client can find the order by its CustomOrderID.
  auto found = Call("order/status", Body(R"("CustomOrderID":"lost")"));
  EXPECT_FALSE(IsError(found));
  EXPECT_EQ(Str(found, "TheSSLStoreOrderID"), std::to_string(truth[0].id));
}

TEST_F(FaultsHttpTest, TruncatedBodyFailsTheRead) {
  ASSERT_TRUE(sim_->SeedOrders(5, 1, 0, 0).ok());
  Inject("order/query", FaultType::kTruncatedBody);
  auto r = client_->Post("/rest/order/query", Body(""));
  EXPECT_FALSE(r.ok());
  auto again = client_->Post("/rest/order/query", Body(""));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(ParseJson(again->body).Size(), 5u);
}

TEST_F(FaultsHttpTest, MalformedJsonIsA200ThatDoesNotParse) {
  ASSERT_TRUE(sim_->SeedOrders(2, 1, 0, 0).ok());
  Inject("order/query", FaultType::kMalformedJson);
  auto r = client_->Post("/rest/order/query", Body(""));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(ParseJson(r->body).HasParseError());
}

TEST_F(FaultsHttpTest, SlowBodyArrivesCompleteButLate) {
  ASSERT_TRUE(sim_->SeedOrders(1, 1, 0, 0).ok());
  const std::string id = std::to_string(sim_->GroundTruth()[0].id);
  auto config = ParseFaultConfigText(
      R"({"rules":[{"endpoint":"order/download","type":"slow_body","nth":1,"slow_chunk_bytes":512,"slow_interval_ms":10}]})");
  ASSERT_TRUE(config.ok());
  sim_->SetFaults(*config);
  const absl::Time start = absl::Now();
  auto slow = client_->Post("/rest/order/download", StatusBody(id));
  const absl::Duration elapsed = absl::Now() - start;
  ASSERT_TRUE(slow.ok()) << slow.status();
  auto doc = ParseJson(slow->body);
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_EQ(doc["Certificates"].Size(), 3u);
  const int chunks = static_cast<int>(slow->body.size() / 512);
  EXPECT_GE(elapsed, absl::Milliseconds(10) * (chunks - 1));
}

TEST_F(FaultsHttpTest, LatencyDelaysTheReply) {
  auto config = ParseFaultConfigText(
      R"({"rules":[{"endpoint":"health/status","type":"latency","rate":1,"latency_ms":150}]})");
  ASSERT_TRUE(config.ok());
  sim_->SetFaults(*config);
  const absl::Time start = absl::Now();
  auto r = client_->Get("/rest/health/status");
  ASSERT_TRUE(r.ok());
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(150));
  sim_->ClearFaults();
  EXPECT_EQ(sim_->FaultsFired(), 0);
}

TEST_F(FaultsHttpTest, ApiErrorIsAnIsErrorReply) {
  auto config = ParseFaultConfigText(
      R"({"rules":[{"endpoint":"order/query","type":"api_error","nth":1}]})");
  ASSERT_TRUE(config.ok());
  sim_->SetFaults(*config);
  auto doc = Call("order/query", Body(""));
  ASSERT_TRUE(doc.IsArray());
  ASSERT_EQ(doc.Size(), 1u);
  EXPECT_TRUE(IsError(doc[0]));
  EXPECT_THAT(FirstMessage(doc[0]), ::testing::HasSubstr("-9009"));
}

TEST_F(FaultsHttpTest, WildcardRulesApplyToEveryEndpoint) {
  sim_->SetFaults(OneRule("*", FaultType::kHttp503, 0, 1.0));
  for (const char* path :
       {"/rest/order/status", "/rest/order/query", "/rest/health/validate"}) {
    auto r = client_->Post(path, Body(""));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 503) << path;
  }
  sim_->ClearFaults();
  auto r = client_->Post("/rest/health/validate", Body(""));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
}

}  // namespace
}  // namespace sslstore_sim_test
