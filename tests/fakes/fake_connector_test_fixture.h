#ifndef TESTS_FAKES_FAKE_CONNECTOR_TEST_FIXTURE_H_
#define TESTS_FAKES_FAKE_CONNECTOR_TEST_FIXTURE_H_

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "service/connector_server.h"
#include "tests/fakes/fake_connector.h"
#include "tests/fakes/fake_wbapi.h"

namespace sslstore::testing {

// The fixture of the suites on the in-memory fake: a FakeConnector started
// before each test (the real server on 127.0.0.1:0, one FakeWbapi behind
// every connection) and stopped after it.
class FakeConnectorTest : public ::testing::Test {
 protected:
  // Starts env_ with ConfigureServer's changes; fails the test if the
  // server does not start.
  void SetUp() override;

  // Changes the server's configuration before it starts; a suite overrides
  // it for, e.g., another page size. Changes nothing by default.
  virtual void ConfigureServer(service::ServerConfig& config);

  // The fake behind every connection.
  FakeWbapi& fake() { return env_->fake(); }

  // The ca_request_id the connector gives the fake's order `id`.
  std::string CaRequestIdOf(const std::string& id);

  std::unique_ptr<FakeConnector> env_;
};

}  // namespace sslstore::testing

#endif  // TESTS_FAKES_FAKE_CONNECTOR_TEST_FIXTURE_H_
