// Shared fixture for the simulator's HTTPS tests: starts a Simulator on
// 127.0.0.1 port 0 (real catalog, fresh temp CA) and talks to it with
// TestHttpClient.
#ifndef TESTS_SSLSTORE_SIM_SIM_TEST_ENV_H_
#define TESTS_SSLSTORE_SIM_SIM_TEST_ENV_H_

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "tests/sslstore_sim/test_crypto.h"
#include "tests/sslstore_sim/test_http_client.h"
#include "tools/sslstore-sim/simulator.h"

namespace sslstore_sim_test {

// JSON string literal (quoted, escaped) for `s`.
std::string JsonString(const std::string& s);

// Parses JSON; the document has a parse error flag on failure.
rapidjson::Document ParseJson(const std::string& text);

// String member of an object ("" when absent or not a string).
std::string Str(const rapidjson::Value& v, const char* name);

// AuthResponse.isError of a nested response (or the flat isError).
bool IsError(const rapidjson::Value& v);

// AuthResponse.Message[0] (or flat Message[0]); "" when none.
std::string FirstMessage(const rapidjson::Value& v);

// Members of a new-order request for a DV positivessl order.
struct NewOrderSpec {
  std::string product = "positivessl";
  std::string common_name = "www.example.com";
  std::vector<std::string> dns_names;
  std::string approver = "admin@example.com";
  std::string custom_order_id;
  std::string validity = "12";  // JSON value text
  std::string csr_pem;          // generated when empty
  std::string extra;            // extra members, e.g. ,"isRenewalOrder":true
};

class SimTest : public ::testing::Test {
 protected:
  // Starts the simulator (partner SIMPARTNER / token sim-token).
  void StartSim(sslstore_sim::SimulatorOptions options = {});

  // {"AuthRequest":{...good credentials...}, <members>}.
  std::string Body(const std::string& members) const;

  // POSTs to /rest/<endpoint> and parses the JSON reply (asserting HTTP 200).
  rapidjson::Document Call(const std::string& endpoint,
                           const std::string& body);

  // Places an order; the CSR used is stored in last_csr_.
  rapidjson::Document NewOrder(NewOrderSpec spec);

  // /order/status by id.
  rapidjson::Document Status(const std::string& id);

  // Sends `method` `path` with `body` to the admin HTTP API, checks that the
  // HTTP status is `expect_status` and parses the JSON reply (empty when the
  // request failed).
  rapidjson::Document Admin(const std::string& method, const std::string& path,
                            const std::string& body, int expect_status = 200);

  std::unique_ptr<sslstore_sim::Simulator> sim_;
  std::unique_ptr<TestHttpClient> client_;
  std::unique_ptr<TestHttpClient> admin_;
  TestCsr last_csr_;
};

}  // namespace sslstore_sim_test

#endif  // TESTS_SSLSTORE_SIM_SIM_TEST_ENV_H_
