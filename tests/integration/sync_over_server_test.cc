// SyncCertificates through the real server: every order of the simulator
// that has a certificate arrives once, with its bytes, then a summary.

#include <map>
#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/connector_with_sim.h"

namespace sslstore::testing {
namespace {

namespace v1 = sslstore::connector::v1;

TEST(SyncOverServerTest, DeliversEveryCertificateOnceThenASummary) {
  auto env = ConnectorWithSim::Start({}, [](service::ServerConfig& config) {
    config.connections.at("default").page_size = 40;
  });
  ASSERT_TRUE(env.ok()) << env.status();
  ASSERT_TRUE((*env)->sim().SeedOrders(250, 6, 3, 1).ok());
  std::map<std::string, std::string> expected;  // order id -> serial
  for (const auto& order : (*env)->sim().GroundTruth()) {
    if (!order.certificate_pem.empty()) {
      expected[std::to_string(order.id)] =
          absl::AsciiStrToUpper(order.serial_hex);
    }
  }

  grpc::ClientContext context;
  v1::SyncCertificatesRequest request;
  request.set_full_sync(true);
  auto reader = (*env)->stub().SyncCertificates(&context, request);
  v1::SyncCertificatesResponse message;
  std::map<std::string, std::string> received;
  int summaries = 0;
  v1::SyncSummary summary;
  while (reader->Read(&message)) {
    if (message.has_record()) {
      const v1::CertificateRecord& record = message.record();
      EXPECT_FALSE(record.certificate_der().empty()) << record.ca_request_id();
      const std::string id = std::to_string(record.sslstore_order_id());
      EXPECT_EQ(received.count(id), 0u) << "delivered twice: " << id;
      received[id] = absl::AsciiStrToUpper(record.serial_number());
    } else if (message.has_summary()) {
      ++summaries;
      summary = message.summary();
    }
  }
  grpc::Status status = reader->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(received, expected);
  EXPECT_EQ(summaries, 1);
  EXPECT_EQ(summary.orders_processed(), 250);
  EXPECT_EQ(summary.records_emitted(), static_cast<int64_t>(expected.size()));
  EXPECT_EQ(summary.pages_fetched(), 7);  // 6 full pages and a short one
}

}  // namespace
}  // namespace sslstore::testing
