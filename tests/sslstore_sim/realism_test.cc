// The realism knobs (realism.h), each on its own over HTTPS, the profiles,
// and their admin endpoints (settings, unknown members, complete-refund).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sslstore_sim/sim_test_env.h"

namespace sslstore_sim_test {
namespace {

using ::sslstore_sim::DuplicateCustomOrderId;
using ::sslstore_sim::Realism;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// An unknown member as (endpoint, path, count) for matching.
std::tuple<std::string, std::string, int64_t> AsTuple(
    const sslstore_sim::UnknownMember& m) {
  return {m.endpoint, m.path, m.count};
}

std::vector<std::tuple<std::string, std::string, int64_t>> Tuples(
    const std::vector<sslstore_sim::UnknownMember>& members) {
  std::vector<std::tuple<std::string, std::string, int64_t>> out;
  for (const auto& m : members) out.push_back(AsTuple(m));
  return out;
}

class RealismTest : public SimTest {
 protected:
  // Starts the simulator with `realism` (and manual approval when asked).
  void Start(Realism realism, bool manual_approval = false) {
    sslstore_sim::SimulatorOptions options;
    options.realism = std::move(realism);
    if (manual_approval) options.approval = sslstore_sim::ApprovalMode::kManual;
    StartSim(std::move(options));
  }
  // {"TheSSLStoreOrderID":"<id>"<extra>} with credentials.
  std::string IdBody(const std::string& id, const std::string& extra = "") {
    return Body(
        absl::StrCat(R"("TheSSLStoreOrderID":)", JsonString(id), extra));
  }
  // TheSSLStoreOrderID of every row of an /order/query reply.
  std::vector<std::string> QueryIds(const std::string& members) {
    rapidjson::Document rows = Call("order/query", Body(members));
    std::vector<std::string> ids;
    EXPECT_TRUE(rows.IsArray());
    if (!rows.IsArray()) return ids;
    for (const auto& row : rows.GetArray()) {
      EXPECT_FALSE(IsError(row)) << FirstMessage(row);
      ids.push_back(Str(row, "TheSSLStoreOrderID"));
    }
    return ids;
  }
  // MajorStatus of the one query row of order `id`.
  std::string QueryMajorStatus(const std::string& id) {
    rapidjson::Document rows = Call("order/query", Body(""));
    for (const auto& row : rows.GetArray()) {
      if (Str(row, "TheSSLStoreOrderID") == id) {
        return Str(row["OrderStatus"], "MajorStatus");
      }
    }
    return "(absent)";
  }
  // A reissue of `id` with a fresh CSR for `cn` plus `extra` members.
  rapidjson::Document Reissue(const std::string& id, const std::string& cn,
                              const std::string& extra) {
    auto csr = MakeCsr(KeyKind::kEcP256, cn, {});
    EXPECT_TRUE(csr.ok());
    return Call("order/reissue",
                IdBody(id, absl::StrCat(R"(,"CSR":)", JsonString(csr->pem),
                                        R"(,"WebServerType":"Other")", extra)));
  }
};

TEST(RealismProfileTest, LenientIsTheDefaultsAndRealisticTurnsKnobsOn) {
  std::optional<Realism> lenient = sslstore_sim::ParseRealismProfile("lenient");
  ASSERT_TRUE(lenient.has_value());
  EXPECT_FALSE(lenient->exact_member_names);
  EXPECT_EQ(lenient->not_found_code, -1006);
  EXPECT_EQ(lenient->refund_pending_polls, 0);
  EXPECT_EQ(lenient->query_page_size_cap, 0);
  std::optional<Realism> realistic =
      sslstore_sim::ParseRealismProfile("realistic");
  ASSERT_TRUE(realistic.has_value());
  EXPECT_TRUE(realistic->exact_member_names);
  EXPECT_EQ(realistic->not_found_code, -9009);
  EXPECT_EQ(realistic->refund_pending_polls, 2);
  EXPECT_EQ(realistic->query_lag, absl::Minutes(10));
  EXPECT_EQ(realistic->query_page_size_cap, 50);
  EXPECT_TRUE(realistic->query_newest_first);
  EXPECT_TRUE(realistic->reissue_refuses_existing_names);
  EXPECT_TRUE(realistic->health_validate_status_only);
  EXPECT_FALSE(sslstore_sim::ParseRealismProfile("strict").has_value());
}

TEST_F(RealismTest, SetRealismTakesEffectForTheNextCall) {
  Start({});
  const std::string missing = R"("TheSSLStoreOrderID":"999999")";
  EXPECT_EQ(FirstMessage(Call("order/status", Body(missing))),
            "ErrorCode:-1006|Message:Order not found");
  sim_->SetRealism(Realism::Realistic());
  EXPECT_TRUE(sim_->realism().exact_member_names);
  EXPECT_EQ(sim_->realism().query_page_size_cap, 50);
  EXPECT_EQ(FirstMessage(Call("order/status", Body(missing))),
            "ErrorCode:-9009|Message:Invalid OrderID or CustomOrderID");
}

TEST_F(RealismTest, LenientNamesTakeAnyCaseAndRecordNothing) {
  Start({});
  auto order = NewOrder({.extra = R"(,"bogusMember":1,"customorderid":"lc")"});
  ASSERT_FALSE(IsError(order)) << FirstMessage(order);
  EXPECT_EQ(Str(order, "CustomOrderID"), "lc");
  EXPECT_TRUE(sim_->UnknownMembers().empty());
}

TEST_F(RealismTest, ExactNamesIgnoreCaseVariantsAndUnknownMembers) {
  Realism realism;
  realism.exact_member_names = true;
  Start(realism);
  // A case variant is absent: the order gets no CustomOrderID.
  auto order = NewOrder({.extra = R"(,"bogusMember":1,"customorderid":"lc")"});
  ASSERT_FALSE(IsError(order)) << FirstMessage(order);
  EXPECT_EQ(Str(order, "CustomOrderID"), "");
  // A required member in the wrong case is missing.
  auto status = Call("order/status", Body(R"("theSSLStoreOrderID":"4500000")"));
  EXPECT_TRUE(IsError(status));
  EXPECT_THAT(FirstMessage(status), HasSubstr("TheSSLStoreOrderID"));
  NewOrder({.extra = R"(,"bogusMember":2)"});
  EXPECT_THAT(
      Tuples(sim_->UnknownMembers()),
      ElementsAre(std::make_tuple("order/neworder", "bogusMember", 2),
                  std::make_tuple("order/neworder", "customorderid", 1),
                  std::make_tuple("order/status", "theSSLStoreOrderID", 1)));
  sim_->ClearUnknownMembers();
  EXPECT_TRUE(sim_->UnknownMembers().empty());
}

TEST_F(RealismTest, ExactNamesCheckNestedObjectsWithDottedPaths) {
  Realism realism;
  realism.exact_member_names = true;
  Start(realism);
  auto order = NewOrder(
      {.extra = R"(,"TechnicalContact":{"Email":"a@example.com",)"
                R"("email":"b@example.com","Phone":"1"},)"
                R"("OrganizationInfo":{"OrganizationName":"Org","OrgName":"x",)"
                R"("OrganizationAddress":{"City":"Town","city":"town",)"
                R"("LocalityName":"L"}})"});
  ASSERT_FALSE(IsError(order)) << FirstMessage(order);
  // The ignored "email" is not echoed; the exact members are.
  ASSERT_TRUE(order["TechnicalContact"].IsObject());
  EXPECT_EQ(Str(order["TechnicalContact"], "Email"), "a@example.com");
  EXPECT_EQ(Str(order["TechnicalContact"], "Phone"), "1");
  EXPECT_FALSE(order["TechnicalContact"].HasMember("email"));
  auto status = Call(
      "order/status",
      R"({"AuthRequest":{"PartnerCode":"SIMPARTNER","AuthToken":"sim-token",)"
      R"("partnerCode":"x"},"TheSSLStoreOrderID":"4500000"})");
  EXPECT_FALSE(IsError(status)) << FirstMessage(status);
  EXPECT_THAT(
      Tuples(sim_->UnknownMembers()),
      ElementsAre(

          std::make_tuple("order/neworder", "OrganizationInfo.OrgName", 1),
          std::make_tuple("order/neworder",
                          "OrganizationInfo.OrganizationAddress.city", 1),
          std::make_tuple("order/neworder", "TechnicalContact.email", 1),
          std::make_tuple("order/status", "AuthRequest.partnerCode", 1)));
}

TEST_F(RealismTest, ExactNamesCheckSanEditEntries) {
  Realism realism;
  realism.exact_member_names = true;
  Start(realism);
  const std::string id = Str(NewOrder({}), "TheSSLStoreOrderID");
  auto reissue = Reissue(
      id, "www.example.com",
      R"(,"AddSAN":[{"OldValue":"","newValue":"x.example.com"}],"isWildcard":false)");
  EXPECT_FALSE(IsError(reissue)) << FirstMessage(reissue);
  EXPECT_THAT(
      Tuples(sim_->UnknownMembers()),
      ElementsAre(std::make_tuple("order/reissue", "AddSAN[].newValue", 1),
                  std::make_tuple("order/reissue", "isWildcard", 1)));
}

TEST_F(RealismTest, ExactNamesAcceptFlatCredentialsWhereWbapiTakesThem) {
  Realism realism;
  realism.exact_member_names = true;
  Start(realism);
  auto reply = Call(
      "health/validate",
      R"({"PartnerCode":"SIMPARTNER","AuthToken":"sim-token","UserAgent":"t",)"
      R"("ReplayToken":"r"})");
  EXPECT_FALSE(IsError(reply)) << FirstMessage(reply);
  auto orgs = Call("digicert/organizationlist",
                   R"({"PartnerCode":"SIMPARTNER","AuthToken":"sim-token"})");
  EXPECT_FALSE(IsError(orgs)) << FirstMessage(orgs);
  EXPECT_TRUE(sim_->UnknownMembers().empty());
}

TEST_F(RealismTest, NotFoundWordingAppliesToEveryOrderLookup) {
  Realism realism;
  realism.not_found_code = -4242;
  realism.not_found_message = "No such order here";
  Start(realism);
  const std::string expected = "ErrorCode:-4242|Message:No such order here";
  for (const char* endpoint :
       {"order/status", "order/download", "order/refundrequest",
        "order/refundstatus", "order/certificaterevokerequest",
        "order/reissue"}) {
    auto reply = Call(endpoint, IdBody("999999"));
    EXPECT_TRUE(IsError(reply)) << endpoint;
    EXPECT_EQ(FirstMessage(reply), expected) << endpoint;
  }
  auto by_custom = Call("order/status", Body(R"("CustomOrderID":"nope")"));
  EXPECT_EQ(FirstMessage(by_custom), expected);
  auto not_digits = Call("order/status", IdBody("abc"));
  EXPECT_EQ(FirstMessage(not_digits), expected);
}

TEST_F(RealismTest, NotFoundAsEmptyOrderIsNoErrorAndNoId) {
  Realism realism;
  realism.not_found_as_empty_order = true;
  Start(realism);
  for (const char* endpoint :
       {"order/status", "order/refundstatus", "order/refundrequest",
        "order/download", "order/reissue"}) {
    auto reply = Call(endpoint, IdBody("999999"));
    EXPECT_FALSE(IsError(reply)) << endpoint;
    ASSERT_TRUE(reply.HasMember("TheSSLStoreOrderID")) << endpoint;
    EXPECT_EQ(Str(reply, "TheSSLStoreOrderID"), "") << endpoint;
  }
  auto download = Call("order/download", IdBody("999999"));
  ASSERT_TRUE(download["Certificates"].IsArray());
  EXPECT_EQ(download["Certificates"].Size(), 0u);
  auto by_custom = Call("order/status", Body(R"("CustomOrderID":"nope")"));
  EXPECT_FALSE(IsError(by_custom));
  EXPECT_EQ(Str(by_custom, "TheSSLStoreOrderID"), "");
  EXPECT_EQ(Str(by_custom["OrderStatus"], "MajorStatus"), "");
  // The flat revoke reply has no order object: it stays an error.
  auto revoke = Call("order/certificaterevokerequest", IdBody("999999"));
  EXPECT_TRUE(IsError(revoke));
  // A known order is unaffected.
  const std::string id = Str(NewOrder({}), "TheSSLStoreOrderID");
  EXPECT_EQ(Str(Status(id), "TheSSLStoreOrderID"), id);
}

TEST_F(RealismTest, RefundStaysPendingForTheConfiguredStatusPolls) {
  Realism realism;
  realism.refund_pending_polls = 2;
  Start(realism);
  const std::string id = Str(NewOrder({}), "TheSSLStoreOrderID");
  auto refund = Call("order/refundrequest", IdBody(id));
  ASSERT_FALSE(IsError(refund)) << FirstMessage(refund);
  const std::string request_id = Str(refund, "RefundRequestID");
  EXPECT_FALSE(request_id.empty());
  EXPECT_FALSE(refund["isRefundApproved"].GetBool());
  EXPECT_EQ(Str(refund["OrderStatus"], "MajorStatus"), "Active");
  EXPECT_EQ(Str(refund["OrderStatus"], "MinorStatus"), "Refund Requested");
  ASSERT_EQ(sim_->GroundTruth().size(), 1u);
  EXPECT_TRUE(sim_->GroundTruth()[0].refund_pending);
  // refundstatus shows the pending refund and does not count as a poll.
  auto pending = Call("order/refundstatus", IdBody(id));
  EXPECT_EQ(Str(pending, "RefundRequestID"), request_id);
  EXPECT_FALSE(pending["isRefundApproved"].GetBool());
  EXPECT_EQ(Str(pending["OrderStatus"], "MajorStatus"), "Active");
  // Asking again while pending is the same request.
  EXPECT_EQ(Str(Call("order/refundrequest", IdBody(id)), "RefundRequestID"),
            request_id);
  EXPECT_EQ(Str(Status(id)["OrderStatus"], "MajorStatus"), "Active");
  auto second = Status(id);
  EXPECT_EQ(Str(second["OrderStatus"], "MajorStatus"), "Cancelled");
  EXPECT_EQ(Str(second["OrderStatus"], "MinorStatus"), "Refunded");
  EXPECT_TRUE(second["isRefundApproved"].GetBool());
  EXPECT_FALSE(sim_->GroundTruth()[0].refund_pending);
  EXPECT_EQ(sim_->GroundTruth()[0].major_status, "Cancelled");
}

TEST_F(RealismTest, RefundWaitsForTheAdminWhenPollsAreMinusOne) {
  Realism realism;
  realism.refund_pending_polls = -1;
  Start(realism);
  const std::string id = Str(NewOrder({}), "TheSSLStoreOrderID");
  ASSERT_FALSE(IsError(Call("order/refundrequest", IdBody(id))));
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Str(Status(id)["OrderStatus"], "MajorStatus"), "Active");
  }
  // A reissue is refused while the refund is pending.
  auto reissue = Reissue(id, "www.example.com", "");
  EXPECT_TRUE(IsError(reissue));
  EXPECT_THAT(FirstMessage(reissue), HasSubstr("refund is pending"));
  ASSERT_TRUE(sim_->CompleteRefund(std::stoll(id)).ok());
  EXPECT_EQ(Str(Status(id)["OrderStatus"], "MajorStatus"), "Cancelled");
  EXPECT_EQ(sim_->CompleteRefund(std::stoll(id)).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(sim_->CompleteRefund(1).code(), absl::StatusCode::kNotFound);
}

TEST_F(RealismTest, RefundIsImmediateByDefault) {
  Start({});
  const std::string id = Str(NewOrder({}), "TheSSLStoreOrderID");
  auto refund = Call("order/refundrequest", IdBody(id));
  EXPECT_EQ(Str(refund["OrderStatus"], "MajorStatus"), "Cancelled");
  EXPECT_TRUE(refund["isRefundApproved"].GetBool());
  EXPECT_FALSE(sim_->GroundTruth()[0].refund_pending);
}

TEST_F(RealismTest, QueryRowsLagBehindChangesButStatusDoesNot) {
  Realism realism;
  realism.query_lag = absl::Hours(1);
  Start(realism, /*manual_approval=*/true);
  const std::string id = Str(NewOrder({}), "TheSSLStoreOrderID");
  // New orders show at once.
  EXPECT_EQ(QueryMajorStatus(id), "Pending");
  ASSERT_TRUE(sim_->ApproveOrder(std::stoll(id)).ok());
  EXPECT_EQ(QueryMajorStatus(id), "Pending");
  EXPECT_EQ(Str(Status(id)["OrderStatus"], "MajorStatus"), "Active");
  EXPECT_FALSE(IsError(Call("order/download", IdBody(id))));
  // A second change lags behind the state just before it.
  ASSERT_TRUE(sim_->CancelOrder(std::stoll(id)).ok());
  EXPECT_EQ(QueryMajorStatus(id), "Active");
  EXPECT_EQ(Str(Status(id)["OrderStatus"], "MajorStatus"), "Cancelled");
  // Once the lag has passed (here: set to 0) the rows catch up.
  realism.query_lag = absl::ZeroDuration();
  sim_->SetRealism(realism);
  EXPECT_EQ(QueryMajorStatus(id), "Cancelled");
}

TEST_F(RealismTest, QueryLagCoversRefundsAndReissues) {
  Realism realism;
  realism.query_lag = absl::Hours(1);
  Start(realism);
  const std::string first = Str(NewOrder({}), "TheSSLStoreOrderID");
  const std::string second =
      Str(NewOrder({.common_name = "two.example.com"}), "TheSSLStoreOrderID");
  ASSERT_FALSE(IsError(Call("order/refundrequest", IdBody(first))));
  EXPECT_EQ(QueryMajorStatus(first), "Active");
  const std::string old_serial =
      Str(Call("order/query", Body(""))[1], "SerialNumber");
  ASSERT_FALSE(IsError(Reissue(second, "two.example.com", "")));
  auto rows = Call("order/query", Body(""));
  EXPECT_EQ(Str(rows[1], "SerialNumber"), old_serial);
  EXPECT_NE(Str(Status(second), "SerialNumber"), old_serial);
}

TEST_F(RealismTest, QueryPageSizeIsCapped) {
  Realism realism;
  realism.query_page_size_cap = 3;
  Start(realism);
  auto ids = sim_->SeedOrders(8, 1, 0, 0);
  ASSERT_TRUE(ids.ok());
  auto s = [&](int i) { return std::to_string((*ids)[i]); };
  EXPECT_THAT(QueryIds(R"("PageNumber":1,"PageSize":5)"),
              ElementsAre(s(0), s(1), s(2)));
  // Offsets use the effective size.
  EXPECT_THAT(QueryIds(R"("PageNumber":2,"PageSize":5)"),
              ElementsAre(s(3), s(4), s(5)));
  EXPECT_THAT(QueryIds(R"("PageNumber":3,"PageSize":100)"),
              ElementsAre(s(6), s(7)));
  EXPECT_THAT(QueryIds(R"("PageNumber":2,"PageSize":2)"),
              ElementsAre(s(2), s(3)));
  // Without paging a capped service serves the first page only.
  EXPECT_THAT(QueryIds(""), ElementsAre(s(0), s(1), s(2)));
}

TEST_F(RealismTest, QueryListsNewestFirstThenPages) {
  Realism realism;
  realism.query_newest_first = true;
  Start(realism);
  auto ids = sim_->SeedOrders(5, 1, 0, 0);
  ASSERT_TRUE(ids.ok());
  auto s = [&](int i) { return std::to_string((*ids)[i]); };
  EXPECT_THAT(QueryIds(""), ElementsAre(s(4), s(3), s(2), s(1), s(0)));
  EXPECT_THAT(QueryIds(R"("PageNumber":2,"PageSize":2)"),
              ElementsAre(s(2), s(1)));
  // Filters are unchanged.
  EXPECT_THAT(
      QueryIds(absl::StrCat(R"("DomainName":)",
                            JsonString(sim_->GroundTruth()[1].common_name))),
      ElementsAre(s(1)));
}

TEST_F(RealismTest, DuplicateCustomOrderIdsAreRefusedByDefault) {
  Start({});
  ASSERT_FALSE(IsError(NewOrder({.custom_order_id = "dup"})));
  auto second = NewOrder({.custom_order_id = "dup"});
  EXPECT_TRUE(IsError(second));
  EXPECT_THAT(FirstMessage(second), HasSubstr("-1010"));
  EXPECT_EQ(sim_->GroundTruth().size(), 1u);
}

TEST_F(RealismTest, AcceptedDuplicateCustomOrderIdMakesASecondOrder) {
  Realism realism;
  realism.duplicate_custom_order_id = DuplicateCustomOrderId::kAccept;
  Start(realism);
  const std::string first =
      Str(NewOrder({.custom_order_id = "dup"}), "TheSSLStoreOrderID");
  auto second = NewOrder({.custom_order_id = "dup"});
  ASSERT_FALSE(IsError(second)) << FirstMessage(second);
  const std::string second_id = Str(second, "TheSSLStoreOrderID");
  EXPECT_NE(first, second_id);
  EXPECT_EQ(sim_->GroundTruth().size(), 2u);
  // A lookup by CustomOrderID finds the newest.
  auto status = Call("order/status", Body(R"("CustomOrderID":"dup")"));
  EXPECT_EQ(Str(status, "TheSSLStoreOrderID"), second_id);
}

TEST_F(RealismTest, StrictReissueRefusesNamesAlreadyOnTheOrder) {
  Realism realism;
  realism.reissue_refuses_existing_names = true;
  Start(realism);
  const std::string id = Str(NewOrder({}), "TheSSLStoreOrderID");
  auto add_cn =
      Reissue(id, "www.example.com",
              R"(,"AddSAN":[{"OldValue":"","NewValue":"WWW.example.com"}])");
  EXPECT_TRUE(IsError(add_cn));
  EXPECT_EQ(FirstMessage(add_cn),
            "ErrorCode:-1011|Message:Name 'www.example.com' is already on the "
            "order");
  auto dns =
      Reissue(id, "www.example.com", R"(,"DNSNames":["www.example.com"])");
  EXPECT_TRUE(IsError(dns));
  EXPECT_THAT(FirstMessage(dns), HasSubstr("'www.example.com'"));
  for (const char* list : {"EditSAN", "AddSAN", "DeleteSAN"}) {
    auto empty =
        Reissue(id, "www.example.com", absl::StrCat(",\"", list, "\":[]"));
    EXPECT_TRUE(IsError(empty)) << list;
    EXPECT_EQ(FirstMessage(empty),
              absl::StrCat("ErrorCode:-1011|Message:", list,
                           " must not be an empty list"));
  }
  EXPECT_EQ(sim_->GroundTruth()[0].reissue_count, 0);
  // A reissue that adds nothing already there goes through.
  EXPECT_FALSE(IsError(Reissue(id, "www.example.com", "")));
}

TEST_F(RealismTest, LenientReissueTakesExistingNamesAndEmptyLists) {
  Start({});
  const std::string id = Str(NewOrder({}), "TheSSLStoreOrderID");
  auto reissue = Reissue(
      id, "www.example.com",
      R"(,"AddSAN":[{"OldValue":"","NewValue":"www.example.com"}],"EditSAN":[])"
      R"(,"DNSNames":["www.example.com"])");
  EXPECT_FALSE(IsError(reissue)) << FirstMessage(reissue);
}

TEST_F(RealismTest, HealthValidateAnswersStatusOnly) {
  Realism realism;
  realism.health_validate_status_only = true;
  Start(realism);
  auto ok =
      client_->Post("/rest/health/validate",
                    R"({"PartnerCode":"SIMPARTNER","AuthToken":"sim-token"})");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->body, R"({"Status":"Success"})");
  // A failure keeps the flat AuthResponse shape.
  auto denied = Call("health/validate",
                     R"({"PartnerCode":"SIMPARTNER","AuthToken":"wrong"})");
  EXPECT_TRUE(IsError(denied));
  EXPECT_THAT(FirstMessage(denied), HasSubstr("-9008"));
}

class RealismAdminTest : public RealismTest {
 protected:
  void SetUp() override { Start({}); }
};

TEST_F(RealismAdminTest, SettingsTakeTheProfileThenEachKnob) {
  Admin("POST", "/admin/settings",
        R"({"profile":"realistic","query_page_size_cap":7,)"
        R"("query_lag_ms":1500,"duplicate_custom_order_id":"accept",)"
        R"("not_found_message":"Gone","health_validate_status_only":false})");
  const Realism r = sim_->realism();
  EXPECT_TRUE(r.exact_member_names);
  EXPECT_TRUE(r.query_newest_first);
  EXPECT_EQ(r.query_page_size_cap, 7);
  EXPECT_EQ(r.query_lag, absl::Milliseconds(1500));
  EXPECT_EQ(r.duplicate_custom_order_id, DuplicateCustomOrderId::kAccept);
  EXPECT_EQ(r.not_found_code, -9009);
  EXPECT_EQ(r.not_found_message, "Gone");
  EXPECT_FALSE(r.health_validate_status_only);
  auto shown = Admin("GET", "/admin/settings", "");
  ASSERT_TRUE(shown["realism"].IsObject());
  EXPECT_EQ(shown["realism"]["query_page_size_cap"].GetInt(), 7);
  EXPECT_EQ(shown["realism"]["query_lag_ms"].GetInt(), 1500);
  EXPECT_EQ(Str(shown["realism"], "duplicate_custom_order_id"), "accept");
  EXPECT_TRUE(shown["realism"]["exact_member_names"].GetBool());
  // Knobs alone change only themselves.
  Admin("POST", "/admin/settings", R"({"refund_pending_polls":-1})");
  EXPECT_EQ(sim_->realism().refund_pending_polls, -1);
  EXPECT_EQ(sim_->realism().query_page_size_cap, 7);
  Admin("POST", "/admin/settings", R"({"profile":"lenient"})");
  EXPECT_FALSE(sim_->realism().exact_member_names);
  EXPECT_EQ(sim_->realism().query_page_size_cap, 0);
}

TEST_F(RealismAdminTest, BadSettingsAreRefusedNamingTheKnobAndChangeNothing) {
  auto bad =
      Admin("POST", "/admin/settings",
            R"({"query_newest_first":true,"refund_pending_polls":-2})", 400);
  EXPECT_THAT(Str(bad, "error"), HasSubstr("refund_pending_polls"));
  EXPECT_FALSE(sim_->realism().query_newest_first);
  auto profile =
      Admin("POST", "/admin/settings", R"({"profile":"harsh"})", 400);
  EXPECT_THAT(Str(profile, "error"), HasSubstr("profile"));
  auto dup = Admin("POST", "/admin/settings",
                   R"({"duplicate_custom_order_id":"maybe"})", 400);
  EXPECT_THAT(Str(dup, "error"), HasSubstr("duplicate_custom_order_id"));
  auto flag = Admin("POST", "/admin/settings",
                    R"({"exact_member_names":"sometimes"})", 400);
  EXPECT_THAT(Str(flag, "error"), HasSubstr("exact_member_names"));
}

TEST_F(RealismAdminTest, UnknownMembersAreListedAndCleared) {
  Admin("POST", "/admin/settings", R"({"exact_member_names":true})");
  NewOrder({.extra = R"(,"Extra":1)"});
  NewOrder({.extra = R"(,"Extra":1)"});
  auto listed = Admin("GET", "/admin/unknown-members", "");
  ASSERT_TRUE(listed["members"].IsArray());
  ASSERT_EQ(listed["members"].Size(), 1u);
  EXPECT_EQ(Str(listed["members"][0], "endpoint"), "order/neworder");
  EXPECT_EQ(Str(listed["members"][0], "path"), "Extra");
  EXPECT_EQ(listed["members"][0]["count"].GetInt(), 2);
  Admin("DELETE", "/admin/unknown-members", "");
  EXPECT_EQ(Admin("GET", "/admin/unknown-members", "")["members"].Size(), 0u);
  NewOrder({.extra = R"(,"Extra":1)"});
  Admin("POST", "/admin/unknown-members/clear", "");
  EXPECT_TRUE(sim_->UnknownMembers().empty());
}

TEST_F(RealismAdminTest, ResetKeepsTheKnobsAndForgetsUnknownMembers) {
  Admin("POST", "/admin/settings",
        R"({"exact_member_names":true,"query_page_size_cap":4})");
  NewOrder({.extra = R"(,"Extra":1)"});
  ASSERT_FALSE(sim_->UnknownMembers().empty());
  Admin("POST", "/admin/reset", "");
  EXPECT_TRUE(sim_->UnknownMembers().empty());
  EXPECT_TRUE(sim_->realism().exact_member_names);
  EXPECT_EQ(sim_->realism().query_page_size_cap, 4);
}

TEST_F(RealismAdminTest, CompleteRefundCarriesOutAPendingRefund) {
  Admin("POST", "/admin/settings", R"({"refund_pending_polls":-1})");
  const std::string id = Str(NewOrder({}), "TheSSLStoreOrderID");
  ASSERT_FALSE(IsError(Call("order/refundrequest", IdBody(id))));
  auto truth = Admin("GET", "/admin/ground-truth?certificates=0", "");
  EXPECT_TRUE(truth["orders"][0]["refund_pending"].GetBool());
  Admin("POST", "/admin/complete-refund", absl::StrCat(R"({"id":)", id, "}"));
  EXPECT_EQ(Str(Status(id)["OrderStatus"], "MinorStatus"), "Refunded");
  truth = Admin("GET", "/admin/ground-truth?certificates=0", "");
  EXPECT_FALSE(truth["orders"][0]["refund_pending"].GetBool());
  Admin("POST", "/admin/complete-refund", absl::StrCat(R"({"id":)", id, "}"),
        409);
  Admin("POST", "/admin/complete-refund", R"({"id":1})", 404);
  Admin("POST", "/admin/complete-refund", "{}", 400);
}

}  // namespace
}  // namespace sslstore_sim_test
