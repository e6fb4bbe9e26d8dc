// What Enroll puts in /order/neworder for the members the existing plugin
// sends, checked against the simulator with exact member names: DigiCert DV
// products with the technical contact only, IP addresses never sent as DNS
// names, and the organization's city in OrganizationAddress.LocalityName.

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/bad_request_fields.h"
#include "tests/integration/connector_with_sim.h"
#include "tests/service/x509/test_pki.h"

namespace sslstore::testing {
namespace {

namespace v1 = sslstore::connector::v1;
namespace pki = sslstore::service::x509::testing;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;

using Members = std::vector<std::pair<std::string, std::string>>;

// A PEM CSR for `common_name` with subjectAltName `san` (OpenSSL syntax).
std::string MakeCsr(const std::string& common_name, const std::string& san) {
  pki::CsrSpec spec;
  spec.subject = {{"C", "US"}, {"O", "Example"}, {"CN", common_name}};
  spec.san = san;
  return pki::MakeCsrPem(pki::SharedRsa2048Key(0), spec);
}

class OrderFieldsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto env = ConnectorWithSim::Start();
    ASSERT_TRUE(env.ok()) << env.status();
    env_ = *std::move(env);
  }

  grpc::Status Enroll(const v1::EnrollRequest& request,
                      v1::EnrollResponse* response) {
    return env_->Enroll(request, response);
  }

  std::unique_ptr<ConnectorWithSim> env_;
};

TEST_F(OrderFieldsTest, DigiCertDvOrdersWithTheTechnicalContactOnly) {
  for (const char* product :
       {"digi_rapidssl", "digi_ssl_dv_geotrust_flex", "digi_ssl123_flex"}) {
    SCOPED_TRACE(product);
    env_->sim().Reset();
    v1::EnrollRequest request;
    request.set_product_code(product);
    request.set_csr(MakeCsr("www.example.com", "DNS:www.example.com"));
    auto& parameters = *request.mutable_parameters();
    parameters["Technical Contact - Email"] = "tech@example.com";
    parameters["Approver Email"] = "admin@example.com";
    parameters["Validity Period (In Days)"] = "365";
    v1::EnrollResponse response;
    const grpc::Status status = Enroll(request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    const auto orders = env_->sim().GroundTruth();
    ASSERT_EQ(orders.size(), 1u);
    EXPECT_EQ(orders[0].product_code, product);
    EXPECT_THAT(orders[0].technical_contact,
                Contains(Pair("Email", "tech@example.com")));
    EXPECT_THAT(orders[0].admin_contact, IsEmpty());
    EXPECT_THAT(env_->sim().UnknownMemberLines(), IsEmpty());
  }
}

TEST_F(OrderFieldsTest, IpSanIsRefusedAndNothingIsOrdered) {
  // In the request's SANs.
  v1::EnrollRequest request;
  request.set_product_code("positivemdcssl");
  request.set_csr(MakeCsr("www.example.com", "DNS:www.example.com"));
  auto& parameters = *request.mutable_parameters();
  parameters["Admin Contact - Email"] = "pki@example.com";
  parameters["Approver Email"] = "admin@example.com";
  parameters["Validity Period (In Days)"] = "365";
  (*request.mutable_sans())["ip"].add_values("192.0.2.10");
  v1::EnrollResponse response;
  grpc::Status status = Enroll(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadRequestFields(status), ElementsAre("san"));
  EXPECT_THAT(status.error_message(), HasSubstr("192.0.2.10"));

  // In the CSR only.
  request.clear_sans();
  request.set_csr(
      MakeCsr("www.example.com", "DNS:www.example.com,IP:192.0.2.11"));
  status = Enroll(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadRequestFields(status), ElementsAre("san"));
  EXPECT_THAT(status.error_message(), HasSubstr("192.0.2.11"));

  // As the common name.
  request.set_csr(MakeCsr("192.0.2.12", "IP:192.0.2.12"));
  status = Enroll(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadRequestFields(status), Contains("subject"));

  EXPECT_THAT(env_->sim().GroundTruth(), IsEmpty());
  EXPECT_EQ(env_->sim().CallCount("order/neworder"), 0);
}

TEST_F(OrderFieldsTest, OrganizationCityGoesInLocalityName) {
  v1::EnrollRequest request;
  request.set_product_code("digi_securesite_flex");
  request.set_csr(MakeCsr("www.example.com", "DNS:www.example.com"));
  auto& parameters = *request.mutable_parameters();
  parameters["Admin Contact - First Name"] = "Pat";
  parameters["Admin Contact - Last Name"] = "Smith";
  parameters["Admin Contact - Phone"] = "+1 555 0101";
  parameters["Admin Contact - Email"] = "pat@example.com";
  parameters["Approver Email"] = "admin@example.com";
  parameters["Validity Period (In Days)"] = "365";
  AddOrganization(request);
  v1::EnrollResponse response;
  const grpc::Status status = Enroll(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const auto orders = env_->sim().GroundTruth();
  ASSERT_EQ(orders.size(), 1u);
  const Members& organization = orders[0].organization_info;
  EXPECT_THAT(organization, Contains(Pair("LocalityName", "Springfield")));
  EXPECT_THAT(organization, Not(Contains(Pair("City", "Springfield"))));
  EXPECT_THAT(organization, Contains(Pair("OrganizationName", "Example Inc.")));
  EXPECT_THAT(env_->sim().UnknownMemberLines(), IsEmpty());
}

}  // namespace
}  // namespace sslstore::testing
