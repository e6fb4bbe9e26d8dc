// The order state machine over HTTPS: approval modes, reissue, renewal,
// refund and revocation, order expiry vs certificate end.
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sslstore_sim/sim_test_env.h"

namespace sslstore_sim_test {
namespace {

using sslstore_sim::ApprovalMode;
using ::testing::HasSubstr;

class StateMachineTest : public SimTest {
 protected:
  std::string Major(const rapidjson::Value& doc) {
    if (!doc.IsObject() || !doc.HasMember("OrderStatus") ||
        !doc["OrderStatus"].IsObject()) {
      return "";
    }
    return Str(doc["OrderStatus"], "MajorStatus");
  }
  std::string Minor(const rapidjson::Value& doc) {
    return Str(doc["OrderStatus"], "MinorStatus");
  }
  std::string IdBody(const std::string& id, const std::string& extra = "") {
    return Body(
        absl::StrCat(R"("TheSSLStoreOrderID":)", JsonString(id), extra));
  }
  std::string LeafOf(const std::string& id) {
    auto dl = Call("order/download", IdBody(id));
    if (IsError(dl)) return "";
    for (const auto& c : dl["Certificates"].GetArray()) {
      auto info = InspectCert(Str(c, "FileContent"));
      if (info.ok() && !info->is_ca) return Str(c, "FileContent");
    }
    return "";
  }
};

TEST_F(StateMachineTest, ImmediateApprovalIssuesDuringNewOrder) {
  StartSim();
  auto doc = NewOrder({});
  EXPECT_EQ(Major(doc), "Active");
  EXPECT_FALSE(Str(doc, "SerialNumber").empty());
  EXPECT_FALSE(LeafOf(Str(doc, "TheSSLStoreOrderID")).empty());
}

TEST_F(StateMachineTest, ManualApprovalWaitsForTheAdmin) {
  sslstore_sim::SimulatorOptions options;
  options.approval = ApprovalMode::kManual;
  StartSim(options);
  auto doc = NewOrder({});
  const std::string id = Str(doc, "TheSSLStoreOrderID");
  EXPECT_EQ(Major(doc), "Pending");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Major(Status(id)), "Pending");
  EXPECT_TRUE(LeafOf(id).empty());
  ASSERT_TRUE(sim_->ApproveOrder(std::stoll(id)).ok());
  auto after = Status(id);
  EXPECT_EQ(Major(after), "Active");
  EXPECT_EQ(Minor(after), "Issued");
  EXPECT_FALSE(LeafOf(id).empty());
  // Approving twice is an error.
  EXPECT_FALSE(sim_->ApproveOrder(std::stoll(id)).ok());
  EXPECT_FALSE(sim_->ApproveOrder(1).ok());
}

TEST_F(StateMachineTest, AfterPollsApprovesOnTheNthStatusCall) {
  sslstore_sim::SimulatorOptions options;
  options.approval = ApprovalMode::kAfterPolls;
  options.approve_after_status_polls = 3;
  StartSim(options);
  const std::string id = Str(NewOrder({}), "TheSSLStoreOrderID");
  EXPECT_EQ(Major(Status(id)), "Pending");
  EXPECT_EQ(Major(Status(id)), "Pending");
  EXPECT_EQ(Major(Status(id)), "Active");
  EXPECT_EQ(Major(Status(id)), "Active");
  // Downloads and queries do not count as polls.
  const std::string id2 = Str(NewOrder({}), "TheSSLStoreOrderID");
  Call("order/download", IdBody(id2));
  Call("order/query", Body(""));
  EXPECT_EQ(Major(Status(id2)), "Pending");
}

TEST_F(StateMachineTest, ReissueKeepsTheOrderAndIssuesANewCertificate) {
  sslstore_sim::SimulatorOptions options;
  options.approval = ApprovalMode::kManual;
  StartSim(options);
  auto placed =
      NewOrder({.product = "sectigodvucc", .custom_order_id = "orig"});
  const std::string id = Str(placed, "TheSSLStoreOrderID");
  const std::string partner1 = Str(placed, "PartnerOrderID");
  // Only Active orders can be reissued.
  auto csr = MakeCsr(KeyKind::kRsa2048, "www.example.com", {"api.example.com"});
  ASSERT_TRUE(csr.ok());
  const std::string reissue_body = IdBody(
      id,
      absl::StrCat(
          R"(,"CSR":)", JsonString(csr->pem),
          R"(,"WebServerType":"Other","CustomOrderID":"ignored","AddSAN":[{"OldValue":"","NewValue":"api.example.com"}])"));
  auto early = Call("order/reissue", reissue_body);
  EXPECT_TRUE(IsError(early));
  EXPECT_THAT(FirstMessage(early), HasSubstr("-1007"));
  ASSERT_TRUE(sim_->ApproveOrder(std::stoll(id)).ok());
  const std::string old_leaf = LeafOf(id);
  auto old_info = InspectCert(old_leaf);
  ASSERT_TRUE(old_info.ok());

  auto reissued = Call("order/reissue", reissue_body);
  ASSERT_FALSE(IsError(reissued)) << FirstMessage(reissued);
  EXPECT_EQ(Str(reissued, "TheSSLStoreOrderID"), id);
  EXPECT_EQ(Str(reissued, "CustomOrderID"), "orig");
  EXPECT_NE(Str(reissued, "PartnerOrderID"), partner1);
  EXPECT_EQ(Major(reissued), "Active");
  EXPECT_EQ(Minor(reissued), "PENDING_REISSUE");
  // While pending, the old certificate is still served; a second reissue
  // is refused.
  EXPECT_EQ(LeafOf(id), old_leaf);
  EXPECT_TRUE(IsError(Call("order/reissue", reissue_body)));

  ASSERT_TRUE(sim_->ApproveOrder(std::stoll(id)).ok());
  auto done = Status(id);
  EXPECT_EQ(Minor(done), "Issued");
  const std::string new_leaf = LeafOf(id);
  auto new_info = InspectCert(new_leaf);
  ASSERT_TRUE(new_info.ok());
  EXPECT_NE(new_info->serial_hex, old_info->serial_hex);
  EXPECT_EQ(new_info->public_key_der, csr->public_key_der);
  EXPECT_THAT(new_info->dns_names, ::testing::UnorderedElementsAre(
                                       "www.example.com", "api.example.com"));
  auto truth = sim_->GroundTruth();
  ASSERT_EQ(truth.size(), 1u);
  EXPECT_EQ(truth[0].reissue_count, 1);
  EXPECT_EQ(truth[0].previous_serials,
            std::vector<std::string>{old_info->serial_hex});
}

TEST_F(StateMachineTest, ImmediateReissueCompletesInTheCall) {
  StartSim();
  const std::string id = Str(NewOrder({}), "TheSSLStoreOrderID");
  const std::string before = LeafOf(id);
  auto csr = MakeCsr(KeyKind::kEcP256, "www.example.com");
  ASSERT_TRUE(csr.ok());
  auto r = Call("order/reissue",
                IdBody(id, absl::StrCat(R"(,"CSR":)", JsonString(csr->pem),
                                        R"(,"WebServerType":"Other")")));
  ASSERT_FALSE(IsError(r)) << FirstMessage(r);
  EXPECT_EQ(Minor(r), "Issued");
  EXPECT_NE(LeafOf(id), before);
  // A bad CSR on reissue is rejected and changes nothing.
  auto bad = Call("order/reissue",
                  IdBody(id, R"(,"CSR":"garbage","WebServerType":"Other")"));
  EXPECT_TRUE(IsError(bad));
  EXPECT_THAT(FirstMessage(bad), HasSubstr("-1004"));
  EXPECT_EQ(sim_->GroundTruth()[0].reissue_count, 1);
}

TEST_F(StateMachineTest, RenewalIsANewOrderLinkedToTheOldOne) {
  StartSim();
  const std::string old_id = Str(NewOrder({}), "TheSSLStoreOrderID");
  auto renewal =
      NewOrder({.extra = absl::StrCat(
                    R"(,"isRenewalOrder":true,"RelatedTheSSLStoreOrderID":)",
                    JsonString(old_id))});
  ASSERT_FALSE(IsError(renewal)) << FirstMessage(renewal);
  const std::string new_id = Str(renewal, "TheSSLStoreOrderID");
  EXPECT_NE(new_id, old_id);
  EXPECT_TRUE(renewal["isRenewalOrder"].GetBool());
  EXPECT_EQ(Str(renewal, "RelatedTheSSLStoreOrderID"), old_id);
  auto truth = sim_->GroundTruth();
  ASSERT_EQ(truth.size(), 2u);
  EXPECT_EQ(truth[1].related_order_id, std::stoll(old_id));
  EXPECT_TRUE(truth[1].is_renewal);
  EXPECT_EQ(truth[0].major_status, "Active");  // the old order is untouched
  auto dangling = NewOrder(
      {.extra = R"(,"isRenewalOrder":true,"RelatedTheSSLStoreOrderID":"123")"});
  EXPECT_TRUE(IsError(dangling));
  EXPECT_THAT(FirstMessage(dangling), HasSubstr("-1006"));
}

TEST_F(StateMachineTest, RefundRequestCancelsAndRefundStatusReportsIt) {
  StartSim();
  const std::string id = Str(NewOrder({}), "TheSSLStoreOrderID");
  auto refund =
      Call("order/refundrequest", IdBody(id, R"(,"RefundReason":"test")"));
  ASSERT_FALSE(IsError(refund)) << FirstMessage(refund);
  EXPECT_EQ(Major(refund), "Cancelled");
  EXPECT_FALSE(Str(refund, "RefundRequestID").empty());
  auto status = Call("order/refundstatus", IdBody(id));
  EXPECT_TRUE(status["isRefundApproved"].GetBool());
  EXPECT_EQ(Major(Status(id)), "Cancelled");
  // Cancelled after issue: the certificate can still be downloaded.
  EXPECT_FALSE(LeafOf(id).empty());
  auto again = Call("order/refundrequest", IdBody(id));
  EXPECT_TRUE(IsError(again));
  EXPECT_THAT(FirstMessage(again), HasSubstr("-1007"));
}

TEST_F(StateMachineTest, RefundOutsideTheWindowFails) {
  StartSim();
  auto ids = sim_->SeedOrders(60, 1, 0, 0);
  ASSERT_TRUE(ids.ok());
  int64_t old_id = 0;
  for (const auto& o : sim_->GroundTruth()) {
    if (absl::Now() - o.purchase_date > absl::Hours(24 * 40)) old_id = o.id;
  }
  ASSERT_NE(old_id, 0);
  auto refund = Call("order/refundrequest", IdBody(std::to_string(old_id)));
  EXPECT_TRUE(IsError(refund));
  EXPECT_THAT(FirstMessage(refund), HasSubstr("-1009"));
  EXPECT_EQ(Major(Status(std::to_string(old_id))), "Active");
}

TEST_F(StateMachineTest, RevokeRequestCancelsTheOrder) {
  StartSim();
  const std::string id = Str(NewOrder({}), "TheSSLStoreOrderID");
  const std::string serial = Str(Status(id), "SerialNumber");
  auto wrong = Call("order/certificaterevokerequest",
                    IdBody(id, R"(,"SerialNumber":"00AA")"));
  EXPECT_TRUE(IsError(wrong));
  auto revoke =
      Call("order/certificaterevokerequest",
           IdBody(id, absl::StrCat(R"(,"SerialNumber":)", JsonString(serial))));
  EXPECT_FALSE(IsError(revoke)) << FirstMessage(revoke);
  EXPECT_FALSE(revoke.HasMember("AuthResponse"));  // flat envelope
  auto status = Status(id);
  EXPECT_EQ(Major(status), "Cancelled");
  EXPECT_EQ(Minor(status), "Revoked");
  EXPECT_EQ(sim_->GroundTruth()[0].revoked_serials,
            std::vector<std::string>{serial});
  // Nothing to revoke on a never-issued order.
  sim_->SetApproval(ApprovalMode::kManual, 0);
  const std::string pending = Str(NewOrder({}), "TheSSLStoreOrderID");
  auto none = Call("order/certificaterevokerequest", IdBody(pending));
  EXPECT_TRUE(IsError(none));
  EXPECT_THAT(FirstMessage(none), HasSubstr("-1008"));
}

TEST_F(StateMachineTest, AdminCancelAndCancelledNeverIssuedHasNoCertificate) {
  sslstore_sim::SimulatorOptions options;
  options.approval = ApprovalMode::kManual;
  StartSim(options);
  const std::string id = Str(NewOrder({}), "TheSSLStoreOrderID");
  ASSERT_TRUE(sim_->CancelOrder(std::stoll(id)).ok());
  EXPECT_EQ(Major(Status(id)), "Cancelled");
  auto dl = Call("order/download", IdBody(id));
  EXPECT_TRUE(IsError(dl));
  EXPECT_FALSE(sim_->CancelOrder(std::stoll(id)).ok());
  EXPECT_FALSE(sim_->ApproveOrder(std::stoll(id)).ok());
}

TEST_F(StateMachineTest, OrderExpiryIsDistinctFromCertificateEnd) {
  StartSim();
  auto doc = NewOrder({.validity = "24"});
  ASSERT_FALSE(IsError(doc)) << FirstMessage(doc);
  auto truth = sim_->GroundTruth();
  ASSERT_EQ(truth.size(), 1u);
  const auto& o = truth[0];
  // The order runs 24 months; each certificate at most 199 days.
  EXPECT_GT(o.order_expiry - o.purchase_date, absl::Hours(24 * 700));
  EXPECT_LE(o.certificate_not_after - o.certificate_not_before,
            absl::Hours(24 * 199));
  EXPECT_NE(Str(doc, "OrderExpiryDateInUTC"),
            Str(doc, "CertificateEndDateInUTC"));
}

}  // namespace
}  // namespace sslstore_sim_test
