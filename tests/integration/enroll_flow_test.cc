// Enroll end to end: the connector (gRPC) and the simulator (WBAPI over
// TLS) in this process. New orders for every seed category, validation that
// never reaches SSL Store (every problem listed at once), approver rules,
// idempotency under a lost reply, renew/reissue on both sides of the renewal
// window, -EO, CNAME DCV (by field and by parameter), GetCertificate after
// Enroll, the deadline during the lookup and wait_for_issuance with a
// certificate that matches the CSR and chains to the simulator's root.
// Against the simulator's realism knobs: each wording of "no such order", a
// refused duplicate CustomOrderID, concurrent Enrolls of one request_id when
// SSL Store would accept a duplicate, and reissues under strict name rules.
// The same logic over an in-memory WBAPI, with the wait's timing, is in
// tests/service/enroll/enroll_fake_test.cc.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/x509/certificate.h"
#include "service/x509/csr.h"
#include "service/x509/pem_text.h"
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
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

using Parameters = std::map<std::string, std::string>;

std::string Csr(const std::string& cn, const std::string& san = "",
                int key_index = 0) {
  pki::CsrSpec spec;
  if (!cn.empty()) spec.subject = {{"CN", cn}};
  spec.san = san;
  return pki::MakeCsrPem(pki::SharedRsa2048Key(key_index), spec);
}

Parameters Dv() {
  return {{"Admin Contact - Email", "owner@example.com"},
          {"Approver Email", "admin@example.com"},
          {"Validity Period (In Days)", "365"}};
}

Parameters Ov() {
  Parameters p = Dv();
  p["Organization Name"] = "Example Inc";
  p["Organization Address"] = "1 Main Street";
  p["Organization State/Province"] = "TX";
  p["Organization Postal Code"] = "78701";
  p["Organization Country"] = "US";
  p["Organization Phone"] = "+1 512 555 0100";
  return p;
}

Parameters DigiCertOvFlex() {
  Parameters p = Ov();
  p["Admin Contact - First Name"] = "Ada";
  p["Admin Contact - Last Name"] = "Lovelace";
  p["Admin Contact - Phone"] = "+1 512 555 0101";
  p["Organization City"] = "Austin";
  return p;
}

v1::EnrollRequest Request(const std::string& product, const std::string& csr,
                          const Parameters& parameters,
                          const std::string& request_id = "") {
  v1::EnrollRequest request;
  request.set_product_code(product);
  request.set_csr(csr);
  request.set_request_id(request_id);
  for (const auto& [key, value] : parameters) {
    (*request.mutable_parameters())[key] = value;
  }
  return request;
}

// True when `fields` names the request field or enrollment parameter `name`
// (either as is or as "parameters[<name>]").
bool NamesField(const std::set<std::string>& fields, const std::string& name) {
  return fields.count(name) > 0 ||
         fields.count(absl::StrCat("parameters[", name, "]")) > 0;
}

// The lenient simulator except that input member names must match exactly
// (every member the connector sends is then checked).
sslstore_sim::Realism ExactNames() {
  sslstore_sim::Realism realism;
  realism.exact_member_names = true;
  return realism;
}

int64_t TotalCalls(const sslstore_sim::Simulator& sim) {
  int64_t total = 0;
  for (const auto& [endpoint, count] : sim.CallCounts()) total += count;
  return total;
}

class EnrollFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto env = ConnectorWithSim::Start({}, [](service::ServerConfig& config) {
      service::ConnectionSettings wide = config.connections.at("default");
      wide.name = "wide-window";
      wide.renewal_window_days = 1000;  // beyond the 24-month prior order
      config.connections.emplace("wide-window", wide);
      service::ConnectionSettings off = config.connections.at("default");
      off.name = "switched-off";
      off.enabled = false;
      config.connections.emplace("switched-off", off);
    });
    ASSERT_TRUE(env.ok()) << env.status();
    env_ = *std::move(env);
  }

  grpc::Status Enroll(const v1::EnrollRequest& request,
                      v1::EnrollResponse* response,
                      absl::Duration timeout = absl::Seconds(30)) {
    return env_->Enroll(request, response, timeout);
  }

  const sslstore_sim::GroundTruthOrder* Order(int64_t id) {
    truth_ = env_->sim().GroundTruth();
    for (const auto& order : truth_) {
      if (order.id == id) return &order;
    }
    return nullptr;
  }

  std::unique_ptr<ConnectorWithSim> env_;
  std::vector<sslstore_sim::GroundTruthOrder> truth_;
};

TEST_F(EnrollFlowTest, NewOrderForEverySeedCategory) {
  Parameters ev_jurisdiction = Ov();
  ev_jurisdiction["Organization Jurisdiction Country"] = "US";
  Parameters ev_flex = DigiCertOvFlex();
  ev_flex["Admin Contact - Title"] = "CTO";
  const Parameters eo = {{"Validity Period (In Days)", "365"},
                         {"Organization ID", "112233"},
                         {"Approver Email", "admin@example.com"}};
  struct Case {
    std::string product;
    std::string api_code;
    Parameters parameters;
  };
  const std::vector<Case> cases = {
      {"positivessl", "positivessl", Dv()},
      {"sectigoovssl", "sectigoovssl", Ov()},
      {"digi_ssl_basic", "digi_ssl_basic", DigiCertOvFlex()},
      {"digi_ssl_ev_basic", "digi_ssl_ev_basic", ev_flex},
      {"digi_ssl_basic-EO", "digi_ssl_basic", eo},
      {"sectigoevssl", "sectigoevssl", ev_jurisdiction},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.product);
    v1::EnrollResponse response;
    grpc::Status status = Enroll(Request(c.product, Csr("www.example.com"),
                                         c.parameters, "category-" + c.product),
                                 &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.action(), v1::ENROLLMENT_ACTION_NEW_ORDER);
    EXPECT_EQ(response.validity_months(), 12);
    EXPECT_THAT(response.ca_request_id(),
                HasSubstr(absl::StrCat(response.sslstore_order_id(), "-")));
    const sslstore_sim::GroundTruthOrder* order =
        Order(response.sslstore_order_id());
    ASSERT_NE(order, nullptr);
    EXPECT_EQ(order->product_code, c.api_code);
    EXPECT_EQ(order->custom_order_id, response.custom_order_id());
    EXPECT_EQ(order->common_name, "www.example.com");
  }
  EXPECT_THAT(env_->sim().GroundTruth(), SizeIs(cases.size()));
}

TEST_F(EnrollFlowTest, InvalidRequestsNeverReachSslStore) {
  auto with = [](Parameters p, const std::string& key,
                 const std::string& value) {
    p[key] = value;
    return p;
  };
  auto without = [](Parameters p, const std::string& key) {
    p.erase(key);
    return p;
  };
  pki::CsrSpec weak_spec;
  weak_spec.subject = {{"CN", "www.example.com"}};
  auto weak_key = pki::GenerateRsaKey(1024);
  ASSERT_NE(weak_key, nullptr);
  const std::string weak_csr = service::x509::ToPem(
      "CERTIFICATE REQUEST", pki::MakeCsrDer(weak_key.get(), weak_spec));
  std::string tampered_der =
      pki::MakeCsrDer(pki::SharedRsa2048Key(0), weak_spec);
  ASSERT_FALSE(tampered_der.empty());
  tampered_der.back() ^= 0x01;  // last byte of the signature
  const std::string tampered_csr =
      service::x509::ToPem("CERTIFICATE REQUEST", tampered_der);

  struct Case {
    std::string name;
    v1::EnrollRequest request;
    std::string field;
  };
  std::vector<Case> cases;
  cases.push_back({"unknown product",
                   Request("no_such_product", Csr("www.example.com"), Dv()),
                   "product_code"});
  cases.push_back({"missing required field",
                   Request("positivessl", Csr("www.example.com"),
                           without(Dv(), "Admin Contact - Email")),
                   "Admin Contact - Email"});
  cases.push_back({"bad option",
                   Request("positivessl", Csr("www.example.com"),
                           with(Dv(), "Web Server Type", "nginx-ultra")),
                   "Web Server Type"});
  cases.push_back({"bad email",
                   Request("positivessl", Csr("www.example.com"),
                           with(Dv(), "Admin Contact - Email", "not-an-email")),
                   "Admin Contact - Email"});
  cases.push_back({"bad country",
                   Request("sectigoovssl", Csr("www.example.com"),
                           with(Ov(), "Organization Country", "USA")),
                   "Organization Country"});
  cases.push_back({"validity not sold",
                   Request("positivessl", Csr("www.example.com"),
                           with(Dv(), "Validity Period (In Days)", "400")),
                   "Validity Period (In Days)"});
  cases.push_back(
      {"CSR not PEM or DER", Request("positivessl", "hello", Dv()), "csr"});
  cases.push_back({"RSA 1024", Request("positivessl", weak_csr, Dv()), "csr"});
  cases.push_back(
      {"bad signature", Request("positivessl", tampered_csr, Dv()), "csr"});
  cases.push_back(
      {"no common name", Request("positivessl", Csr(""), Dv()), "subject"});
  cases.push_back({"wildcard on a non-wildcard product",
                   Request("positivessl", Csr("*.example.com"), Dv()),
                   "subject"});
  v1::EnrollRequest extra_san =
      Request("positivessl", Csr("www.example.com"), Dv());
  (*extra_san.mutable_sans())["DNSName"].add_values("shop.example.org");
  cases.push_back(
      {"second domain on a single-domain product", extra_san, "san"});
  v1::EnrollRequest bad_key =
      Request("positivessl", Csr("www.example.com"), Dv());
  (*bad_key.mutable_sans())["x400"].add_values("x");
  cases.push_back({"unknown SAN type", bad_key, "san.x400"});
  v1::EnrollRequest bad_name =
      Request("positivemdcssl", Csr("www.example.com"), Dv());
  (*bad_name.mutable_sans())["dns"].add_values("not a name!");
  cases.push_back({"malformed SAN", bad_name, "san.dns"});
  v1::EnrollRequest too_many =
      Request("digi_quickssl_md", Csr("www.example.com"), Dv());
  for (int i = 0; i < 6; ++i) {
    (*too_many.mutable_sans())["dns"].add_values(
        absl::StrCat("host", i, ".example.com"));
  }
  cases.push_back({"more names than the product allows", too_many, "san"});
  v1::EnrollRequest renew_without_prior =
      Request("positivessl", Csr("www.example.com"), Dv());
  renew_without_prior.set_enrollment_type(v1::ENROLLMENT_TYPE_RENEW);
  cases.push_back(
      {"renewal without prior id", renew_without_prior, "prior_ca_request_id"});

  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    v1::EnrollResponse response;
    grpc::Status status = Enroll(c.request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_TRUE(NamesField(BadRequestFields(status), c.field))
        << c.field << " not in " << status.error_message();
  }
  EXPECT_EQ(TotalCalls(env_->sim()), 0);
  EXPECT_EQ(env_->sim().CallCount("order/neworder"), 0);
  EXPECT_THAT(env_->sim().GroundTruth(), IsEmpty());
}

TEST_F(EnrollFlowTest, EveryProblemOfOneRequestIsListedAtOnce) {
  v1::EnrollRequest request =
      Request("positivessl",
              "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n"
              "-----END CERTIFICATE REQUEST-----\n",
              Dv());
  (*request.mutable_parameters())["Validity Period (In Days)"] = "400";
  (*request.mutable_parameters())["Admin Contact - Email"] = "not-an-email";
  v1::EnrollResponse response;
  grpc::Status status = Enroll(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const std::set<std::string> fields = BadRequestFields(status);
  EXPECT_GE(fields.size(), 3u) << status.error_message();
  EXPECT_THAT(fields, Contains("csr"));
  EXPECT_TRUE(NamesField(fields, "Validity Period (In Days)"));
  EXPECT_TRUE(NamesField(fields, "Admin Contact - Email"));
  EXPECT_EQ(TotalCalls(env_->sim()), 0);
}

TEST_F(EnrollFlowTest, DeadlineDuringTheLookupOrdersNothing) {
  env_->sim().SetFaults(SlowEndpoint("order/status", absl::Seconds(3)));
  // Built first: making the CSR may generate RSA keys, which is slow.
  const v1::EnrollRequest request =
      Request("positivessl", Csr("late.example.com"), Dv(), "late-1");
  v1::EnrollResponse response;
  const absl::Time start = absl::Now();
  grpc::Status status = Enroll(request, &response, absl::Milliseconds(500));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  EXPECT_EQ(env_->sim().CallCount("order/neworder"), 0);
}

TEST_F(EnrollFlowTest, WithoutWaitingGetCertificateReadsTheOrder) {
  v1::EnrollResponse response;
  grpc::Status status = Enroll(
      Request("positivessl", Csr("app.example.com"), Dv(), "get-1"), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(response.certificate().certificate_der().empty());
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  v1::GetCertificateRequest get;
  get.set_ca_request_id(response.ca_request_id());
  v1::GetCertificateResponse record;
  status = env_->stub().GetCertificate(&context, get, &record);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(record.record().status(), v1::CERTIFICATE_STATUS_ISSUED);
  EXPECT_FALSE(record.record().certificate_der().empty());
}

TEST_F(EnrollFlowTest, EnterpriseOrgWithCnameNeedsNoApprover) {
  v1::EnrollRequest request = Request(
      "digi_securesite_flex-EO", Csr("eo.example.com"),
      {{"Validity Period (In Days)", "365"}, {"Organization ID", "112233"}},
      "eo-cname-1");
  request.set_dcv_method(v1::DCV_METHOD_CNAME);
  v1::EnrollResponse response;
  grpc::Status status = Enroll(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const sslstore_sim::GroundTruthOrder* order =
      Order(response.sslstore_order_id());
  ASSERT_NE(order, nullptr);
  EXPECT_EQ(order->product_code, "digi_securesite_flex");
  EXPECT_EQ(env_->sim().CallCount("order/approverlist"), 0);
}

TEST_F(EnrollFlowTest, DisabledConnectionIsRefusedByName) {
  v1::EnrollRequest request =
      Request("positivessl", Csr("www.example.com"), Dv());
  request.mutable_connection()->set_name("switched-off");
  v1::EnrollResponse response;
  grpc::Status status = Enroll(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("switched-off"));
  EXPECT_EQ(TotalCalls(env_->sim()), 0);
}

TEST_F(EnrollFlowTest, ApproverRulesOfBothVendors) {
  struct Case {
    std::string name;
    v1::EnrollRequest request;
  };
  std::vector<Case> rejected;
  rejected.push_back({"DigiCert: two addresses",
                      Request("digi_ssl_basic", Csr("www.example.com"), [] {
                        Parameters p = DigiCertOvFlex();
                        p["Approver Email"] =
                            "admin@example.com,webmaster@example.com";
                        return p;
                      }())});
  rejected.push_back({"DigiCert: not in the common name's list",
                      Request("digi_ssl_basic", Csr("www.example.com"), [] {
                        Parameters p = DigiCertOvFlex();
                        p["Approver Email"] = "someone@example.com";
                        return p;
                      }())});
  v1::EnrollRequest sectigo_md =
      Request("positivemdcssl", Csr("www.example.com"), Dv());
  (*sectigo_md.mutable_sans())["dns"].add_values("www.example.org");
  rejected.push_back({"Sectigo: one domain uncovered", sectigo_md});
  for (const Case& c : rejected) {
    SCOPED_TRACE(c.name);
    v1::EnrollResponse response;
    grpc::Status status = Enroll(c.request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_TRUE(NamesField(BadRequestFields(status), "Approver Email"))
        << status.error_message();
  }
  EXPECT_EQ(env_->sim().CallCount("order/neworder"), 0);
  EXPECT_THAT(env_->sim().GroundTruth(), IsEmpty());

  // One address per domain satisfies Sectigo.
  (*sectigo_md.mutable_parameters())["Approver Email"] =
      "admin@example.com,hostmaster@example.org";
  v1::EnrollResponse response;
  grpc::Status status = Enroll(sectigo_md, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(env_->sim().GroundTruth(), SizeIs(1));
}

TEST_F(EnrollFlowTest, LostReplyNeverBuysTwice) {
  env_->sim().SetFaults(
      FirstCallFault("order/neworder", sslstore_sim::FaultType::kDropAfter));

  const v1::EnrollRequest request =
      Request("positivessl", Csr("www.example.com"), Dv(), "gateway-req-7");
  v1::EnrollResponse first;
  grpc::Status first_status = Enroll(request, &first);
  // The reply was lost; the connector either recovered it by looking the
  // order up, or said it is unavailable. It never ordered twice.
  EXPECT_TRUE(first_status.ok() ||
              first_status.error_code() == grpc::StatusCode::UNAVAILABLE)
      << first_status.error_message();
  ASSERT_EQ(env_->sim().FaultsFired(), 1);
  ASSERT_THAT(env_->sim().GroundTruth(), SizeIs(1));
  const int64_t order_id = env_->sim().GroundTruth()[0].id;

  v1::EnrollResponse retried;
  grpc::Status retried_status = Enroll(request, &retried);
  ASSERT_TRUE(retried_status.ok()) << retried_status.error_message();
  EXPECT_EQ(retried.sslstore_order_id(), order_id);
  EXPECT_EQ(retried.action(), v1::ENROLLMENT_ACTION_EXISTING_ORDER);
  if (first_status.ok()) {
    EXPECT_EQ(first.sslstore_order_id(), order_id);
    EXPECT_EQ(first.ca_request_id(), retried.ca_request_id());
  }
  EXPECT_THAT(env_->sim().GroundTruth(), SizeIs(1));
  EXPECT_EQ(env_->sim().CallCount("order/neworder"), 1);
}

TEST_F(EnrollFlowTest, SameEnrollWithoutRequestIdFindsTheOrder) {
  const v1::EnrollRequest request =
      Request("positivessl", Csr("www.example.com"), Dv());
  v1::EnrollResponse first, second;
  ASSERT_TRUE(Enroll(request, &first).ok());
  grpc::Status status = Enroll(request, &second);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(second.action(), v1::ENROLLMENT_ACTION_EXISTING_ORDER);
  EXPECT_EQ(second.ca_request_id(), first.ca_request_id());
  EXPECT_THAT(env_->sim().GroundTruth(), SizeIs(1));
}

TEST_F(EnrollFlowTest, EveryNotFoundWordingOrdersOnceAndReplays) {
  struct Wording {
    std::string name;
    int code;
    std::string message;
    bool empty_order;
  };
  const std::vector<Wording> wordings = {
      {"not found", -1006, "Order not found", false},
      {"invalid id", -9009, "Invalid OrderID or CustomOrderID", false},
      {"empty order", -1006, "Order not found", true},
  };
  for (size_t i = 0; i < wordings.size(); ++i) {
    const Wording& w = wordings[i];
    SCOPED_TRACE(w.name);
    sslstore_sim::Realism realism = ExactNames();
    realism.not_found_code = w.code;
    realism.not_found_message = w.message;
    realism.not_found_as_empty_order = w.empty_order;
    env_->sim().SetRealism(realism);
    const v1::EnrollRequest request =
        Request("positivessl", Csr(absl::StrCat("w", i, ".example.com")), Dv(),
                absl::StrCat("wording-", i));
    const int64_t orders_before = env_->sim().GroundTruth().size();
    const int64_t neworders_before = env_->sim().CallCount("order/neworder");
    v1::EnrollResponse first;
    grpc::Status status = Enroll(request, &first);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(first.action(), v1::ENROLLMENT_ACTION_NEW_ORDER);
    v1::EnrollResponse replay;
    status = Enroll(request, &replay);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(replay.action(), v1::ENROLLMENT_ACTION_EXISTING_ORDER);
    EXPECT_EQ(replay.sslstore_order_id(), first.sslstore_order_id());
    EXPECT_EQ(replay.ca_request_id(), first.ca_request_id());
    EXPECT_EQ(env_->sim().GroundTruth().size(), orders_before + 1);
    EXPECT_EQ(env_->sim().CallCount("order/neworder"), neworders_before + 1);

    // A named order SSL Store does not know is NOT_FOUND, with its words.
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    v1::GetCertificateRequest get;
    get.set_ca_request_id("4599999-TSS-1");
    v1::GetCertificateResponse record;
    status = env_->stub().GetCertificate(&context, get, &record);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND)
        << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr("4599999-TSS-1"));
    if (!w.empty_order) {
      EXPECT_THAT(status.error_message(), HasSubstr(w.message));
    }
  }
  EXPECT_THAT(env_->sim().UnknownMemberLines(), IsEmpty());
}

TEST_F(EnrollFlowTest, RefusedDuplicateIsAnsweredWithTheExistingOrder) {
  env_->sim().SetRealism(ExactNames());  // duplicates refused (the default)
  const v1::EnrollRequest request =
      Request("positivessl", Csr("dup.example.com"), Dv(), "duplicate-1");
  v1::EnrollResponse first;
  grpc::Status status = Enroll(request, &first);
  ASSERT_TRUE(status.ok()) << status.error_message();

  // The lookup before ordering misses the order (SSL Store refuses it with
  // a vendor error), so the connector orders; SSL Store refuses the
  // duplicate CustomOrderID, and the lookup after the refusal finds it.
  env_->sim().SetFaults(
      FirstCallFault("order/status", sslstore_sim::FaultType::kApiError,
                     "Vendor returns error: try again later"));
  v1::EnrollResponse again;
  status = Enroll(request, &again);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(env_->sim().FaultsFired(), 1);
  EXPECT_EQ(again.action(), v1::ENROLLMENT_ACTION_EXISTING_ORDER);
  EXPECT_EQ(again.sslstore_order_id(), first.sslstore_order_id());
  EXPECT_EQ(again.ca_request_id(), first.ca_request_id());
  EXPECT_EQ(env_->sim().CallCount("order/neworder"), 2);  // one refused
  EXPECT_THAT(env_->sim().GroundTruth(), SizeIs(1));
  EXPECT_THAT(env_->sim().UnknownMemberLines(), IsEmpty());
}

TEST_F(EnrollFlowTest, RefusalWithoutAnEarlierOrderIsReturned) {
  env_->sim().SetRealism(ExactNames());
  env_->sim().SetFaults(
      FirstCallFault("order/neworder", sslstore_sim::FaultType::kApiError,
                     "Vendor returns error: domain is blocked"));
  v1::EnrollResponse response;
  grpc::Status status = Enroll(
      Request("positivessl", Csr("blocked.example.com"), Dv(), "refused-1"),
      &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("domain is blocked"));
  // Looked up before ordering and again after the refusal.
  EXPECT_EQ(env_->sim().CallCount("order/status"), 2);
  EXPECT_THAT(env_->sim().GroundTruth(), IsEmpty());
}

TEST_F(EnrollFlowTest, ConcurrentEnrollsOfOneRequestIdJoinOneOrder) {
  // The worst case: SSL Store would take a second order with the same
  // CustomOrderID. Slow new orders let every call arrive while the first
  // is still ordering.
  sslstore_sim::Realism realism = ExactNames();
  realism.duplicate_custom_order_id =
      sslstore_sim::DuplicateCustomOrderId::kAccept;
  env_->sim().SetRealism(realism);
  env_->sim().SetFaults(
      SlowEndpoint("order/neworder", absl::Milliseconds(500)));

  constexpr int kCalls = 8;
  const v1::EnrollRequest request =
      Request("positivessl", Csr("same.example.com"), Dv(), "concurrent-1");
  std::vector<v1::EnrollResponse> responses(kCalls);
  std::vector<grpc::Status> statuses(kCalls);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCalls; ++i) {
    callers.emplace_back(
        [&, i] { statuses[i] = Enroll(request, &responses[i]); });
  }
  for (std::thread& caller : callers) caller.join();

  int new_orders = 0;
  for (int i = 0; i < kCalls; ++i) {
    SCOPED_TRACE(i);
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].error_message();
    EXPECT_EQ(responses[i].sslstore_order_id(),
              responses[0].sslstore_order_id());
    EXPECT_EQ(responses[i].ca_request_id(), responses[0].ca_request_id());
    if (responses[i].action() == v1::ENROLLMENT_ACTION_NEW_ORDER) ++new_orders;
  }
  EXPECT_EQ(new_orders, 1);
  EXPECT_THAT(env_->sim().GroundTruth(), SizeIs(1));
  EXPECT_EQ(env_->sim().CallCount("order/neworder"), 1);

  // Later calls with the same request_id find the order.
  v1::EnrollResponse later;
  grpc::Status status = Enroll(request, &later);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(later.action(), v1::ENROLLMENT_ACTION_EXISTING_ORDER);
  EXPECT_EQ(later.sslstore_order_id(), responses[0].sslstore_order_id());
  EXPECT_THAT(env_->sim().GroundTruth(), SizeIs(1));
  EXPECT_THAT(env_->sim().UnknownMemberLines(), IsEmpty());
}

class PriorOrderTest : public EnrollFlowTest {
 protected:
  // Places the order to renew or reissue; returns its response.
  v1::EnrollResponse PlacePrior() {
    v1::EnrollRequest request =
        Request("positivemdcssl", Csr("www.example.com", "DNS:old.example.com"),
                with_server_type(Dv()), "prior-order");
    v1::EnrollResponse response;
    grpc::Status status = Enroll(request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  static Parameters with_server_type(Parameters p) {
    p["Web Server Type"] = "apache2";
    p["Admin Contact - Email"] = "prior-admin@example.com";
    p["Validity Period (In Days)"] = "730";
    return p;
  }

  // A follow-up enrollment of `prior` with a new key and names.
  v1::EnrollRequest FollowUp(const v1::EnrollResponse& prior,
                             v1::EnrollmentType type,
                             const std::string& connection,
                             const std::string& request_id,
                             const Parameters& parameters = Dv()) {
    v1::EnrollRequest request =
        Request("positivemdcssl",
                Csr("www.example.com", "DNS:new.example.com",
                    /*key_index=*/1),
                parameters, request_id);
    request.set_enrollment_type(type);
    request.set_prior_ca_request_id(prior.ca_request_id());
    if (!connection.empty()) request.mutable_connection()->set_name(connection);
    return request;
  }

  // Under exact names and a reissue that refuses names the order already
  // has, places the prior order (www.example.com and old.example.com) and
  // reissues it with a new key for www.example.com and `san`; checks that
  // one reissue happened and returns the order's names after it.
  std::vector<std::string> ReissueUnderStrictNames(
      const std::string& san, const std::string& request_id) {
    sslstore_sim::Realism realism = ExactNames();
    realism.reissue_refuses_existing_names = true;
    env_->sim().SetRealism(realism);
    const v1::EnrollResponse prior = PlacePrior();
    v1::EnrollRequest request =
        Request("positivemdcssl", Csr("www.example.com", san, /*key_index=*/1),
                Dv(), request_id);
    request.set_enrollment_type(v1::ENROLLMENT_TYPE_REISSUE);
    request.set_prior_ca_request_id(prior.ca_request_id());
    v1::EnrollResponse response;
    grpc::Status status = Enroll(request, &response);
    if (!status.ok()) {
      ADD_FAILURE() << status.error_message();
      return {};
    }
    EXPECT_EQ(response.action(), v1::ENROLLMENT_ACTION_REISSUE);
    const sslstore_sim::GroundTruthOrder* order =
        Order(prior.sslstore_order_id());
    if (order == nullptr) {
      ADD_FAILURE() << "no order " << prior.sslstore_order_id();
      return {};
    }
    EXPECT_EQ(order->reissue_count, 1);
    return order->names;
  }
};

TEST_F(PriorOrderTest, RenewOrReissueOutsideTheWindowReissues) {
  const v1::EnrollResponse prior = PlacePrior();
  v1::EnrollResponse response;
  grpc::Status status =
      Enroll(FollowUp(prior, v1::ENROLLMENT_TYPE_RENEW_OR_REISSUE, "", "r1"),
             &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.action(), v1::ENROLLMENT_ACTION_REISSUE);
  EXPECT_EQ(response.sslstore_order_id(), prior.sslstore_order_id());
  EXPECT_THAT(env_->sim().GroundTruth(), SizeIs(1));
  const sslstore_sim::GroundTruthOrder* order =
      Order(prior.sslstore_order_id());
  ASSERT_NE(order, nullptr);
  EXPECT_EQ(order->reissue_count, 1);
  EXPECT_THAT(order->names, Contains("new.example.com"));
  EXPECT_THAT(order->names, ::testing::Not(Contains("old.example.com")));
}

TEST_F(PriorOrderTest, RenewOrReissueInsideTheWindowRenews) {
  const v1::EnrollResponse prior = PlacePrior();
  v1::EnrollResponse response;
  grpc::Status status =
      Enroll(FollowUp(prior, v1::ENROLLMENT_TYPE_RENEW_OR_REISSUE,
                      "wide-window", "r2"),
             &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.action(), v1::ENROLLMENT_ACTION_RENEWAL_ORDER);
  EXPECT_NE(response.sslstore_order_id(), prior.sslstore_order_id());
  const sslstore_sim::GroundTruthOrder* renewal =
      Order(response.sslstore_order_id());
  ASSERT_NE(renewal, nullptr);
  EXPECT_TRUE(renewal->is_renewal);
  EXPECT_EQ(renewal->related_order_id, prior.sslstore_order_id());
  EXPECT_THAT(env_->sim().GroundTruth(), SizeIs(2));
}

TEST_F(PriorOrderTest, RenewalWithoutParametersCarriesThePriorOrderOver) {
  const v1::EnrollResponse prior = PlacePrior();
  v1::EnrollResponse response;
  grpc::Status status =
      Enroll(FollowUp(prior, v1::ENROLLMENT_TYPE_RENEW, "", "r6", Parameters()),
             &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.action(), v1::ENROLLMENT_ACTION_RENEWAL_ORDER);
  // Validity (730 days = 24 months), admin contact and approver carried over.
  EXPECT_EQ(response.validity_months(), 24);
  EXPECT_THAT(env_->sim().GroundTruth(), SizeIs(2));
}

TEST_F(PriorOrderTest, ExplicitRenewAndReissueAreHonoured) {
  const v1::EnrollResponse prior = PlacePrior();
  v1::EnrollResponse renewed;
  // RENEW even though the order is far from expiry.
  grpc::Status status =
      Enroll(FollowUp(prior, v1::ENROLLMENT_TYPE_RENEW, "", "r3"), &renewed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(renewed.action(), v1::ENROLLMENT_ACTION_RENEWAL_ORDER);
  EXPECT_NE(renewed.sslstore_order_id(), prior.sslstore_order_id());
  // REISSUE even though the window would renew.
  v1::EnrollResponse reissued;
  status =
      Enroll(FollowUp(prior, v1::ENROLLMENT_TYPE_REISSUE, "wide-window", "r4"),
             &reissued);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reissued.action(), v1::ENROLLMENT_ACTION_REISSUE);
  EXPECT_EQ(reissued.sslstore_order_id(), prior.sslstore_order_id());
  // Renewing again with the same request id finds the renewal.
  v1::EnrollResponse again;
  status = Enroll(FollowUp(prior, v1::ENROLLMENT_TYPE_RENEW, "", "r3"), &again);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(again.action(), v1::ENROLLMENT_ACTION_EXISTING_ORDER);
  EXPECT_EQ(again.sslstore_order_id(), renewed.sslstore_order_id());
  EXPECT_THAT(env_->sim().GroundTruth(), SizeIs(2));
}

TEST_F(PriorOrderTest, UnknownPriorOrderIsNotFound) {
  v1::EnrollResponse prior;
  prior.set_ca_request_id("999999-TSS-1");
  v1::EnrollResponse response;
  grpc::Status status =
      Enroll(FollowUp(prior, v1::ENROLLMENT_TYPE_RENEW, "", "r5"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(env_->sim().CallCount("order/neworder"), 0);
}

TEST_F(PriorOrderTest, ReissueWithUnchangedNamesSendsNoNameEdits) {
  // Same names (the CN and old.example.com), new key.
  EXPECT_THAT(ReissueUnderStrictNames("DNS:old.example.com", "reissue-same"),
              UnorderedElementsAre("www.example.com", "old.example.com"));
  EXPECT_THAT(env_->sim().UnknownMemberLines(), IsEmpty());
}

TEST_F(PriorOrderTest, ReissueAddingANameSendsOnlyThatAddition) {
  EXPECT_THAT(ReissueUnderStrictNames("DNS:old.example.com,DNS:api.example.com",
                                      "reissue-add"),
              UnorderedElementsAre("www.example.com", "old.example.com",
                                   "api.example.com"));
  EXPECT_THAT(env_->sim().UnknownMemberLines(), IsEmpty());
}

TEST_F(EnrollFlowTest, CnameDcvSkipsApproversAndReturnsRecords) {
  Parameters p = Dv();
  p.erase("Approver Email");
  v1::EnrollRequest request =
      Request("positivemdcssl", Csr("www.example.com", "DNS:api.example.com"),
              p, "cname-1");
  request.set_dcv_method(v1::DCV_METHOD_CNAME);
  env_->sim().SetApproval(sslstore_sim::ApprovalMode::kManual, 0);
  v1::EnrollResponse response;
  grpc::Status status = Enroll(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.status(), v1::CERTIFICATE_STATUS_PENDING_VALIDATION);
  EXPECT_EQ(env_->sim().CallCount("order/approverlist"), 0);
  ASSERT_EQ(response.dcv_records_size(), 2);
  for (const v1::DcvRecord& record : response.dcv_records()) {
    EXPECT_EQ(record.method(), v1::DCV_METHOD_CNAME);
    EXPECT_THAT(record.cname_name(), HasSubstr(record.domain()));
    EXPECT_FALSE(record.cname_value().empty());
  }
}

TEST_F(EnrollFlowTest, CnameDcvByParameterSkipsApprovers) {
  Parameters p = Dv();
  p.erase("Approver Email");
  p["CName Auth Domain Validation"] = "true";
  v1::EnrollResponse response;
  grpc::Status status =
      Enroll(Request("positivessl", Csr("dns.example.com"), p, "cname-param-1"),
             &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(env_->sim().CallCount("order/approverlist"), 0);
  ASSERT_FALSE(response.dcv_records().empty());
  EXPECT_FALSE(response.dcv_records(0).cname_name().empty());
  EXPECT_FALSE(response.dcv_records(0).cname_value().empty());
}

TEST_F(EnrollFlowTest, WaitForIssuanceReturnsTheCertificate) {
  env_->sim().SetApproval(sslstore_sim::ApprovalMode::kAfterPolls, 2);
  const std::string csr = Csr("www.example.com", "DNS:example.com", 2);
  v1::EnrollRequest request = Request("positivessl", csr, Dv(), "wait-1");
  request.mutable_wait_for_issuance()->set_seconds(20);
  v1::EnrollResponse response;
  grpc::Status status = Enroll(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.status(), v1::CERTIFICATE_STATUS_ISSUED);
  ASSERT_FALSE(response.certificate().certificate_der().empty());
  absl::StatusOr<service::x509::CsrInfo> parsed_csr =
      service::x509::ParseCsr(csr);
  ASSERT_TRUE(parsed_csr.ok());
  absl::StatusOr<service::x509::CertificateInfo> leaf =
      service::x509::ParseCertificateDer(
          response.certificate().certificate_der());
  ASSERT_TRUE(leaf.ok()) << leaf.status();
  EXPECT_EQ(leaf->public_key_der, parsed_csr->public_key_der);
  EXPECT_EQ(leaf->common_name, "www.example.com");
  EXPECT_EQ(response.action(), v1::ENROLLMENT_ACTION_NEW_ORDER);
  EXPECT_EQ(response.validity_months(), 12);
  EXPECT_TRUE(ChainVerifies(response.certificate(), env_->sim().root_pem()));

  // Without waiting, the order stays pending.
  v1::EnrollRequest no_wait =
      Request("positivessl", Csr("shop.example.com", "", 3), Dv(), "wait-2");
  v1::EnrollResponse pending;
  status = Enroll(no_wait, &pending);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(pending.status(), v1::CERTIFICATE_STATUS_PENDING_VALIDATION);
  EXPECT_FALSE(pending.has_certificate());
}

TEST_F(EnrollFlowTest, DeadlineEndsTheWait) {
  env_->sim().SetApproval(sslstore_sim::ApprovalMode::kManual, 0);
  v1::EnrollRequest request =
      Request("positivessl", Csr("www.example.com"), Dv(), "deadline-1");
  request.mutable_wait_for_issuance()->set_seconds(60);
  v1::EnrollResponse response;
  const absl::Time start = absl::Now();
  grpc::Status status = Enroll(request, &response, absl::Seconds(2));
  // Either the pending order (the wait stopped short of the deadline) or
  // DEADLINE_EXCEEDED, never a wait past the deadline.
  EXPECT_TRUE(status.ok() ||
              status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED)
      << status.error_message();
  if (status.ok()) {
    EXPECT_EQ(response.status(), v1::CERTIFICATE_STATUS_PENDING_VALIDATION);
  }
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  EXPECT_THAT(env_->sim().GroundTruth(), SizeIs(1));
}

}  // namespace
}  // namespace sslstore::testing
