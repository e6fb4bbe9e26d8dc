// ListApproverEmails and ListOrganizations through the real server on
// 127.0.0.1:0 with the in-memory FakeWbapi: request checks (every problem
// as a BadRequest violation, no upstream call), the domain SSL Store is
// asked about, and how SSL Store's errors reach the caller.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"
#include "sslstore_client/errors.h"
#include "tests/fakes/fake_connector.h"
#include "tests/fakes/fake_connector_test_fixture.h"
#include "tests/fakes/fake_wbapi.h"

namespace sslstore::testing {
namespace {

namespace v1 = sslstore::connector::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class AccountRpcFakeTest : public FakeConnectorTest {
 protected:
  grpc::Status Approvers(const std::string& product_code,
                         const std::string& domain,
                         v1::ListApproverEmailsResponse* response) {
    v1::ListApproverEmailsRequest request;
    request.set_product_code(product_code);
    request.set_domain(domain);
    return env_->Call(&FakeConnector::Stub::ListApproverEmails, request,
                      response);
  }

  grpc::Status Organizations(v1::ListOrganizationsResponse* response) {
    return env_->Call(&FakeConnector::Stub::ListOrganizations, {}, response);
  }
};

TEST_F(AccountRpcFakeTest, ApproversOfTheDomainAndItsParents) {
  v1::ListApproverEmailsResponse response;
  const grpc::Status status =
      Approvers("positivessl", "shop.example.com", &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.base_domain(), "shop.example.com");
  ASSERT_EQ(response.approver_emails_size(), 10);
  EXPECT_EQ(response.approver_emails(0), "admin@shop.example.com");
  EXPECT_EQ(response.approver_emails(5), "admin@example.com");
  EXPECT_EQ(fake().calls(WbapiCall::kApproverList), 1);
}

TEST_F(AccountRpcFakeTest, WildcardIsStrippedAndTheDomainLowerCased) {
  fake().SetApprovers("shop.example.com", {"owner@example.com"});
  v1::ListApproverEmailsResponse response;
  const grpc::Status status =
      Approvers("positivessl", "*.Shop.EXAMPLE.com", &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.base_domain(), "shop.example.com");
  EXPECT_THAT(response.approver_emails(), ElementsAre("owner@example.com"));
}

TEST_F(AccountRpcFakeTest, EveryRequestProblemIsAViolation) {
  v1::ListApproverEmailsResponse response;
  const grpc::Status status =
      Approvers("no-such-product", "bad domain!", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("no-such-product"));
  EXPECT_THAT(status.error_message(), HasSubstr("is not a domain name"));

  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(status.error_details()));
  ASSERT_EQ(rich.details_size(), 2);  // the ErrorInfo, then the BadRequest
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(rich.details(1).UnpackTo(&bad_request));
  std::vector<std::string> fields;
  for (const auto& violation : bad_request.field_violations()) {
    fields.push_back(violation.field());
  }
  EXPECT_THAT(fields, UnorderedElementsAre("product_code", "domain"));
  EXPECT_EQ(fake().calls(WbapiCall::kApproverList), 0);
}

TEST_F(AccountRpcFakeTest, MissingFieldsAreRequired) {
  v1::ListApproverEmailsResponse response;
  const grpc::Status status = Approvers("", "", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("product_code: is required"));
  EXPECT_THAT(status.error_message(), HasSubstr("domain: is required"));
  EXPECT_EQ(fake().calls(WbapiCall::kApproverList), 0);
}

TEST_F(AccountRpcFakeTest, SslStoreRefusalKeepsItsMessage) {
  fake().FailNext(WbapiCall::kApproverList,
                  FakeWbapi::BusinessError(WbapiCall::kApproverList,
                                           "Invalid domain", -2001));
  v1::ListApproverEmailsResponse response;
  const grpc::Status status =
      Approvers("positivessl", "shop.example.com", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("Invalid domain"));
  EXPECT_THAT(response.approver_emails(), IsEmpty());
}

TEST_F(AccountRpcFakeTest, RejectedCredentialsAreFailedPrecondition) {
  fake().FailNext(WbapiCall::kOrganizationList,
                  client::internal::AddCallContext(
                      client::internal::MakeError(
                          client::ErrorKind::kAuthentication,
                          "SSL Store rejected the credentials", false, -1),
                      "/rest/digicert/organizationlist", 1, 200));
  v1::ListOrganizationsResponse response;
  const grpc::Status status = Organizations(&response);
  // Not UNAUTHENTICATED: the caller's own credentials were fine.
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("rejected the credentials"));
}

TEST_F(AccountRpcFakeTest, OrganizationsTimeoutIsDeadlineExceeded) {
  fake().FailNext(WbapiCall::kOrganizationList,
                  FakeWbapi::Timeout(WbapiCall::kOrganizationList));
  v1::ListOrganizationsResponse response;
  const grpc::Status status = Organizations(&response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(fake().calls(WbapiCall::kOrganizationList), 1);
}

}  // namespace
}  // namespace sslstore::testing
