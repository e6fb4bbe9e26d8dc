// The pure decisions of Enroll: approver-email rules and renew-or-reissue.

#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/enroll/approver_check.h"
#include "service/enroll/renewal_decision.h"

namespace sslstore::service::enroll {
namespace {

namespace v1 = sslstore::connector::v1;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

const std::map<std::string, std::vector<std::string>> kLists = {
    {"example.com", {"admin@example.com", "hostmaster@example.com"}},
    {"other.net", {"admin@other.net"}},
};

TEST(ApproverCheckTest, DigiCertNeedsExactlyOneEmailFromTheCnList) {
  EXPECT_THAT(
      CheckApproverEmails(true, {"example.com"}, {"ADMIN@example.com"}, kLists),
      IsEmpty());
  auto two = CheckApproverEmails(
      true, {"example.com"}, {"admin@example.com", "hostmaster@example.com"},
      kLists);
  ASSERT_THAT(two, SizeIs(1));
  EXPECT_THAT(two[0].description, HasSubstr("exactly one"));
  EXPECT_EQ(two[0].field, "parameters[Approver Email]");
  auto stranger =
      CheckApproverEmails(true, {"example.com"}, {"me@else.org"}, kLists);
  ASSERT_THAT(stranger, SizeIs(1));
  EXPECT_THAT(stranger[0].description, HasSubstr("admin@example.com"));
}

TEST(ApproverCheckTest, SectigoNeedsOneApproverPerDomain) {
  EXPECT_THAT(
      CheckApproverEmails(false, {"example.com", "other.net"},
                          {"admin@example.com", "admin@other.net"}, kLists),
      IsEmpty());
  auto missing = CheckApproverEmails(false, {"example.com", "other.net"},
                                     {"admin@example.com"}, kLists);
  ASSERT_THAT(missing, SizeIs(1));
  EXPECT_THAT(missing[0].description, HasSubstr("other.net"));
}

TEST(ApproverCheckTest, WildcardsUseTheBaseDomainsList) {
  EXPECT_EQ(ApproverDomain("*.Example.com"), "example.com");
  EXPECT_THAT(CheckApproverEmails(false, {"*.example.com"},
                                  {"admin@example.com"}, kLists),
              IsEmpty());
}

const absl::Time kNow = absl::FromUnixSeconds(1800000000);
const absl::Duration kWindow = absl::Hours(24 * 30);

TEST(RenewalDecisionTest, RenewOrReissueFollowsTheWindow) {
  EXPECT_EQ(DecidePriorOrderAction(v1::ENROLLMENT_TYPE_RENEW_OR_REISSUE,
                                   kNow + absl::Hours(24 * 10), kWindow, kNow),
            PriorOrderAction::kRenew);
  EXPECT_EQ(DecidePriorOrderAction(v1::ENROLLMENT_TYPE_RENEW_OR_REISSUE,
                                   kNow + absl::Hours(24 * 30), kWindow, kNow),
            PriorOrderAction::kRenew);
  EXPECT_EQ(DecidePriorOrderAction(v1::ENROLLMENT_TYPE_RENEW_OR_REISSUE,
                                   kNow + absl::Hours(24 * 31), kWindow, kNow),
            PriorOrderAction::kReissue);
  EXPECT_EQ(DecidePriorOrderAction(v1::ENROLLMENT_TYPE_RENEW_OR_REISSUE,
                                   std::nullopt, kWindow, kNow),
            PriorOrderAction::kRenew);
}

TEST(RenewalDecisionTest, ExplicitTypesWinOverTheWindow) {
  EXPECT_EQ(DecidePriorOrderAction(v1::ENROLLMENT_TYPE_RENEW,
                                   kNow + absl::Hours(24 * 300), kWindow, kNow),
            PriorOrderAction::kRenew);
  EXPECT_EQ(DecidePriorOrderAction(v1::ENROLLMENT_TYPE_REISSUE,
                                   kNow + absl::Hours(24), kWindow, kNow),
            PriorOrderAction::kReissue);
}

}  // namespace
}  // namespace sslstore::service::enroll
