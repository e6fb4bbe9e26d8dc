// Retries, timeouts, limits and cancellation against injected faults.
#include <memory>
#include <string>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sslstore_client/sslstore_client.h"
#include "tests/sslstore_client/client_test_support.h"

namespace sslstore::client {
namespace {

using sslstore_sim::FaultConfig;
using sslstore_sim::FaultRule;
using sslstore_sim::FaultType;
using testing::AttemptsOf;
using ::testing::HasSubstr;
using testing::KindOf;
using testing::MakeClient;
using testing::MakeCsr;
using testing::OptionsFor;
using testing::StartSimulator;

// A rule firing on every call (`nth` = 0) or on calls nth..nth+times-1.
FaultConfig Rule(const std::string& endpoint, FaultType type, int64_t nth = 0,
                 int64_t times = 1) {
  FaultRule rule;
  rule.endpoint = endpoint;
  rule.type = type;
  rule.rate = nth == 0 ? 1.0 : 0.0;
  rule.nth = nth;
  rule.times = times;
  FaultConfig config;
  config.rules.push_back(rule);
  return config;
}

class ClientFaultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sim_ = StartSimulator();
    ASSERT_NE(sim_, nullptr);
    options_ = OptionsFor(*sim_);
    client_ = MakeClient(options_);
    ASSERT_NE(client_, nullptr);
    absl::StatusOr<std::vector<int64_t>> ids = sim_->SeedOrders(1, 1, 0, 0);
    ASSERT_TRUE(ids.ok()) << ids.status();
    ref_.the_sslstore_order_id = std::to_string((*ids)[0]);
  }

  NewOrderRequest Order(const std::string& custom_id) {
    NewOrderRequest r;
    r.custom_order_id = custom_id;
    r.product_code = "positivessl";
    r.csr = MakeCsr("www.example.com");
    r.domain_name = "www.example.com";
    r.approver_email = "admin@example.com";
    return r;
  }

  std::unique_ptr<sslstore_sim::Simulator> sim_;
  ClientOptions options_;
  std::unique_ptr<SslStoreClient> client_;
  OrderRef ref_;
};

// Each transient fault, firing on every call, is retried 5 times (6
// attempts) and then reported as what it is.
TEST_F(ClientFaultsTest, TransientFaultsRetryUpToTheLimit) {
  struct Case {
    FaultType type;
    absl::StatusCode code;
    const char* text;
  } cases[] = {
      {FaultType::kHttp500, absl::StatusCode::kUnavailable, "HTTP 500"},
      {FaultType::kHttp503, absl::StatusCode::kUnavailable, "HTTP 503"},
      {FaultType::kHttp429, absl::StatusCode::kUnavailable, "HTTP 429"},
      {FaultType::kDropBefore, absl::StatusCode::kUnavailable, "closed"},
      {FaultType::kDropAfter, absl::StatusCode::kUnavailable, "closed"},
      {FaultType::kTruncatedBody, absl::StatusCode::kUnavailable, "closed"},
      {FaultType::kMalformedJson, absl::StatusCode::kInternal,
       "malformed JSON"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(sslstore_sim::FaultTypeName(c.type));
    sim_->Reset();
    ASSERT_TRUE(sim_->SeedOrders(1, 1, 0, 0).ok());
    sim_->SetFaults(Rule("order/status", c.type));
    OrderRef ref;
    ref.the_sslstore_order_id = std::to_string(sim_->GroundTruth()[0].id);
    absl::StatusOr<OrderResponse> r = client_->StatusSync(ref);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), c.code) << r.status();
    EXPECT_THAT(r.status().message(), HasSubstr(c.text));
    EXPECT_THAT(r.status().message(), HasSubstr("/rest/order/status"));
    EXPECT_THAT(r.status().message(), HasSubstr("attempts: 6"));
    EXPECT_EQ(AttemptsOf(r.status()), 6);
    EXPECT_TRUE(GetErrorInfo(r.status())->transient);
    EXPECT_EQ(sim_->CallCount("order/status"), 6);
  }
}

TEST_F(ClientFaultsTest, TransientFaultsRecoverWithinTheLimit) {
  for (FaultType type :
       {FaultType::kHttp503, FaultType::kDropBefore, FaultType::kTruncatedBody,
        FaultType::kMalformedJson, FaultType::kHttp429}) {
    SCOPED_TRACE(sslstore_sim::FaultTypeName(type));
    sim_->SetFaults(Rule("order/status", type, /*nth=*/1, /*times=*/3));
    int64_t before = sim_->CallCount("order/status");
    absl::StatusOr<OrderResponse> r = client_->StatusSync(ref_);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->the_sslstore_order_id, ref_.the_sslstore_order_id);
    EXPECT_EQ(sim_->CallCount("order/status") - before, 4);
  }
}

TEST_F(ClientFaultsTest, RetryLimitIsConfigurable) {
  ClientOptions options = options_;
  options.retry.max_retries = 2;
  std::unique_ptr<SslStoreClient> client = MakeClient(options);
  sim_->SetFaults(Rule("order/download", FaultType::kHttp500));
  absl::StatusOr<DownloadResponse> r = client->DownloadSync(ref_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(AttemptsOf(r.status()), 3);
  EXPECT_EQ(sim_->CallCount("order/download"), 3);

  options.retry.max_retries = 0;
  client = MakeClient(options);
  int64_t before = sim_->CallCount("order/download");
  EXPECT_FALSE(client->DownloadSync(ref_).ok());
  EXPECT_EQ(sim_->CallCount("order/download") - before, 1);
}

TEST_F(ClientFaultsTest, NonIdempotentCallsAreNeverRetried) {
  for (FaultType type : {FaultType::kHttp503, FaultType::kDropAfter,
                         FaultType::kMalformedJson, FaultType::kDropBefore}) {
    SCOPED_TRACE(sslstore_sim::FaultTypeName(type));
    sim_->SetFaults(Rule("order/neworder", type));
    int64_t before = sim_->CallCount("order/neworder");
    absl::StatusOr<OrderResponse> r = client_->NewOrderSync(
        Order(std::string("cid-") + sslstore_sim::FaultTypeName(type)));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(AttemptsOf(r.status()), 1);
    EXPECT_EQ(sim_->CallCount("order/neworder") - before, 1);
  }
  // A drop after processing: the order exists though the call failed; the
  // caller must look it up rather than re-post.
  bool created = false;
  for (const auto& o : sim_->GroundTruth()) {
    created = created || o.custom_order_id == "cid-drop_after";
  }
  EXPECT_TRUE(created);

  sim_->SetFaults(Rule("order/reissue", FaultType::kHttp500));
  ReissueRequest reissue;
  reissue.the_sslstore_order_id = ref_.the_sslstore_order_id;
  reissue.csr = MakeCsr("www.example.com");
  EXPECT_EQ(AttemptsOf(client_->ReissueSync(reissue).status()), 1);
  sim_->SetFaults(Rule("order/refundrequest", FaultType::kHttp500));
  RefundRequest refund;
  refund.order = ref_;
  EXPECT_EQ(AttemptsOf(client_->RequestRefundSync(refund).status()), 1);
  sim_->SetFaults(Rule("order/certificaterevokerequest", FaultType::kHttp500));
  CertificateRevokeRequest revoke;
  revoke.order = ref_;
  EXPECT_EQ(AttemptsOf(client_->RevokeCertificateSync(revoke).status()), 1);
  EXPECT_EQ(sim_->CallCount("order/reissue"), 1);
  EXPECT_EQ(sim_->CallCount("order/refundrequest"), 1);
  EXPECT_EQ(sim_->CallCount("order/certificaterevokerequest"), 1);
}

TEST_F(ClientFaultsTest, EveryIdempotentEndpointRetries) {
  sim_->SetFaults(Rule("*", FaultType::kHttp503, /*nth=*/1, /*times=*/1));
  ASSERT_TRUE(client_->StatusSync(ref_).ok());
  sim_->SetFaults(Rule("*", FaultType::kHttp503, 1, 1));
  ASSERT_TRUE(client_->QuerySync(QueryRequest{}).ok());
  sim_->SetFaults(Rule("*", FaultType::kHttp503, 1, 1));
  ASSERT_TRUE(client_->DownloadSync(ref_).ok());
  sim_->SetFaults(Rule("*", FaultType::kHttp503, 1, 1));
  ApproverListRequest approvers;
  approvers.product_code = "positivessl";
  approvers.domain_name = "example.com";
  ASSERT_TRUE(client_->ApproverListSync(approvers).ok());
  sim_->SetFaults(Rule("*", FaultType::kHttp503, 1, 1));
  ASSERT_TRUE(client_->OrganizationListSync().ok());
  sim_->SetFaults(Rule("*", FaultType::kHttp503, 1, 1));
  ASSERT_TRUE(client_->HealthValidateSync().ok());
  sim_->SetFaults(Rule("*", FaultType::kHttp503, 1, 1));
  ASSERT_TRUE(client_->HealthStatusSync().ok());
  sim_->SetFaults(Rule("*", FaultType::kHttp503, 1, 1));
  ASSERT_TRUE(client_->ProductQuerySync(ProductQueryRequest{}).ok());
  sim_->SetFaults(Rule("*", FaultType::kHttp503, 1, 1));
  ASSERT_TRUE(client_->RefundStatusSync(ref_).ok());
  EXPECT_EQ(client_->Stats().retries, 9);
}

TEST_F(ClientFaultsTest, BusinessErrorsAreNotRetried) {
  sim_->SetFaults(Rule("order/status", FaultType::kApiError));
  absl::StatusOr<OrderResponse> r = client_->StatusSync(ref_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(KindOf(r.status()), ErrorKind::kBusiness);
  EXPECT_EQ(GetErrorInfo(r.status())->business_code, -9009);
  EXPECT_THAT(r.status().message(), HasSubstr("injected fault"));
  EXPECT_EQ(sim_->CallCount("order/status"), 1);
}

TEST_F(ClientFaultsTest, RetryAfterIsHonouredUpToItsCap) {
  ClientOptions options = options_;
  options.retry.max_retry_after = absl::Milliseconds(400);
  std::unique_ptr<SslStoreClient> client = MakeClient(options);
  FaultConfig config = Rule("order/status", FaultType::kHttp429, 1, 1);
  config.rules[0].retry_after_seconds = 30;
  sim_->SetFaults(config);
  absl::Time start = absl::Now();
  absl::StatusOr<OrderResponse> r = client->StatusSync(ref_);
  absl::Duration elapsed = absl::Now() - start;
  ASSERT_TRUE(r.ok()) << r.status();
  // Waited for the (capped) Retry-After, not the 1 ms back-off...
  EXPECT_GE(elapsed, absl::Milliseconds(400));
  // ... and not the full 30 s.
  EXPECT_LT(elapsed, absl::Seconds(20));
}

TEST_F(ClientFaultsTest, SlowBodyHitsTheRequestTimeoutThenRetries) {
  ClientOptions options = options_;
  options.request_timeout = absl::Milliseconds(300);
  std::unique_ptr<SslStoreClient> client = MakeClient(options);
  FaultConfig config = Rule("order/status", FaultType::kSlowBody, 1, 1);
  config.rules[0].slow_chunk_bytes = 16;
  config.rules[0].slow_chunk_interval = absl::Milliseconds(50);
  sim_->SetFaults(config);
  absl::StatusOr<OrderResponse> r = client->StatusSync(ref_);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(sim_->CallCount("order/status"), 2);
  EXPECT_EQ(client->Stats().retries, 1);
}

TEST_F(ClientFaultsTest, OrderCallsHaveTheirOwnRequestTimeout) {
  FaultConfig config = Rule("order/status", FaultType::kLatency);
  config.rules[0].latency = absl::Milliseconds(600);
  config.rules.push_back(config.rules[0]);
  config.rules[1].endpoint = "order/neworder";
  sim_->SetFaults(config);
  ClientOptions options = options_;
  options.retry.max_retries = 0;
  options.request_timeout = absl::Milliseconds(200);
  options.order_request_timeout = absl::Seconds(20);
  std::unique_ptr<SslStoreClient> client = MakeClient(options);
  absl::StatusOr<OrderResponse> order =
      client->NewOrderSync(Order("order-timeout-1"));
  EXPECT_TRUE(order.ok()) << order.status();
  absl::StatusOr<OrderResponse> status = client->StatusSync(ref_);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.status().message(), HasSubstr("timed out"));

  options.request_timeout = absl::Seconds(20);
  options.order_request_timeout = absl::Milliseconds(200);
  client = MakeClient(options);
  order = client->NewOrderSync(Order("order-timeout-2"));
  ASSERT_FALSE(order.ok());
  EXPECT_THAT(order.status().message(), HasSubstr("timed out"));
  EXPECT_THAT(order.status().message(), HasSubstr("/rest/order/neworder"));
  status = client->StatusSync(ref_);
  EXPECT_TRUE(status.ok()) << status.status();
}

TEST_F(ClientFaultsTest, TotalTimeoutEndsTheCall) {
  ClientOptions options = options_;
  options.total_timeout = absl::Milliseconds(300);
  std::unique_ptr<SslStoreClient> client = MakeClient(options);
  FaultConfig config = Rule("order/status", FaultType::kLatency);
  config.rules[0].latency = absl::Seconds(5);
  sim_->SetFaults(config);
  absl::StatusOr<OrderResponse> r = client->StatusSync(ref_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDeadlineExceeded)
      << r.status();
  EXPECT_EQ(KindOf(r.status()), ErrorKind::kDeadline);
  EXPECT_THAT(r.status().message(), HasSubstr("total timeout"));
}

TEST_F(ClientFaultsTest, CancelStopsAnInFlightCall) {
  FaultConfig config = Rule("order/status", FaultType::kLatency);
  config.rules[0].latency = absl::Seconds(30);
  sim_->SetFaults(config);
  absl::Notification done;
  absl::Status result;
  absl::Time start = absl::Now();
  CallHandle handle =
      client_->Status(ref_, [&](absl::StatusOr<OrderResponse> r) {
        result = r.status();
        done.Notify();
      });
  // Cancel once the request has reached the server (no sleeping: the
  // simulator counts the call when it starts handling it).
  while (sim_->CallCount("order/status") == 0 && !done.HasBeenNotified()) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  handle.Cancel();
  done.WaitForNotification();
  EXPECT_EQ(result.code(), absl::StatusCode::kCancelled) << result;
  EXPECT_LT(absl::Now() - start, absl::Seconds(20));
  handle.Cancel();  // A second cancel (after completion) does nothing.
  EXPECT_EQ(client_->Stats().active_calls, 0);
}

TEST_F(ClientFaultsTest, CancelWhileWaitingForBackoff) {
  ClientOptions options = options_;
  options.retry.initial_backoff = absl::Seconds(30);
  options.retry.max_backoff = absl::Seconds(30);
  options.retry.jitter = 0;
  std::unique_ptr<SslStoreClient> client = MakeClient(options);
  sim_->SetFaults(Rule("order/status", FaultType::kHttp503));
  absl::Notification done;
  absl::Status result;
  CallHandle handle =
      client->Status(ref_, [&](absl::StatusOr<OrderResponse> r) {
        result = r.status();
        done.Notify();
      });
  while (client->Stats().attempts == 0 ||
         sim_->CallCount("order/status") == 0) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  handle.Cancel();
  done.WaitForNotification();
  EXPECT_EQ(result.code(), absl::StatusCode::kCancelled) << result;
  EXPECT_EQ(sim_->CallCount("order/status"), 1);
}

TEST_F(ClientFaultsTest, OversizedResponseIsAPermanentError) {
  ClientOptions options = options_;
  options.max_response_bytes = 256;
  std::unique_ptr<SslStoreClient> client = MakeClient(options);
  absl::StatusOr<ProductQueryResponse> r =
      client->ProductQuerySync(ProductQueryRequest{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(KindOf(r.status()), ErrorKind::kBadResponse);
  EXPECT_THAT(r.status().message(), HasSubstr("limit of 256"));
  EXPECT_EQ(sim_->CallCount("product/query"), 1);
}

TEST_F(ClientFaultsTest, ConnectionRefusedIsUnavailableAfterRetries) {
  // The client reads the CA file at creation; then the simulator stops and
  // nothing listens on its port any more.
  std::unique_ptr<SslStoreClient> client = MakeClient(options_);
  sim_.reset();
  absl::StatusOr<HealthResponse> r = client->HealthStatusSync();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(AttemptsOf(r.status()), 6);
  EXPECT_THAT(r.status().message(), HasSubstr("connecting"));
  EXPECT_THAT(r.status().message(), HasSubstr("no HTTP response"));
}

}  // namespace
}  // namespace sslstore::client
