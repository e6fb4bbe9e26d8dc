// Every WBAPI endpoint of the typed client against the simulator over TLS.
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/synchronization/notification.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sslstore_client/sslstore_client.h"
#include "tests/sslstore_client/client_test_support.h"

namespace sslstore::client {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using testing::KindOf;
using testing::MakeClient;
using testing::MakeCsr;
using testing::OptionsFor;
using ::testing::SizeIs;
using testing::StartSimulator;

class ClientEndpointsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sim_ = StartSimulator();
    ASSERT_NE(sim_, nullptr);
    client_ = MakeClient(OptionsFor(*sim_));
    ASSERT_NE(client_, nullptr);
  }

  NewOrderRequest DvOrder(const std::string& cn, const std::string& custom_id) {
    NewOrderRequest r;
    r.custom_order_id = custom_id;
    r.product_code = "positivessl";
    r.validity_period = 12;
    r.csr = MakeCsr(cn);
    r.domain_name = cn;
    r.admin_contact.emplace();
    r.admin_contact->email = "admin@example.com";
    r.approver_email = "admin@" + cn;
    return r;
  }

  std::unique_ptr<sslstore_sim::Simulator> sim_;
  std::unique_ptr<SslStoreClient> client_;
};

TEST_F(ClientEndpointsTest, NewOrderStatusDownload) {
  absl::StatusOr<OrderResponse> order =
      client_->NewOrderSync(DvOrder("www.example.com", "cid-1"));
  ASSERT_TRUE(order.ok()) << order.status();
  ASSERT_FALSE(order->the_sslstore_order_id.empty());
  EXPECT_FALSE(order->partner_order_id.empty());
  EXPECT_EQ(order->custom_order_id, "cid-1");

  OrderRef ref;
  ref.the_sslstore_order_id = order->the_sslstore_order_id;
  absl::StatusOr<OrderResponse> status = client_->StatusSync(ref);
  ASSERT_TRUE(status.ok()) << status.status();
  EXPECT_EQ(status->the_sslstore_order_id, order->the_sslstore_order_id);
  EXPECT_EQ(status->order_status.major_status, "Active");
  EXPECT_EQ(status->common_name, "www.example.com");
  EXPECT_EQ(status->product_code, "positivessl");
  ASSERT_TRUE(status->certificate_end_date_utc.time.has_value());
  ASSERT_TRUE(status->certificate_start_date_utc.time.has_value());
  EXPECT_GT(*status->certificate_end_date_utc.time,
            *status->certificate_start_date_utc.time);

  // By CustomOrderID too.
  OrderRef by_custom;
  by_custom.custom_order_id = "cid-1";
  absl::StatusOr<OrderResponse> again = client_->StatusSync(by_custom);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->the_sslstore_order_id, order->the_sslstore_order_id);

  absl::StatusOr<DownloadResponse> download = client_->DownloadSync(ref);
  ASSERT_TRUE(download.ok()) << download.status();
  ASSERT_THAT(download->certificates, SizeIs(3));
  std::vector<sslstore_sim::GroundTruthOrder> truth = sim_->GroundTruth();
  ASSERT_THAT(truth, SizeIs(1));
  bool leaf_found = false;
  for (const CertificateFile& f : download->certificates) {
    EXPECT_THAT(f.file_content, HasSubstr("-----BEGIN CERTIFICATE-----"));
    leaf_found = leaf_found || f.file_content == truth[0].certificate_pem;
  }
  EXPECT_TRUE(leaf_found);
}

TEST_F(ClientEndpointsTest, ReissueKeepsTheOrder) {
  absl::StatusOr<OrderResponse> order =
      client_->NewOrderSync(DvOrder("shop.example.com", "cid-r"));
  ASSERT_TRUE(order.ok()) << order.status();
  ReissueRequest reissue;
  reissue.the_sslstore_order_id = order->the_sslstore_order_id;
  reissue.csr = MakeCsr("shop.example.com");
  reissue.approver_emails = "admin@shop.example.com";
  absl::StatusOr<OrderResponse> reissued = client_->ReissueSync(reissue);
  ASSERT_TRUE(reissued.ok()) << reissued.status().ToString();
  EXPECT_EQ(reissued->the_sslstore_order_id, order->the_sslstore_order_id);
  std::vector<sslstore_sim::GroundTruthOrder> truth = sim_->GroundTruth();
  ASSERT_THAT(truth, SizeIs(1));
  EXPECT_EQ(truth[0].reissue_count, 1);
  EXPECT_THAT(truth[0].previous_serials, SizeIs(1));
}

TEST_F(ClientEndpointsTest, QueryPagesAreOneBased) {
  absl::StatusOr<std::vector<int64_t>> ids = sim_->SeedOrders(5, 3, 1, 1);
  ASSERT_TRUE(ids.ok()) << ids.status();
  QueryRequest page;
  page.page_size = 2;
  std::vector<std::string> seen;
  for (page.page_number = 1; page.page_number <= 4; ++page.page_number) {
    absl::StatusOr<QueryResponse> r = client_->QuerySync(page);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_TRUE(r->rejected_rows.empty());
    for (const OrderResponse& o : r->orders) {
      seen.push_back(o.the_sslstore_order_id);
    }
    if (r->row_count < page.page_size) break;
  }
  ASSERT_THAT(seen, SizeIs(5));
  for (int64_t id : *ids) EXPECT_THAT(seen, Contains(std::to_string(id)));
  absl::StatusOr<QueryResponse> all = client_->QuerySync(QueryRequest{});
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->row_count, 5);
}

TEST_F(ClientEndpointsTest, RefundRequestAndStatus) {
  absl::StatusOr<OrderResponse> order =
      client_->NewOrderSync(DvOrder("refund.example.com", "cid-f"));
  ASSERT_TRUE(order.ok()) << order.status();
  RefundRequest refund;
  refund.order.the_sslstore_order_id = order->the_sslstore_order_id;
  refund.refund_reason = "Requested by User!";
  absl::StatusOr<OrderResponse> requested = client_->RequestRefundSync(refund);
  ASSERT_TRUE(requested.ok()) << requested.status();
  absl::StatusOr<OrderResponse> status =
      client_->RefundStatusSync(refund.order);
  ASSERT_TRUE(status.ok()) << status.status();
  EXPECT_EQ(status->the_sslstore_order_id, order->the_sslstore_order_id);
  EXPECT_EQ(sim_->GroundTruth()[0].major_status, "Cancelled");
}

TEST_F(ClientEndpointsTest, RevokeCertificate) {
  absl::StatusOr<OrderResponse> order =
      client_->NewOrderSync(DvOrder("revoke.example.com", "cid-v"));
  ASSERT_TRUE(order.ok()) << order.status();
  std::string serial = sim_->GroundTruth()[0].serial_hex;
  ASSERT_FALSE(serial.empty());
  CertificateRevokeRequest revoke;
  revoke.order.the_sslstore_order_id = order->the_sslstore_order_id;
  revoke.serial_number = serial;
  revoke.revoke_reason = "keyCompromise";
  absl::StatusOr<CertificateRevokeResponse> r =
      client_->RevokeCertificateSync(revoke);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->auth_response.is_error);
  EXPECT_THAT(sim_->GroundTruth()[0].revoked_serials, Contains(serial));
}

TEST_F(ClientEndpointsTest, ApproverAndOrganizationLists) {
  ApproverListRequest request;
  request.product_code = "positivessl";
  request.domain_name = "www.example.com";
  absl::StatusOr<ApproverListResponse> approvers =
      client_->ApproverListSync(request);
  ASSERT_TRUE(approvers.ok()) << approvers.status();
  EXPECT_THAT(approvers->approver_emails, Contains("admin@example.com"));

  absl::StatusOr<OrganizationListResponse> orgs =
      client_->OrganizationListSync();
  ASSERT_TRUE(orgs.ok()) << orgs.status();
  ASSERT_FALSE(orgs->organizations.empty());
  EXPECT_EQ(orgs->organizations[0].name, "Example Corp");
  EXPECT_EQ(orgs->organizations[0].tss_organization_id, 112233);
}

TEST_F(ClientEndpointsTest, HealthValidateWithStatusOnly) {
  sslstore_sim::Realism realism = sim_->realism();
  realism.health_validate_status_only = true;
  sim_->SetRealism(realism);
  absl::StatusOr<HealthResponse> validate = client_->HealthValidateSync();
  ASSERT_TRUE(validate.ok()) << validate.status();
  EXPECT_EQ(validate->status, "Success");
  EXPECT_FALSE(validate->auth_response.is_error);
}

// A sync stream whose connection a reload removed holds the last reference
// to its client and drops it in its last callback, on the client's thread.
TEST_F(ClientEndpointsTest, TheLastOwnerMayLetGoInsideACallback) {
  auto owner = std::make_shared<std::shared_ptr<SslStoreClient>>(
      MakeClient(OptionsFor(*sim_)));
  SslStoreClient* client = owner->get();
  absl::Notification done;
  absl::Status status = absl::UnknownError("no callback");
  bool on_callback_thread = false;
  client->HealthValidate([owner, client, &done, &status, &on_callback_thread](
                             absl::StatusOr<HealthResponse> response) {
    status = response.status();
    on_callback_thread = client->OnCallbackThread();
    owner->reset();  // destroys the client
    done.Notify();
  });
  owner.reset();
  done.WaitForNotification();
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_TRUE(on_callback_thread);
}

TEST_F(ClientEndpointsTest, HealthAndProducts) {
  absl::StatusOr<HealthResponse> validate = client_->HealthValidateSync();
  ASSERT_TRUE(validate.ok()) << validate.status();
  EXPECT_FALSE(validate->auth_response.is_error);
  absl::StatusOr<HealthResponse> status = client_->HealthStatusSync();
  ASSERT_TRUE(status.ok()) << status.status();
  EXPECT_FALSE(status->auth_response.is_error);

  absl::StatusOr<ProductQueryResponse> products =
      client_->ProductQuerySync(ProductQueryRequest{});
  ASSERT_TRUE(products.ok()) << products.status();
  EXPECT_TRUE(products->rejected_rows.empty());
  bool found = false;
  for (const ProductInfo& p : products->products) {
    if (p.product_code != "positivessl") continue;
    found = true;
    EXPECT_FALSE(p.pricing_info.empty());
  }
  EXPECT_TRUE(found);
}

TEST_F(ClientEndpointsTest, BusinessErrorsKeepSslStoresCodeAndText) {
  NewOrderRequest bad = DvOrder("www.example.com", "cid-bad");
  bad.product_code = "no-such-product";
  absl::StatusOr<OrderResponse> r = client_->NewOrderSync(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  std::optional<ErrorInfo> info = GetErrorInfo(r.status());
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->kind, ErrorKind::kBusiness);
  EXPECT_TRUE(info->business_code.has_value());
  EXPECT_EQ(info->endpoint, "/rest/order/neworder");
  EXPECT_EQ(info->attempts, 1);
  EXPECT_EQ(info->http_status, 200);
  EXPECT_THAT(r.status().message(), HasSubstr("/rest/order/neworder"));
  EXPECT_THAT(r.status().message(), HasSubstr("HTTP 200"));
}

TEST_F(ClientEndpointsTest, WrongTokenIsAnAuthenticationFailureWithoutToken) {
  ClientOptions options = OptionsFor(*sim_);
  options.auth_token = "WRONG-token-value-123";
  std::vector<std::string> traced;
  absl::Mutex mu;
  options.trace = [&](absl::string_view line) {
    absl::MutexLock lock(&mu);
    traced.emplace_back(line);
  };
  std::unique_ptr<SslStoreClient> client = MakeClient(options);
  ASSERT_NE(client, nullptr);
  OrderRef ref;
  ref.the_sslstore_order_id = "999999999";
  absl::StatusOr<OrderResponse> r = client->StatusSync(ref);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(KindOf(r.status()), ErrorKind::kAuthentication);
  EXPECT_EQ(GetErrorInfo(r.status())->business_code, -9008);
  EXPECT_FALSE(absl::StrContains(r.status().ToString(), options.auth_token));
  absl::StatusOr<HealthResponse> h = client->HealthValidateSync();
  EXPECT_EQ(h.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_FALSE(absl::StrContains(h.status().ToString(), options.auth_token));
  // Tracing logged requests and responses, never the token.
  absl::MutexLock lock(&mu);
  ASSERT_GE(traced.size(), 4u);
  bool saw_redacted = false;
  for (const std::string& line : traced) {
    EXPECT_FALSE(absl::StrContains(line, options.auth_token)) << line;
    saw_redacted = saw_redacted || absl::StrContains(line, "[REDACTED]");
  }
  EXPECT_TRUE(saw_redacted);
}

TEST_F(ClientEndpointsTest, AsyncCallbackRunsOnAClientThread) {
  absl::Notification done;
  absl::Status blocking_inside;
  client_->HealthStatus([&](absl::StatusOr<HealthResponse> r) {
    EXPECT_TRUE(r.ok()) << r.status();
    // Blocking here would deadlock; the client refuses instead.
    blocking_inside = client_->HealthStatusSync().status();
    done.Notify();
  });
  done.WaitForNotification();
  EXPECT_EQ(blocking_inside.code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace sslstore::client
