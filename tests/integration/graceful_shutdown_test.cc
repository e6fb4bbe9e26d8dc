// Graceful shutdown of a serving connector: unary calls in flight finish,
// an open sync ends with UNAVAILABLE and a resume token, new calls are
// refused, and the whole shutdown takes less than five seconds.

#include <future>
#include <set>
#include <string>
#include <thread>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/connector_with_sim.h"

namespace sslstore::testing {
namespace {

namespace v1 = sslstore::connector::v1;
using ::testing::HasSubstr;

// Waits (bounded) until the simulator has received a call to `endpoint`.
bool AwaitUpstreamCall(sslstore_sim::Simulator& sim,
                       const std::string& endpoint) {
  const absl::Time give_up = absl::Now() + absl::Seconds(20);
  while (sim.CallCount(endpoint) == 0) {
    if (absl::Now() > give_up) return false;
    absl::SleepFor(absl::Milliseconds(1));
  }
  return true;
}

sslstore_sim::FaultRule Latency(const std::string& endpoint,
                                absl::Duration latency) {
  sslstore_sim::FaultRule rule;
  rule.endpoint = endpoint;
  rule.type = sslstore_sim::FaultType::kLatency;
  rule.rate = 1.0;
  rule.latency = latency;
  return rule;
}

TEST(GracefulShutdownTest, FinishesCallsInFlightAndEndsStreamsWithAStatus) {
  auto env = ConnectorWithSim::Start({}, [](service::ServerConfig& config) {
    config.connections.at("default").page_size = 20;
  });
  ASSERT_TRUE(env.ok()) << env.status();
  ConnectorWithSim& connector = **env;
  ASSERT_TRUE(connector.sim().SeedOrders(300, 1, 0, 0).ok());
  sslstore_sim::FaultConfig faults;
  faults.rules = {Latency("health/validate", absl::Milliseconds(800)),
                  Latency("order/status", absl::Milliseconds(20))};
  connector.sim().SetFaults(faults);

  // A sync that is streaming records.
  grpc::ClientContext sync_context;
  v1::SyncCertificatesRequest sync_request;
  sync_request.set_full_sync(true);
  auto reader = connector.stub().SyncCertificates(&sync_context, sync_request);
  std::set<int64_t> received;
  v1::SyncCertificatesResponse message;
  while (received.empty() && reader->Read(&message)) {
    if (message.has_record()) {
      received.insert(message.record().sslstore_order_id());
    }
  }
  ASSERT_EQ(received.size(), 1u);

  // A unary call waiting on SSL Store.
  grpc::ClientContext ping_context;
  v1::PingRequest ping_request;
  v1::PingResponse ping_response;
  std::promise<grpc::Status> ping_status;
  connector.stub().async()->Ping(
      &ping_context, &ping_request, &ping_response,
      [&ping_status](grpc::Status status) { ping_status.set_value(status); });
  ASSERT_TRUE(AwaitUpstreamCall(connector.sim(), "health/validate"));

  const absl::Time shutdown_start = absl::Now();
  std::thread shutdown(
      [&connector] { connector.server().Shutdown(absl::Seconds(4)); });

  // The stream delivers what was in flight, then ends with a status.
  while (reader->Read(&message)) {
    if (message.has_record()) {
      EXPECT_TRUE(received.insert(message.record().sslstore_order_id()).second)
          << "delivered twice: " << message.record().sslstore_order_id();
    }
    EXPECT_FALSE(message.has_summary()) << "the sync was not meant to finish";
  }
  grpc::Status sync_status = reader->Finish();
  shutdown.join();
  const absl::Duration shutdown_time = absl::Now() - shutdown_start;

  EXPECT_EQ(sync_status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << sync_status.error_message();
  EXPECT_THAT(sync_status.error_message(), HasSubstr("shutting down"));
  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(sync_status.error_details()));
  // The ErrorInfo (CONNECTOR_SHUTTING_DOWN), the SyncResumeInfo, RetryInfo.
  ASSERT_EQ(rich.details_size(), 3);
  v1::SyncResumeInfo resume;
  ASSERT_TRUE(rich.details(1).UnpackTo(&resume));
  EXPECT_FALSE(resume.resume_token().empty());
  EXPECT_LT(received.size(), 300u);

  grpc::Status ping = ping_status.get_future().get();
  EXPECT_TRUE(ping.ok()) << ping.error_message();
  EXPECT_TRUE(ping_response.reachable());
  EXPECT_LT(shutdown_time, absl::Seconds(5));
  EXPECT_EQ(connector.server().open_streams(), 0);

  // Nothing new is accepted.
  grpc::ClientContext late_context;
  late_context.set_deadline(std::chrono::system_clock::now() +
                            std::chrono::seconds(2));
  v1::ListProductsRequest late_request;
  v1::ListProductsResponse late_response;
  EXPECT_FALSE(connector.stub()
                   .ListProducts(&late_context, late_request, &late_response)
                   .ok());
}

TEST(GracefulShutdownTest, AnIdleServerStopsAtOnce) {
  auto env = ConnectorWithSim::Start();
  ASSERT_TRUE(env.ok()) << env.status();
  const absl::Time start = absl::Now();
  (*env)->server().Shutdown(absl::Seconds(4));
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
}

}  // namespace
}  // namespace sslstore::testing
