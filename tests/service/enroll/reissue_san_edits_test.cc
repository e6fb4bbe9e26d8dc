// Reissue names: one description only (AddSAN/DeleteSAN against the order's
// full current names, CN included, case-insensitive), none when nothing
// changes, and never a DNSNames list or an empty edit list on the wire.

#include "service/enroll/reissue_san_edits.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "service/enroll/enroll_plan.h"
#include "service/enroll/prior_order_requests.h"
#include "sslstore_client/model_writer.h"
#include "tests/service/enroll/enroll_test_support.h"

namespace sslstore::service::enroll {
namespace {

namespace v1 = sslstore::connector::v1;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

client::OrderResponse OrderWith(const std::string& cn,
                                const std::vector<std::string>& sans) {
  client::OrderResponse order;
  order.the_sslstore_order_id = "4500001";
  order.common_name = cn;
  order.dns_names = sans;
  return order;
}

std::vector<std::string> NewValues(const std::vector<client::OldNewPair>& e) {
  std::vector<std::string> values;
  for (const client::OldNewPair& pair : e) {
    EXPECT_EQ(pair.old_value, "");
    values.push_back(pair.new_value);
  }
  return values;
}

std::vector<std::string> OldValues(const std::vector<client::OldNewPair>& e) {
  std::vector<std::string> values;
  for (const client::OldNewPair& pair : e) {
    EXPECT_EQ(pair.new_value, "");
    values.push_back(pair.old_value);
  }
  return values;
}

TEST(ReissueSanEditsTest, UnchangedNamesGiveNoEditsWhateverTheCase) {
  // SSL Store may or may not list the CN among DNSNames.
  for (const auto& sans :
       {std::vector<std::string>{"api.example.com"},
        std::vector<std::string>{"WWW.example.com", "API.example.com"}}) {
    SanEdits edits = ComputeSanEdits(OrderWith("www.example.com", sans),
                                     {"www.example.com", "api.example.com"});
    EXPECT_THAT(edits.add, IsEmpty());
    EXPECT_THAT(edits.remove, IsEmpty());
  }
}

TEST(ReissueSanEditsTest, TheCommonNameIsNeverAddedAgain) {
  SanEdits edits = ComputeSanEdits(OrderWith("www.example.com", {}),
                                   {"www.example.com", "shop.example.com"});
  EXPECT_THAT(NewValues(edits.add), ElementsAre("shop.example.com"));
  EXPECT_THAT(edits.remove, IsEmpty());
}

TEST(ReissueSanEditsTest, AdditionsAndDeletionsAgainstTheFullSet) {
  SanEdits edits = ComputeSanEdits(
      OrderWith("www.example.com", {"old.example.com", "keep.example.com"}),
      {"www.example.com", "keep.example.com", "new.example.com",
       "NEW.example.com"});
  EXPECT_THAT(NewValues(edits.add), ElementsAre("new.example.com"));
  EXPECT_THAT(OldValues(edits.remove), ElementsAre("old.example.com"));
}

TEST(ReissueSanEditsTest, ANewCommonNameReplacesTheOldOne) {
  SanEdits edits = ComputeSanEdits(
      OrderWith("www.example.com", {"www.example.com"}), {"shop.example.com"});
  EXPECT_THAT(NewValues(edits.add), ElementsAre("shop.example.com"));
  EXPECT_THAT(OldValues(edits.remove), ElementsAre("www.example.com"));
}

TEST(ReissueSanEditsTest, AnOrderWithoutNamesGetsNoEdits) {
  SanEdits edits = ComputeSanEdits(OrderWith("", {}), {"www.example.com"});
  EXPECT_THAT(edits.add, IsEmpty());
  EXPECT_THAT(edits.remove, IsEmpty());
}

// The reissue body for `prior` and a positivemdcssl request whose CSR has
// CN www.example.com and subjectAltName `san`, parsed from its JSON.
rapidjson::Document ReissueBody(const client::OrderResponse& prior,
                                const std::string& san) {
  v1::EnrollRequest request =
      testing::MakeRequest("positivemdcssl", testing::DvParameters());
  request.set_csr(testing::CsrPem("www.example.com", san));
  request.set_enrollment_type(v1::ENROLLMENT_TYPE_REISSUE);
  request.set_prior_ca_request_id("4500001-TSS-1");
  absl::StatusOr<EnrollPlan> plan =
      PlanEnrollment(testing::TestCatalog(), request);
  EXPECT_TRUE(plan.ok()) << plan.status();
  rapidjson::Document doc;
  if (!plan.ok()) return doc;
  client::Credentials credentials;
  credentials.partner_code = "12345";
  credentials.auth_token = "token";
  doc.Parse(client::WriteReissueRequest(credentials,
                                        BuildReissue(*plan, prior, request)));
  EXPECT_TRUE(doc.IsObject());
  return doc;
}

TEST(ReissueSanEditsTest, AnUnchangedReissueSendsNoNameLists) {
  rapidjson::Document doc = ReissueBody(
      OrderWith("www.example.com", {"api.example.com"}), "DNS:api.example.com");
  ASSERT_TRUE(doc.IsObject());
  for (const char* member : {"DNSNames", "AddSAN", "DeleteSAN", "EditSAN"}) {
    EXPECT_FALSE(doc.HasMember(member)) << member;
  }
  EXPECT_STREQ(doc["TheSSLStoreOrderID"].GetString(), "4500001");
}

TEST(ReissueSanEditsTest, AChangedReissueSendsOnlyTheEdits) {
  rapidjson::Document doc = ReissueBody(
      OrderWith("www.example.com", {"old.example.com"}), "DNS:new.example.com");
  ASSERT_TRUE(doc.IsObject());
  EXPECT_FALSE(doc.HasMember("DNSNames"));
  EXPECT_FALSE(doc.HasMember("EditSAN"));
  ASSERT_TRUE(doc.HasMember("AddSAN") && doc["AddSAN"].IsArray());
  ASSERT_EQ(doc["AddSAN"].Size(), 1u);
  EXPECT_STREQ(doc["AddSAN"][0]["NewValue"].GetString(), "new.example.com");
  ASSERT_TRUE(doc.HasMember("DeleteSAN") && doc["DeleteSAN"].IsArray());
  ASSERT_EQ(doc["DeleteSAN"].Size(), 1u);
  EXPECT_STREQ(doc["DeleteSAN"][0]["OldValue"].GetString(), "old.example.com");
}

}  // namespace
}  // namespace sslstore::service::enroll
