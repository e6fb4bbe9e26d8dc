// Enroll over gRPC against the simulator over TLS: new orders per product
// category, validation before ordering, approver rules, idempotency under a
// lost response, renew and reissue, -EO, CNAME DCV and wait_for_issuance.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/x509/certificate.h"
#include "service/x509/csr.h"
#include "tests/integration/bad_request_fields.h"
#include "tests/integration/chain_verify.h"
#include "tests/integration/connector_with_sim.h"
#include "tests/service/x509/test_pki.h"

namespace sslstore::testing {
namespace {

namespace v1 = sslstore::connector::v1;
namespace pki = sslstore::service::x509::testing;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// A PEM CSR for `common_name` with DNS SANs `sans`, on shared key `key`.
std::string MakeCsr(const std::string& common_name,
                    const std::vector<std::string>& sans, int key = 0) {
  pki::CsrSpec spec;
  spec.subject = {{"C", "US"}, {"O", "Example"}, {"CN", common_name}};
  for (const std::string& san : sans) {
    spec.san += absl::StrCat(spec.san.empty() ? "" : ",", "DNS:", san);
  }
  return pki::MakeCsrPem(pki::SharedRsa2048Key(key), spec);
}

v1::EnrollRequest DvRequest(const std::string& cn) {
  v1::EnrollRequest request;
  request.set_product_code("positivessl");
  request.set_csr(MakeCsr(cn, {cn}));
  auto& parameters = *request.mutable_parameters();
  parameters["Admin Contact - Email"] = "pki@example.com";
  parameters["Approver Email"] = "admin@example.com";
  parameters["Validity Period (In Days)"] = "365";
  return request;
}

void AddDigiCertAdmin(v1::EnrollRequest& request) {
  auto& parameters = *request.mutable_parameters();
  parameters["Admin Contact - First Name"] = "Pat";
  parameters["Admin Contact - Last Name"] = "Smith";
  parameters["Admin Contact - Phone"] = "+1 555 0101";
  parameters["Admin Contact - Email"] = "pat@example.com";
}

class EnrollmentTest : public ::testing::Test {
 protected:
  void SetUp() override { Start({}); }

  void Start(std::function<void(service::ServerConfig&)> tweak) {
    env_.reset();
    auto env = ConnectorWithSim::Start({}, std::move(tweak));
    ASSERT_TRUE(env.ok()) << env.status();
    env_ = *std::move(env);
  }

  grpc::Status Enroll(const v1::EnrollRequest& request,
                      v1::EnrollResponse* response) {
    return env_->Enroll(request, response);
  }

  size_t OrderCount() { return env_->sim().GroundTruth().size(); }

  sslstore_sim::GroundTruthOrder OrderById(int64_t id) {
    for (const auto& order : env_->sim().GroundTruth()) {
      if (order.id == id) return order;
    }
    return {};
  }

  std::unique_ptr<ConnectorWithSim> env_;
};

TEST_F(EnrollmentTest, NewDvOrderIssuesTheCsrsKeyWithAVerifiableChain) {
  v1::EnrollRequest request = DvRequest("www.example.com");
  request.mutable_wait_for_issuance()->set_seconds(20);
  v1::EnrollResponse response;
  grpc::Status status = Enroll(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.action(), v1::ENROLLMENT_ACTION_NEW_ORDER);
  EXPECT_EQ(response.status(), v1::CERTIFICATE_STATUS_ISSUED);
  EXPECT_EQ(response.validity_months(), 12);
  EXPECT_FALSE(response.ca_request_id().empty());
  const v1::CertificateRecord& record = response.certificate();
  ASSERT_FALSE(record.certificate_der().empty());
  EXPECT_TRUE(ChainVerifies(record, env_->sim().root_pem()));
  auto certificate =
      service::x509::ParseCertificateDer(record.certificate_der());
  auto csr = service::x509::ParseCsr(request.csr());
  ASSERT_TRUE(certificate.ok() && csr.ok());
  EXPECT_EQ(certificate->public_key_der, csr->public_key_der);
  EXPECT_EQ(certificate->common_name, "www.example.com");
  ASSERT_EQ(OrderCount(), 1u);
  EXPECT_EQ(env_->sim().GroundTruth()[0].product_code, "positivessl");
}

TEST_F(EnrollmentTest, WithoutWaitingTheIdComesBackAndGetCertificateWorks) {
  v1::EnrollResponse response;
  ASSERT_TRUE(Enroll(DvRequest("app.example.com"), &response).ok());
  EXPECT_TRUE(response.certificate().certificate_der().empty());
  grpc::ClientContext context;
  v1::GetCertificateRequest get;
  get.set_ca_request_id(response.ca_request_id());
  v1::GetCertificateResponse record;
  ASSERT_TRUE(env_->stub().GetCertificate(&context, get, &record).ok());
  EXPECT_EQ(record.record().status(), v1::CERTIFICATE_STATUS_ISSUED);
  EXPECT_FALSE(record.record().certificate_der().empty());
}

TEST_F(EnrollmentTest, EachSeedCategoryOrders) {
  struct Case {
    std::string product;
    std::function<void(v1::EnrollRequest&)> fill;
  };
  const std::vector<Case> cases = {
      {"sectigoovssl", [](v1::EnrollRequest& r) { AddOrganization(r); }},
      {"sectigoevssl",
       [](v1::EnrollRequest& r) {
         AddOrganization(r);
         (*r.mutable_parameters())["Organization Jurisdiction Country"] = "US";
       }},
      {"digi_securesite_flex",
       [](v1::EnrollRequest& r) {
         AddOrganization(r);
         AddDigiCertAdmin(r);
       }},
      {"digi_securesite_ev_flex",
       [](v1::EnrollRequest& r) {
         AddOrganization(r);
         AddDigiCertAdmin(r);
         (*r.mutable_parameters())["Admin Contact - Title"] = "CISO";
       }},
  };
  int index = 0;
  for (const Case& test_case : cases) {
    const std::string cn = absl::StrCat("c", index++, ".example.com");
    v1::EnrollRequest request = DvRequest(cn);
    request.set_product_code(test_case.product);
    test_case.fill(request);
    v1::EnrollResponse response;
    grpc::Status status = Enroll(request, &response);
    ASSERT_TRUE(status.ok())
        << test_case.product << ": " << status.error_message();
    EXPECT_EQ(response.action(), v1::ENROLLMENT_ACTION_NEW_ORDER);
    EXPECT_EQ(OrderById(response.ssl_store_order_id()).product_code,
              test_case.product);
  }
  EXPECT_EQ(OrderCount(), cases.size());
}

TEST_F(EnrollmentTest, EnterpriseOrgProductOrdersTheBaseCode) {
  v1::EnrollRequest request;
  request.set_product_code("digi_securesite_flex-EO");
  request.set_csr(MakeCsr("eo.example.com", {"eo.example.com"}));
  (*request.mutable_parameters())["Validity Period (In Days)"] = "365";
  (*request.mutable_parameters())["Organization ID"] = "112233";
  request.set_dcv_method(v1::DCV_METHOD_CNAME);
  v1::EnrollResponse response;
  grpc::Status status = Enroll(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(OrderById(response.ssl_store_order_id()).product_code,
            "digi_securesite_flex");
}

TEST_F(EnrollmentTest, InvalidRequestsOrderNothing) {
  v1::EnrollRequest request = DvRequest("www.example.com");
  request.set_csr(
      "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n"
      "-----END CERTIFICATE REQUEST-----\n");
  (*request.mutable_parameters())["Validity Period (In Days)"] = "400";
  (*request.mutable_parameters())["Admin Contact - Email"] = "not-an-email";
  v1::EnrollResponse response;
  grpc::Status status = Enroll(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const std::set<std::string> fields = BadRequestFields(status);
  EXPECT_GE(fields.size(), 3u) << status.error_message();
  EXPECT_THAT(fields, Contains("csr"));

  v1::EnrollRequest unknown = DvRequest("www.example.com");
  unknown.set_product_code("no_such_product");
  EXPECT_EQ(Enroll(unknown, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  v1::EnrollRequest wildcard = DvRequest("*.example.com");
  wildcard.set_csr(MakeCsr("*.example.com", {"*.example.com"}));
  EXPECT_EQ(Enroll(wildcard, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  EXPECT_EQ(OrderCount(), 0u);
  EXPECT_EQ(env_->sim().CallCount("order/neworder"), 0);
}

TEST_F(EnrollmentTest, ApproverMustBeInTheDomainsList) {
  v1::EnrollRequest request = DvRequest("www.example.com");
  (*request.mutable_parameters())["Approver Email"] = "someone@elsewhere.org";
  v1::EnrollResponse response;
  grpc::Status status = Enroll(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("www.example.com"));
  EXPECT_EQ(OrderCount(), 0u);
}

TEST_F(EnrollmentTest, SectigoNeedsAnApproverForEveryDomain) {
  v1::EnrollRequest request = DvRequest("a.example.com");
  request.set_product_code("positivemdcssl");
  request.set_csr(MakeCsr("a.example.com", {"a.example.com", "b.other.net"}));
  v1::EnrollResponse response;
  EXPECT_EQ(Enroll(request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  (*request.mutable_parameters())["Approver Email"] =
      "admin@example.com,admin@other.net";
  grpc::Status status = Enroll(request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(OrderCount(), 1u);
}

TEST_F(EnrollmentTest, DigiCertTakesExactlyOneApprover) {
  v1::EnrollRequest request = DvRequest("www.example.com");
  request.set_product_code("digi_rapidssl");
  (*request.mutable_parameters())["Technical Contact - Email"] =
      "tech@example.com";
  (*request.mutable_parameters())["Approver Email"] =
      "admin@example.com,hostmaster@example.com";
  v1::EnrollResponse response;
  EXPECT_EQ(Enroll(request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  (*request.mutable_parameters())["Approver Email"] = "admin@example.com";
  grpc::Status status = Enroll(request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(OrderCount(), 1u);
}

TEST_F(EnrollmentTest, CnameDcvSkipsApproversAndReturnsRecords) {
  v1::EnrollRequest request = DvRequest("dns.example.com");
  request.mutable_parameters()->erase("Approver Email");
  (*request.mutable_parameters())["CName Auth Domain Validation"] = "true";
  v1::EnrollResponse response;
  grpc::Status status = Enroll(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(env_->sim().CallCount("order/approverlist"), 0);
  ASSERT_THAT(response.dcv_records(), Not(IsEmpty()));
  EXPECT_FALSE(response.dcv_records(0).cname_name().empty());
  EXPECT_FALSE(response.dcv_records(0).cname_value().empty());
}

TEST_F(EnrollmentTest, SameEnrollTwiceIsOneOrder) {
  v1::EnrollRequest request = DvRequest("twice.example.com");
  request.set_request_id("gateway-request-42");
  v1::EnrollResponse first;
  v1::EnrollResponse second;
  ASSERT_TRUE(Enroll(request, &first).ok());
  ASSERT_TRUE(Enroll(request, &second).ok());
  EXPECT_EQ(first.ca_request_id(), second.ca_request_id());
  EXPECT_EQ(second.action(), v1::ENROLLMENT_ACTION_EXISTING_ORDER);
  EXPECT_EQ(OrderCount(), 1u);
  EXPECT_EQ(env_->sim().CallCount("order/neworder"), 1);
}

TEST_F(EnrollmentTest, LostResponseStillGivesExactlyOneOrder) {
  env_->sim().SetFaults(
      FirstCallFault("order/neworder", sslstore_sim::FaultType::kDropAfter));
  v1::EnrollRequest request = DvRequest("lost.example.com");
  v1::EnrollResponse response;
  grpc::Status status = Enroll(request, &response);
  // Either the lookup found the order, or the caller is told to retry.
  if (!status.ok()) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
    ASSERT_TRUE(Enroll(request, &response).ok());
  }
  EXPECT_FALSE(response.ca_request_id().empty());
  ASSERT_TRUE(Enroll(request, &response).ok());  // and once more
  EXPECT_EQ(OrderCount(), 1u);
  EXPECT_EQ(env_->sim().CallCount("order/neworder"), 1);
}

TEST_F(EnrollmentTest, WaitForIssuancePollsUntilApproved) {
  env_->sim().SetApproval(sslstore_sim::ApprovalMode::kAfterPolls, 2);
  v1::EnrollRequest request = DvRequest("slow.example.com");
  request.mutable_wait_for_issuance()->set_seconds(30);
  v1::EnrollResponse response;
  grpc::Status status = Enroll(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.status(), v1::CERTIFICATE_STATUS_ISSUED);
  EXPECT_FALSE(response.certificate().certificate_der().empty());
  EXPECT_GE(env_->sim().CallCount("order/status"), 2);
}

TEST_F(EnrollmentTest, PendingWithoutWaitingReturnsTheId) {
  env_->sim().SetApproval(sslstore_sim::ApprovalMode::kManual, 0);
  v1::EnrollResponse response;
  ASSERT_TRUE(Enroll(DvRequest("manual.example.com"), &response).ok());
  EXPECT_EQ(response.status(), v1::CERTIFICATE_STATUS_PENDING_VALIDATION);
  EXPECT_FALSE(response.ca_request_id().empty());
  EXPECT_TRUE(response.certificate().certificate_der().empty());
}

TEST_F(EnrollmentTest, DeadlineIsHonouredAndNothingIsOrdered) {
  env_->sim().SetFaults(SlowEndpoint("order/status", absl::Seconds(3)));
  // Built first: making the CSR may generate RSA keys, which is slow.
  const v1::EnrollRequest request = DvRequest("late.example.com");
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::milliseconds(500));
  v1::EnrollResponse response;
  const auto start = std::chrono::steady_clock::now();
  grpc::Status status = env_->stub().Enroll(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(env_->sim().CallCount("order/neworder"), 0);
}

TEST_F(EnrollmentTest, SslStoreRefusalCarriesItsMessage) {
  env_->sim().SetFaults(
      FirstCallFault("order/neworder", sslstore_sim::FaultType::kApiError,
                     "Vendor returns error: domain is blocked"));
  v1::EnrollResponse response;
  grpc::Status status = Enroll(DvRequest("blocked.example.com"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("domain is blocked"));
  EXPECT_EQ(OrderCount(), 0u);
}

class RenewalTest : public EnrollmentTest {
 protected:
  // Orders a first certificate and returns its ca_request_id.
  std::string FirstOrder() {
    v1::EnrollResponse response;
    grpc::Status status = Enroll(DvRequest("renew.example.com"), &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.ca_request_id();
  }

  v1::EnrollResponse Again(v1::EnrollmentType type, const std::string& prior,
                           const std::vector<std::string>& sans) {
    v1::EnrollRequest request = DvRequest("renew.example.com");
    request.set_csr(MakeCsr("renew.example.com", sans, /*key=*/1));
    request.set_enrollment_type(type);
    request.set_prior_ca_request_id(prior);
    v1::EnrollResponse response;
    grpc::Status status = Enroll(request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
};

TEST_F(RenewalTest, OutsideTheWindowReissuesOnTheSameOrder) {
  const std::string prior = FirstOrder();
  const size_t orders = OrderCount();
  v1::EnrollResponse response =
      Again(v1::ENROLLMENT_TYPE_RENEW_OR_REISSUE, prior, {"renew.example.com"});
  EXPECT_EQ(response.action(), v1::ENROLLMENT_ACTION_REISSUE);
  EXPECT_EQ(OrderCount(), orders);
  EXPECT_EQ(env_->sim().CallCount("order/reissue"), 1);
  EXPECT_GE(OrderById(response.ssl_store_order_id()).reissue_count, 1);
}

TEST_F(RenewalTest, InsideTheWindowRenewsAsANewLinkedOrder) {
  Start([](service::ServerConfig& config) {
    config.connections.at("default").renewal_window_days = 3000;
  });
  const std::string prior = FirstOrder();
  v1::EnrollResponse response =
      Again(v1::ENROLLMENT_TYPE_RENEW_OR_REISSUE, prior, {"renew.example.com"});
  EXPECT_EQ(response.action(), v1::ENROLLMENT_ACTION_RENEWAL_ORDER);
  EXPECT_EQ(OrderCount(), 2u);
  const auto renewal = OrderById(response.ssl_store_order_id());
  EXPECT_TRUE(renewal.is_renewal);
  EXPECT_EQ(absl::StrCat(renewal.related_order_id),
            prior.substr(0, prior.find('-')));
}

TEST_F(RenewalTest, ExplicitTypesAreHonoured) {
  const std::string prior = FirstOrder();
  v1::EnrollResponse renewed =
      Again(v1::ENROLLMENT_TYPE_RENEW, prior, {"renew.example.com"});
  EXPECT_EQ(renewed.action(), v1::ENROLLMENT_ACTION_RENEWAL_ORDER);
  v1::EnrollResponse reissued =
      Again(v1::ENROLLMENT_TYPE_REISSUE, prior, {"renew.example.com"});
  EXPECT_EQ(reissued.action(), v1::ENROLLMENT_ACTION_REISSUE);
  EXPECT_EQ(OrderCount(), 2u);
}

TEST_F(RenewalTest, UnknownPriorOrderIsNotFound) {
  v1::EnrollRequest request = DvRequest("renew.example.com");
  request.set_enrollment_type(v1::ENROLLMENT_TYPE_RENEW);
  request.set_prior_ca_request_id("99999999-NOPE");
  v1::EnrollResponse response;
  EXPECT_EQ(Enroll(request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(OrderCount(), 0u);
}

}  // namespace
}  // namespace sslstore::testing
