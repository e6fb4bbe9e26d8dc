// The connector's WBAPI client (sslstore_client/model_writer) against the
// simulator's tables of WBAPI request members: with every optional field of
// every request filled in, the simulator under exact member names ignores
// none of the members the client sends.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "sslstore_client/model_writer.h"
#include "tests/sslstore_sim/sim_test_env.h"

namespace sslstore_sim_test {
namespace {

namespace client = ::sslstore::client;

client::Contact FullContact() {
  client::Contact c;
  c.first_name = "Pat";
  c.last_name = "Jones";
  c.subject_first_name = "Pat";
  c.subject_last_name = "Jones";
  c.phone = "+1 555 0100";
  c.fax = "+1 555 0101";
  c.email = "admin@example.com";
  c.title = "IT";
  c.organization_name = "Example Ltd";
  c.address_line1 = "1 Main St";
  c.address_line2 = "Suite 2";
  c.city = "Springfield";
  c.region = "IL";
  c.postal_code = "62701";
  c.country = "US";
  return c;
}

client::OrganizationInfo FullOrganization() {
  client::OrganizationInfo o;
  o.organization_name = "Example Ltd";
  o.duns = "123456789";
  o.division = "IT";
  o.incorporating_agency = "State";
  o.registration_number = "R-1";
  o.jurisdiction_city = "Springfield";
  o.jurisdiction_region = "IL";
  o.jurisdiction_country = "US";
  o.assumed_name = "Example";
  client::OrganizationAddress& a = o.organization_address;
  a.address_line1 = "1 Main St";
  a.address_line2 = "Suite 2";
  a.address_line3 = "Floor 3";
  a.city = "Springfield";
  a.region = "IL";
  a.postal_code = "62701";
  a.country = "US";
  a.phone = "+1 555 0100";
  a.fax = "+1 555 0101";
  a.locality_name = "Springfield";
  return o;
}

class ClientMembersTest : public SimTest {
 protected:
  void SetUp() override {
    sslstore_sim::SimulatorOptions options;
    options.realism.exact_member_names = true;
    StartSim(std::move(options));
    credentials_.partner_code = "SIMPARTNER";
    credentials_.auth_token = "sim-token";
    credentials_.user_agent = "members-test/1.0";
  }
  client::Credentials credentials_;
};

TEST_F(ClientMembersTest, EveryMemberTheClientSendsIsAWbapiMember) {
  auto csr = MakeCsr(KeyKind::kEcP256, "www.example.com", {});
  ASSERT_TRUE(csr.ok());
  client::OrderRef ref;
  ref.the_sslstore_order_id = "4500000";
  ref.custom_order_id = "members";

  client::NewOrderRequest order;
  order.custom_order_id = "members";
  order.product_code = "positivessl";
  order.extra_product_codes = "none";
  order.organization_info = FullOrganization();
  order.csr = csr->pem;
  order.domain_name = "www.example.com";
  order.dns_names = {"www.example.com"};
  order.auto_www = false;
  order.special_instructions = "none";
  order.related_the_sslstore_order_id = "0";
  order.admin_contact = FullContact();
  order.technical_contact = FullContact();
  order.approver_email = "admin@example.com";
  order.reserve_san_count = 1;
  order.wildcard_reserve_san_count = 1;
  order.email_language_code = "EN";
  order.signature_hash_algorithm = "PREFER_SHA2";
  order.cert_transparency_indicator = true;
  order.date_time_culture = "en-US";
  order.csr_unique_value = "u1";

  client::ReissueRequest reissue;
  reissue.the_sslstore_order_id = "4500000";
  reissue.custom_order_id = "members";
  reissue.csr = csr->pem;
  reissue.dns_names = {"www.example.com"};
  reissue.special_instructions = "none";
  reissue.edit_san = {{"a.example.com", "b.example.com"}};
  reissue.delete_san = {{"c.example.com", ""}};
  reissue.add_san = {{"", "d.example.com"}};
  reissue.reissue_email = "admin@example.com";
  reissue.signature_hash_algorithm = "PREFER_SHA2";
  reissue.approver_emails = "admin@example.com";
  reissue.cert_transparency_indicator = true;
  reissue.date_time_culture = "en-US";
  reissue.csr_unique_value = "u2";

  client::QueryRequest query;
  query.start_date = absl::Now() - absl::Hours(24);
  query.end_date = absl::Now();
  query.certificate_expire_from_date = absl::Now();
  query.certificate_expire_to_date = absl::Now() + absl::Hours(24);
  query.domain_name = "www.example.com";
  query.sub_user_id = "sub";
  query.product_code = "positivessl";
  query.date_time_culture = "en-US";
  query.page_number = 1;
  query.page_size = 10;

  client::RefundRequest refund;
  refund.order = ref;
  refund.refund_reason = "test";
  refund.refund_request_id = "1";
  refund.serial_number = "01";

  client::CertificateRevokeRequest revoke;
  revoke.order = ref;
  revoke.serial_number = "01";
  revoke.revoke_reason = "superseded";
  revoke.resend_email = "admin@example.com";

  client::ApproverListRequest approvers;
  approvers.product_code = "positivessl";
  approvers.domain_name = "www.example.com";
  approvers.related_the_sslstore_order_id = "4500000";

  client::ProductQueryRequest products;
  products.product_code = "positivessl";
  products.product_type = 1;
  products.need_sorted_list = true;
  products.is_force_new_skus = true;

  const std::vector<std::pair<std::string, std::string>> calls = {
      {"order/neworder", client::WriteNewOrderRequest(credentials_, order)},
      {"order/reissue", client::WriteReissueRequest(credentials_, reissue)},
      {"order/status", client::WriteOrderRefRequest(credentials_, ref)},
      {"order/download", client::WriteOrderRefRequest(credentials_, ref)},
      {"order/refundstatus", client::WriteOrderRefRequest(credentials_, ref)},
      {"order/query", client::WriteQueryRequest(credentials_, query)},
      {"order/refundrequest", client::WriteRefundRequest(credentials_, refund)},
      {"order/certificaterevokerequest",
       client::WriteCertificateRevokeRequest(credentials_, revoke)},
      {"order/approverlist",
       client::WriteApproverListRequest(credentials_, approvers)},
      {"product/query",
       client::WriteProductQueryRequest(credentials_, products)},
      {"health/validate", client::WriteFlatAuthRequest(credentials_)},
      {"digicert/organizationlist", client::WriteFlatAuthRequest(credentials_)},
  };
  for (const auto& [endpoint, body] : calls) {
    auto reply = client_->Post("/rest/" + endpoint, body);
    ASSERT_TRUE(reply.ok()) << endpoint << ": " << reply.status();
    EXPECT_EQ(reply->status, 200) << endpoint;
  }
  ASSERT_EQ(sim_->CallCounts().size(), calls.size());
  for (const sslstore_sim::UnknownMember& m : sim_->UnknownMembers()) {
    ADD_FAILURE() << m.endpoint << " ignored " << m.path;
  }
  // The check is live: a member WBAPI does not know is reported.
  ASSERT_TRUE(
      client_->Post("/rest/order/status", Body(R"("OrderID":"1")")).ok());
  ASSERT_EQ(sim_->UnknownMembers().size(), 1u);
  EXPECT_EQ(sim_->UnknownMembers()[0].path, "OrderID");
}

}  // namespace
}  // namespace sslstore_sim_test
