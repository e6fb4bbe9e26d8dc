#include "tests/fakes/fake_connector_test_fixture.h"

#include <utility>

#include "absl/status/statusor.h"
#include "service/mapping/ca_request_id.h"

namespace sslstore::testing {

void FakeConnectorTest::SetUp() {
  absl::StatusOr<std::unique_ptr<FakeConnector>> env = FakeConnector::Start(
      [this](service::ServerConfig& config) { ConfigureServer(config); });
  ASSERT_TRUE(env.ok()) << env.status();
  env_ = *std::move(env);
}

void FakeConnectorTest::ConfigureServer(service::ServerConfig& /*config*/) {}

std::string FakeConnectorTest::CaRequestIdOf(const std::string& id) {
  return service::FormatCaRequestId(id,
                                    fake().OrderSnapshot(id).partner_order_id);
}

}  // namespace sslstore::testing
