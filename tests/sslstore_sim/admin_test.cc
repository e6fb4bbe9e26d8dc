// The admin HTTP API (plain HTTP on 127.0.0.1): seeding at scale, ground
// truth, approve/cancel, faults, counters, settings and reset.
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sslstore_sim/sim_test_env.h"

namespace sslstore_sim_test {
namespace {

class AdminTest : public SimTest {
 protected:
  void SetUp() override { StartSim(); }
};

TEST_F(AdminTest, UrlsPointAtLoopback) {
  EXPECT_EQ(sim_->base_url(), absl::StrCat("https://127.0.0.1:", sim_->port()));
  EXPECT_EQ(sim_->admin_url(),
            absl::StrCat("http://127.0.0.1:", sim_->admin_port()));
  EXPECT_NE(sim_->port(), sim_->admin_port());
  EXPECT_TRUE(Admin("GET", "/admin/health", "")["ok"].GetBool());
}

// How fast seeding is depends on the machine and its load, so it is not
// asserted here (the benchmarks seed and report their own times).
TEST_F(AdminTest, Seeds10000OrdersInTheRequestedProportions) {
  auto doc = Admin("POST", "/admin/seed",
                   R"({"count":10000,"active":7,"pending":2,"cancelled":1})");
  EXPECT_EQ(doc["created"].GetInt(), 10000);
  auto truth = sim_->GroundTruth();
  ASSERT_EQ(truth.size(), 10000u);
  int active = 0, pending = 0, cancelled = 0;
  for (const auto& o : truth) {
    if (o.major_status == "Active") ++active;
    if (o.major_status == "Pending") ++pending;
    if (o.major_status == "Cancelled") ++cancelled;
    EXPECT_EQ(o.certificate_pem.empty(), o.major_status == "Pending");
  }
  EXPECT_EQ(active, 7000);
  EXPECT_EQ(pending, 2000);
  EXPECT_EQ(cancelled, 1000);
  // Seeded certificates are real and chain to the root.
  auto info = InspectCert(truth[0].certificate_pem);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->subject_cn, truth[0].common_name);
  EXPECT_EQ(info->serial_hex, truth[0].serial_hex);
  EXPECT_TRUE(VerifyChain(truth[0].certificate_pem, {sim_->intermediate_pem()},
                          sim_->root_pem())
                  .ok());
  // The WBAPI agrees.
  auto status = Status(std::to_string(truth[1].id));
  EXPECT_EQ(Str(status["OrderStatus"], "MajorStatus"), truth[1].major_status);
  EXPECT_EQ(Str(status, "PartnerOrderID"), truth[1].partner_order_id);
}

TEST_F(AdminTest, GroundTruthApproveCancelAndReset) {
  sim_->SetApproval(sslstore_sim::ApprovalMode::kManual, 0);
  const std::string id =
      Str(NewOrder({.custom_order_id = "gt"}), "TheSSLStoreOrderID");
  auto truth = Admin("GET", "/admin/ground-truth", "");
  ASSERT_EQ(truth["count"].GetInt(), 1);
  const auto& o = truth["orders"][0];
  EXPECT_EQ(std::to_string(o["id"].GetInt64()), id);
  EXPECT_EQ(Str(o, "custom_order_id"), "gt");
  EXPECT_EQ(Str(o, "major_status"), "Pending");
  EXPECT_EQ(Str(o, "certificate_pem"), "");
  Admin("POST", "/admin/approve", absl::StrCat(R"({"id":)", id, "}"));
  truth = Admin("GET", "/admin/ground-truth", "");
  EXPECT_EQ(Str(truth["orders"][0], "major_status"), "Active");
  EXPECT_THAT(Str(truth["orders"][0], "certificate_pem"),
              ::testing::HasSubstr("BEGIN CERTIFICATE"));
  EXPECT_FALSE(Str(truth["orders"][0], "serial").empty());
  auto brief = Admin("GET", "/admin/ground-truth?certificates=0", "");
  EXPECT_FALSE(brief["orders"][0].HasMember("certificate_pem"));
  Admin("POST", "/admin/cancel", absl::StrCat(R"({"id":)", id, "}"));
  EXPECT_EQ(sim_->GroundTruth()[0].major_status, "Cancelled");
  Admin("POST", "/admin/cancel", absl::StrCat(R"({"id":)", id, "}"), 409);
  Admin("POST", "/admin/approve", R"({"id":1})", 404);
  Admin("POST", "/admin/approve", R"({})", 400);
  Admin("POST", "/admin/reset", "");
  EXPECT_TRUE(sim_->GroundTruth().empty());
  EXPECT_EQ(Admin("GET", "/admin/ground-truth", "")["count"].GetInt(), 0);
}

TEST_F(AdminTest, FaultsCountersAndSettings) {
  Admin(
      "POST", "/admin/faults",
      R"({"seed":5,"rules":[{"endpoint":"order/status","type":"http_503","nth":1}]})");
  auto r =
      client_->Post("/rest/order/status", Body(R"("TheSSLStoreOrderID":"1")"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 503);
  auto counters = Admin("GET", "/admin/counters", "");
  EXPECT_EQ(counters["calls"]["order/status"].GetInt(), 1);
  EXPECT_EQ(counters["faults_fired"].GetInt(), 1);
  Admin("POST", "/admin/faults", R"({"rules":[{"type":"nope","rate":1}]})",
        400);
  Admin("POST", "/admin/faults", R"({"rules":[{"type":"http_500","rate":1}]})");
  Admin("DELETE", "/admin/faults", "");
  r = client_->Post("/rest/order/status", Body(R"("TheSSLStoreOrderID":"1")"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  // Settings: manual approval, then after-polls.
  Admin("POST", "/admin/settings", R"({"approval":"manual"})");
  auto placed = NewOrder({});
  EXPECT_EQ(Str(placed["OrderStatus"], "MajorStatus"), "Pending");
  Admin(
      "POST", "/admin/settings",
      R"({"approval":"after-polls","approve_after_status_polls":1,"chain_order":"root-first"})");
  auto polled = Status(Str(placed, "TheSSLStoreOrderID"));
  EXPECT_EQ(Str(polled["OrderStatus"], "MajorStatus"), "Active");
  Admin("POST", "/admin/settings", R"({"approval":"sometimes"})", 400);
  Admin("GET", "/admin/nothing", "", 404);
  Admin("POST", "/admin/seed", "{not json", 400);
  Admin("POST", "/admin/seed", R"({"count":5,"product_code":"nosuch"})", 400);
}

}  // namespace
}  // namespace sslstore_sim_test
