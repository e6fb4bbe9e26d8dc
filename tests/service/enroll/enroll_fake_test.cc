// Enroll over an in-memory WBAPI: the real gRPC server with a FakeWbapi
// behind its connection (new order, replay, renew, reissue, refusal and
// lookup, single flight, wait for issuance), and StartEnroll called
// directly with a CallScope to time how soon cancellation and the deadline
// end the wait for issuance. Every test runs in well under a second.

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/enroll/enroll_handler.h"
#include "service/enroll/enroll_single_flight.h"
#include "service/server/timer_service.h"
#include "service/server/worker_pool.h"
#include "service/upstream/connection_registry.h"
#include "service/x509/certificate.h"
#include "service/x509/csr.h"
#include "tests/fakes/fake_connector.h"
#include "tests/fakes/fake_connector_test_fixture.h"
#include "tests/fakes/fake_wbapi.h"
#include "tests/sanitizer_slowdown.h"
#include "tests/service/enroll/enroll_test_support.h"
#include "tests/service/x509/test_pki.h"

namespace sslstore::testing {
namespace {

namespace v1 = sslstore::connector::v1;
namespace pki = service::x509::testing;
using service::enroll::testing::DvParameters;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// A PEM CSR on the shared EC key (no RSA key generation per process).
std::string EcCsr(const std::string& cn, const std::string& san = "") {
  pki::CsrSpec spec;
  spec.subject = {{"CN", cn}};
  spec.san = san;
  return pki::MakeCsrPem(pki::SharedEcP256Key(), spec);
}

v1::EnrollRequest Dv(const std::string& request_id) {
  v1::EnrollRequest request;
  request.set_product_code("positivessl");
  request.set_csr(EcCsr("www.example.com"));
  for (const auto& [name, value] : DvParameters()) {
    (*request.mutable_parameters())[name] = value;
  }
  request.set_request_id(request_id);
  return request;
}

int TotalCalls(const FakeWbapi& fake) {
  int total = 0;
  for (int call = 0; call <= static_cast<int>(WbapiCall::kProductQuery);
       ++call) {
    total += fake.calls(static_cast<WbapiCall>(call));
  }
  return total;
}

class EnrollFakeTest : public FakeConnectorTest {};

TEST_F(EnrollFakeTest, NewOrderIsPlacedOnce) {
  v1::EnrollResponse response;
  grpc::Status status = env_->Enroll(Dv("new-1"), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.action(), v1::ENROLLMENT_ACTION_NEW_ORDER);
  EXPECT_GT(response.sslstore_order_id(), 0);
  EXPECT_FALSE(response.ca_request_id().empty());
  EXPECT_FALSE(response.has_certificate());  // no wait asked
  ASSERT_THAT(fake().new_orders(), SizeIs(1));
  EXPECT_EQ(fake().new_orders()[0].product_code, "positivessl");
  EXPECT_FALSE(fake().new_orders()[0].custom_order_id.empty());
  // The lookup by CustomOrderID came first.
  EXPECT_EQ(fake().calls(WbapiCall::kStatus), 1);
}

TEST_F(EnrollFakeTest, ReplayOfARequestIdReturnsTheSameOrder) {
  v1::EnrollResponse first;
  v1::EnrollResponse replay;
  ASSERT_TRUE(env_->Enroll(Dv("replay-1"), &first).ok());
  grpc::Status status = env_->Enroll(Dv("replay-1"), &replay);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(replay.action(), v1::ENROLLMENT_ACTION_EXISTING_ORDER);
  EXPECT_EQ(replay.sslstore_order_id(), first.sslstore_order_id());
  EXPECT_EQ(replay.ca_request_id(), first.ca_request_id());
  EXPECT_EQ(fake().calls(WbapiCall::kNewOrder), 1);
  EXPECT_EQ(fake().order_count(), 1);

  // Another request id is another order.
  v1::EnrollResponse other;
  ASSERT_TRUE(env_->Enroll(Dv("replay-2"), &other).ok());
  EXPECT_EQ(other.action(), v1::ENROLLMENT_ACTION_NEW_ORDER);
  EXPECT_NE(other.sslstore_order_id(), first.sslstore_order_id());
}

TEST_F(EnrollFakeTest, PriorOrderOutsideTheWindowIsReissued) {
  const std::string prior = fake().AddIssuedOrder(
      "positivessl", {"www.example.com"}, absl::Now() - absl::Hours(24 * 300),
      absl::Now() + absl::Hours(24 * 400));
  v1::EnrollRequest request = Dv("reissue-1");
  request.set_enrollment_type(v1::ENROLLMENT_TYPE_RENEW_OR_REISSUE);
  request.set_prior_ca_request_id(CaRequestIdOf(prior));
  v1::EnrollResponse response;
  grpc::Status status = env_->Enroll(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.action(), v1::ENROLLMENT_ACTION_REISSUE);
  EXPECT_EQ(response.sslstore_order_id(), std::stoll(prior));
  ASSERT_THAT(fake().reissues(), SizeIs(1));
  EXPECT_EQ(fake().reissues()[0].the_sslstore_order_id, prior);
  EXPECT_THAT(fake().new_orders(), IsEmpty());
}

TEST_F(EnrollFakeTest, PriorOrderInsideTheWindowIsRenewed) {
  const std::string prior = fake().AddIssuedOrder(
      "positivessl", {"www.example.com"}, absl::Now() - absl::Hours(24 * 355),
      absl::Now() + absl::Hours(24 * 10));
  v1::EnrollRequest request = Dv("renew-1");
  request.set_enrollment_type(v1::ENROLLMENT_TYPE_RENEW_OR_REISSUE);
  request.set_prior_ca_request_id(CaRequestIdOf(prior));
  v1::EnrollResponse response;
  grpc::Status status = env_->Enroll(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.action(), v1::ENROLLMENT_ACTION_RENEWAL_ORDER);
  EXPECT_NE(response.sslstore_order_id(), std::stoll(prior));
  ASSERT_THAT(fake().new_orders(), SizeIs(1));
  EXPECT_TRUE(fake().new_orders()[0].is_renewal_order);
  EXPECT_EQ(fake().new_orders()[0].related_the_sslstore_order_id, prior);
  EXPECT_THAT(fake().reissues(), IsEmpty());
}

TEST_F(EnrollFakeTest, UnknownPriorOrderIsNotFound) {
  v1::EnrollRequest request = Dv("renew-unknown");
  request.set_enrollment_type(v1::ENROLLMENT_TYPE_RENEW);
  request.set_prior_ca_request_id("4599999-TSS-1");
  v1::EnrollResponse response;
  grpc::Status status = env_->Enroll(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND)
      << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("4599999-TSS-1"));
  EXPECT_EQ(fake().calls(WbapiCall::kNewOrder), 0);
}

TEST_F(EnrollFakeTest, InvalidRequestsReachNothingUpstream) {
  v1::EnrollRequest no_csr = Dv("invalid-1");
  no_csr.clear_csr();
  v1::EnrollRequest unknown_product = Dv("invalid-2");
  unknown_product.set_product_code("no-such-product");
  v1::EnrollRequest missing_parameter = Dv("invalid-3");
  missing_parameter.mutable_parameters()->erase("Admin Contact - Email");
  for (const v1::EnrollRequest& request :
       {no_csr, unknown_product, missing_parameter}) {
    SCOPED_TRACE(request.request_id());
    v1::EnrollResponse response;
    grpc::Status status = env_->Enroll(request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << status.error_message();
  }
  EXPECT_EQ(TotalCalls(fake()), 0);
}

TEST_F(EnrollFakeTest, ApproverOutsideTheListIsRefusedBeforeOrdering) {
  v1::EnrollRequest request = Dv("approver-1");
  (*request.mutable_parameters())["Approver Email"] = "someone@elsewhere.test";
  v1::EnrollResponse response;
  grpc::Status status = env_->Enroll(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("www.example.com"));
  EXPECT_GE(fake().calls(WbapiCall::kApproverList), 1);
  EXPECT_EQ(fake().calls(WbapiCall::kNewOrder), 0);
}

TEST_F(EnrollFakeTest, RefusedDuplicateIsAnsweredWithTheExistingOrder) {
  v1::EnrollResponse first;
  ASSERT_TRUE(env_->Enroll(Dv("dup-1"), &first).ok());
  // The lookup before ordering is refused, so the connector orders; the
  // fake refuses the duplicate CustomOrderID and the lookup after the
  // refusal finds the order.
  fake().FailNext(
      WbapiCall::kStatus,
      FakeWbapi::BusinessError(WbapiCall::kStatus,
                               "Vendor returns error: try later", -1));
  v1::EnrollResponse again;
  grpc::Status status = env_->Enroll(Dv("dup-1"), &again);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(again.action(), v1::ENROLLMENT_ACTION_EXISTING_ORDER);
  EXPECT_EQ(again.sslstore_order_id(), first.sslstore_order_id());
  EXPECT_EQ(fake().calls(WbapiCall::kNewOrder), 2);  // one refused
  EXPECT_EQ(fake().order_count(), 1);
}

TEST_F(EnrollFakeTest, RefusalWithoutAnEarlierOrderIsReturned) {
  fake().FailNext(
      WbapiCall::kNewOrder,
      FakeWbapi::BusinessError(WbapiCall::kNewOrder,
                               "Vendor returns error: domain is blocked", -1));
  v1::EnrollResponse response;
  grpc::Status status = env_->Enroll(Dv("refused-1"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
      << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("domain is blocked"));
  EXPECT_EQ(fake().calls(WbapiCall::kStatus), 2);  // before and after
  EXPECT_EQ(fake().order_count(), 0);
}

TEST_F(EnrollFakeTest, LostReplyIsRecoveredByLookingTheOrderUp) {
  fake().LoseNextReply(WbapiCall::kNewOrder,
                       FakeWbapi::Timeout(WbapiCall::kNewOrder));
  v1::EnrollResponse response;
  grpc::Status status = env_->Enroll(Dv("lost-1"), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(fake().calls(WbapiCall::kNewOrder), 1);
  EXPECT_EQ(fake().order_count(), 1);
  v1::EnrollResponse replay;
  ASSERT_TRUE(env_->Enroll(Dv("lost-1"), &replay).ok());
  EXPECT_EQ(replay.sslstore_order_id(), response.sslstore_order_id());
  EXPECT_EQ(fake().calls(WbapiCall::kNewOrder), 1);
}

TEST_F(EnrollFakeTest, ConcurrentEnrollsOfOneRequestJoinOneFlight) {
  constexpr int kCalls = 6;
  service::enroll::EnrollSingleFlight& flights =
      service::enroll::EnrollSingleFlight::Shared();
  const int followers_before = flights.Followers();
  fake().Hold(WbapiCall::kNewOrder, true);
  std::vector<v1::EnrollResponse> responses(kCalls);
  std::vector<grpc::Status> statuses(kCalls);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCalls; ++i) {
    callers.emplace_back([&, i] {
      statuses[i] = env_->Enroll(Dv("concurrent-1"), &responses[i]);
    });
  }
  // The leader's order is held until every other call follows its flight.
  EXPECT_TRUE(fake().WaitForCalls(WbapiCall::kNewOrder, 1));
  const absl::Time limit = absl::Now() + absl::Seconds(10);
  while (flights.Followers() < followers_before + kCalls - 1 &&
         absl::Now() < limit) {
    std::this_thread::yield();
  }
  EXPECT_EQ(flights.Followers(), followers_before + kCalls - 1);
  fake().Hold(WbapiCall::kNewOrder, false);
  for (std::thread& caller : callers) caller.join();
  int new_orders = 0;
  for (int i = 0; i < kCalls; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].error_message();
    EXPECT_EQ(responses[i].sslstore_order_id(),
              responses[0].sslstore_order_id());
    if (responses[i].action() == v1::ENROLLMENT_ACTION_NEW_ORDER) ++new_orders;
  }
  EXPECT_EQ(new_orders, 1);
  EXPECT_EQ(fake().calls(WbapiCall::kNewOrder), 1);
  EXPECT_EQ(fake().calls(WbapiCall::kStatus), 1);  // the leader's lookup
}

TEST_F(EnrollFakeTest, WaitEndsWhenTheFakeIssuesWithTheCsrsCertificate) {
  fake().set_issuance({/*polls_until_issued=*/1});
  const std::string csr = EcCsr("www.example.com", "DNS:www.example.com");
  v1::EnrollRequest request = Dv("wait-1");
  request.set_csr(csr);
  request.mutable_wait_for_issuance()->set_seconds(20);
  v1::EnrollResponse response;
  grpc::Status status = env_->Enroll(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.status(), v1::CERTIFICATE_STATUS_ISSUED);
  // The lookup, then one poll that found the order issued.
  EXPECT_EQ(fake().calls(WbapiCall::kStatus), 2);
  EXPECT_EQ(fake().calls(WbapiCall::kDownload), 1);
  ASSERT_FALSE(response.certificate().certificate_der().empty());
  absl::StatusOr<service::x509::CsrInfo> parsed = service::x509::ParseCsr(csr);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  absl::StatusOr<service::x509::CertificateInfo> leaf =
      service::x509::ParseCertificateDer(
          response.certificate().certificate_der());
  ASSERT_TRUE(leaf.ok()) << leaf.status();
  EXPECT_EQ(leaf->public_key_der, parsed->public_key_der);
  EXPECT_EQ(response.certificate().chain_size(), 2);
}

TEST_F(EnrollFakeTest, WithoutAWaitAPendingOrderIsReturnedPending) {
  fake().set_issuance({/*polls_until_issued=*/-1});
  v1::EnrollResponse response;
  ASSERT_TRUE(env_->Enroll(Dv("pending-1"), &response).ok());
  EXPECT_EQ(response.status(), v1::CERTIFICATE_STATUS_PENDING_VALIDATION);
  EXPECT_FALSE(response.has_certificate());
  EXPECT_EQ(fake().calls(WbapiCall::kStatus), 1);
}

TEST_F(EnrollFakeTest, ShortDeadlineReturnsThePendingOrderBeforeIt) {
  fake().set_issuance({/*polls_until_issued=*/-1});
  v1::EnrollRequest request = Dv("deadline-1");
  request.mutable_wait_for_issuance()->set_seconds(60);
  v1::EnrollResponse response;
  const absl::Duration timeout =
      absl::Milliseconds(600) * test_timing::kSanitizerSlowdown;
  const absl::Time start = absl::Now();
  grpc::Status status = env_->Enroll(request, &response, timeout);
  const absl::Duration elapsed = absl::Now() - start;
  // Polls at 250 ms (and 750 ms under a sanitizer); the next poll would
  // pass the deadline, so the wait stops before it with the order pending.
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.status(), v1::CERTIFICATE_STATUS_PENDING_VALIDATION);
  EXPECT_LT(elapsed, timeout);
  EXPECT_GE(fake().calls(WbapiCall::kStatus), 2);  // the lookup and a poll
}

// StartEnroll over the fake with a CallScope the test controls.
class EnrollWaitTest : public ::testing::Test {
 protected:
  EnrollWaitTest()
      : fake_(std::make_shared<FakeWbapi>()),
        registry_(DefaultConnection(), client::ClientOptions(),
                  [fake = fake_](const client::ClientOptions&,
                                 const service::ConnectionSettings&) {
                    return absl::StatusOr<std::unique_ptr<client::Wbapi>>(
                        ForwardTo(fake));
                  }),
        workers_(2, 16),
        deps_{service::enroll::testing::TestCatalog(),
              registry_,
              workers_,
              nullptr,
              nullptr,
              &timers_} {
    fake_->set_issuance({/*polls_until_issued=*/-1});
  }

  static std::map<std::string, service::ConnectionSettings>
  DefaultConnection() {
    return {{"default", FakeConnectionSettings()}};
  }

  // Starts an Enroll that waits up to a minute for a never-issued order;
  // returns once the wait is armed (StartEnroll has returned).
  void StartWaiting(const std::string& request_id, absl::Time deadline) {
    scope_ = std::make_shared<service::CallScope>(deadline);
    request_ = Dv(request_id);
    request_.mutable_wait_for_issuance()->set_seconds(60);
    service::enroll::StartEnroll(deps_, scope_, request_, &response_,
                                 [this](absl::Status status) {
                                   status_ = std::move(status);
                                   ended_at_ = absl::Now();
                                   done_.Notify();
                                 });
    ASSERT_FALSE(done_.HasBeenNotified()) << status_;
  }

  std::shared_ptr<FakeWbapi> fake_;
  service::ConnectionRegistry registry_;
  service::WorkerPool workers_;
  service::TimerService timers_;
  service::ServiceDeps deps_;
  std::shared_ptr<service::CallScope> scope_;
  v1::EnrollRequest request_;
  v1::EnrollResponse response_;
  absl::Notification done_;
  absl::Status status_;
  absl::Time ended_at_;
};

// Generous for a loaded 2-core machine, still far below one poll interval.
constexpr absl::Duration kPromptly = absl::Milliseconds(100);

TEST_F(EnrollWaitTest, CancelDuringTheTimerEndsTheWaitPromptly) {
  ASSERT_NO_FATAL_FAILURE(StartWaiting("cancel-timer", absl::InfiniteFuture()));
  EXPECT_EQ(timers_.pending(), 1);  // the wait holds no thread, one timer
  const absl::Time cancelled_at = absl::Now();
  scope_->Cancel();
  ASSERT_TRUE(done_.WaitForNotificationWithTimeout(absl::Seconds(5)));
  EXPECT_LT(ended_at_ - cancelled_at, kPromptly);
  RecordProperty("cancel_to_end_us",
                 absl::ToInt64Microseconds(ended_at_ - cancelled_at));
  EXPECT_EQ(status_.code(), absl::StatusCode::kCancelled) << status_;
  EXPECT_EQ(fake_->calls(WbapiCall::kStatus), 1);  // the lookup only
  EXPECT_EQ(timers_.pending(), 0);
}

TEST_F(EnrollWaitTest, CancelDuringAPollEndsTheWaitPromptly) {
  ASSERT_NO_FATAL_FAILURE(StartWaiting("cancel-poll", absl::InfiniteFuture()));
  fake_->Hold(WbapiCall::kStatus, true);
  ASSERT_TRUE(fake_->WaitForCalls(WbapiCall::kStatus, 2));  // the first poll
  const absl::Time cancelled_at = absl::Now();
  scope_->Cancel();
  ASSERT_TRUE(done_.WaitForNotificationWithTimeout(absl::Seconds(5)));
  EXPECT_LT(ended_at_ - cancelled_at, kPromptly);
  RecordProperty("cancel_to_end_us",
                 absl::ToInt64Microseconds(ended_at_ - cancelled_at));
  EXPECT_EQ(status_.code(), absl::StatusCode::kCancelled) << status_;
  EXPECT_EQ(fake_->pending_replies(), 0);  // the held poll was cancelled
}

TEST_F(EnrollWaitTest, DeadlineDuringAPollEndsTheWaitPromptly) {
  // Past the first poll (250 ms after the order) even on a slow build.
  const absl::Time deadline =
      absl::Now() + absl::Milliseconds(400) * test_timing::kSanitizerSlowdown;
  ASSERT_NO_FATAL_FAILURE(StartWaiting("deadline-poll", deadline));
  fake_->Hold(WbapiCall::kStatus, true);  // the poll at 250 ms hangs
  ASSERT_TRUE(done_.WaitForNotificationWithTimeout(absl::Seconds(5)));
  EXPECT_EQ(status_.code(), absl::StatusCode::kDeadlineExceeded) << status_;
  EXPECT_GE(ended_at_, deadline);
  EXPECT_LT(ended_at_ - deadline, kPromptly);
  RecordProperty("deadline_to_end_us",
                 absl::ToInt64Microseconds(ended_at_ - deadline));
  EXPECT_EQ(fake_->calls(WbapiCall::kStatus), 2);
  EXPECT_EQ(fake_->pending_replies(), 0);
}

TEST_F(EnrollWaitTest, IssuanceDuringTheWaitCompletesTheCallAsynchronously) {
  fake_->set_issuance({/*polls_until_issued=*/1});
  ASSERT_NO_FATAL_FAILURE(StartWaiting("issued", absl::InfiniteFuture()));
  ASSERT_TRUE(done_.WaitForNotificationWithTimeout(absl::Seconds(5)));
  ASSERT_TRUE(status_.ok()) << status_;
  EXPECT_EQ(response_.status(), v1::CERTIFICATE_STATUS_ISSUED);
  EXPECT_FALSE(response_.certificate().certificate_der().empty());
}

}  // namespace
}  // namespace sslstore::testing
