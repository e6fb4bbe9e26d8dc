// service/mapping/certificate_record: order status mapping, record fields
// from an SSL Store order, and the certificate part of a record from a
// download of real certificates (test PKI), including broken downloads.
#include "service/mapping/certificate_record.h"

#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/x509/test_pki.h"

namespace sslstore::service {
namespace {

namespace v1 = sslstore::connector::v1;
namespace pki = x509::testing;
using ::testing::ElementsAre;

absl::Time Utc(int y, int m, int d, int hh) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, 0, 0),
                         absl::UTCTimeZone());
}

client::OrderResponse ActiveOrder() {
  client::OrderResponse order;
  order.the_sslstore_order_id = "1234567";
  order.partner_order_id = "PO-9";
  order.custom_order_id = "custom-1";
  order.vendor_order_id = "V77";
  order.product_code = "positivessl";
  order.order_status.major_status = "Active";
  order.order_status.minor_status = "ISSUED";
  order.has_order_status = true;
  order.common_name = "shop.example.com";
  order.purchase_date_utc.time = Utc(2026, 1, 2, 3);
  order.purchase_date.time = Utc(2026, 1, 1, 0);      // local, not preferred
  order.order_expiry_date.time = Utc(2027, 1, 2, 3);  // only the local one
  return order;
}

TEST(MapOrderStatusTest, MajorStatusesMapCaseInsensitively) {
  EXPECT_EQ(MapOrderStatus("Active"), v1::CERTIFICATE_STATUS_ISSUED);
  EXPECT_EQ(MapOrderStatus("ACTIVE"), v1::CERTIFICATE_STATUS_ISSUED);
  EXPECT_EQ(MapOrderStatus("Initial"),
            v1::CERTIFICATE_STATUS_PENDING_VALIDATION);
  EXPECT_EQ(MapOrderStatus("pending"),
            v1::CERTIFICATE_STATUS_PENDING_VALIDATION);
  EXPECT_EQ(MapOrderStatus("Cancelled"), v1::CERTIFICATE_STATUS_REVOKED);
  EXPECT_EQ(MapOrderStatus("canceled"), v1::CERTIFICATE_STATUS_REVOKED);
  EXPECT_EQ(MapOrderStatus(""), v1::CERTIFICATE_STATUS_UNRECOGNIZED);
  EXPECT_EQ(MapOrderStatus("Suspended"), v1::CERTIFICATE_STATUS_UNRECOGNIZED);
}

TEST(FillRecordFromOrderTest, CopiesIdsStatusesAndDates) {
  v1::CertificateRecord record;
  FillRecordFromOrder(ActiveOrder(), &record);
  EXPECT_EQ(record.ca_request_id(), "1234567-PO-9");
  EXPECT_EQ(record.sslstore_order_id(), 1234567);
  EXPECT_EQ(record.partner_order_id(), "PO-9");
  EXPECT_EQ(record.custom_order_id(), "custom-1");
  EXPECT_EQ(record.vendor_order_id(), "V77");
  EXPECT_EQ(record.product_code(), "positivessl");
  EXPECT_EQ(record.major_status(), "Active");
  EXPECT_EQ(record.minor_status(), "ISSUED");
  EXPECT_EQ(record.status(), v1::CERTIFICATE_STATUS_ISSUED);
  EXPECT_EQ(record.common_name(), "shop.example.com");
  // The UTC purchase date wins over the local one.
  EXPECT_EQ(record.purchase_date().seconds(),
            absl::ToUnixSeconds(Utc(2026, 1, 2, 3)));
  // Without a UTC expiry the local one is used.
  EXPECT_EQ(record.order_expiry().seconds(),
            absl::ToUnixSeconds(Utc(2027, 1, 2, 3)));
  EXPECT_FALSE(record.has_revocation());
  // No certificate fields from an order.
  EXPECT_TRUE(record.certificate_der().empty());
  EXPECT_EQ(record.chain_size(), 0);
}

TEST(FillRecordFromOrderTest, NonNumericOrderIdLeavesNumericIdUnset) {
  client::OrderResponse order = ActiveOrder();
  order.the_sslstore_order_id = "abc";
  order.partner_order_id = "";
  v1::CertificateRecord record;
  FillRecordFromOrder(order, &record);
  EXPECT_EQ(record.sslstore_order_id(), 0);
  EXPECT_EQ(record.ca_request_id(), "abc");
}

TEST(FillRecordFromOrderTest, EmptyCommonNameKeepsTheRecordsOwn) {
  client::OrderResponse order = ActiveOrder();
  order.common_name = "";
  v1::CertificateRecord record;
  record.set_common_name("from-certificate.example.com");
  FillRecordFromOrder(order, &record);
  EXPECT_EQ(record.common_name(), "from-certificate.example.com");
}

TEST(FillRecordFromOrderTest, CancelledOrderGetsRefundInformation) {
  client::OrderResponse order = ActiveOrder();
  order.order_status.major_status = "Cancelled";
  order.order_status.minor_status = "REFUND_APPROVED";
  order.refund_request_id = "R-55";
  order.is_refund_approved = true;
  v1::CertificateRecord record;
  FillRecordFromOrder(order, &record);
  EXPECT_EQ(record.status(), v1::CERTIFICATE_STATUS_REVOKED);
  ASSERT_TRUE(record.has_revocation());
  EXPECT_EQ(record.revocation().method(), v1::REVOCATION_METHOD_REFUND_REQUEST);
  EXPECT_EQ(record.revocation().refund_request_id(), "R-55");
  EXPECT_TRUE(record.revocation().refund_approved());
  EXPECT_EQ(record.revocation().refund_status(), "REFUND_APPROVED");
}

TEST(MayHaveCertificateTest, ActiveAndIssuedCancelledOrdersOnly) {
  client::OrderResponse order = ActiveOrder();
  EXPECT_TRUE(MayHaveCertificate(order));

  order.order_status.major_status = "Pending";
  EXPECT_FALSE(MayHaveCertificate(order));

  order.order_status.major_status = "Cancelled";
  EXPECT_FALSE(MayHaveCertificate(order));  // never issued
  order.serial_number = "0A1B";
  EXPECT_TRUE(MayHaveCertificate(order));
  order.serial_number.clear();
  order.certificate_start_date_utc.time = Utc(2026, 1, 3, 0);
  EXPECT_TRUE(MayHaveCertificate(order));
  order.certificate_start_date_utc.time.reset();
  order.certificate_start_date.time = Utc(2026, 1, 3, 0);
  EXPECT_TRUE(MayHaveCertificate(order));
}

class AddCertificateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h_ = pki::MakeHierarchy("shop.example.com");
    ASSERT_NE(h_.leaf, nullptr);
    ASSERT_NE(h_.intermediate, nullptr);
    ASSERT_NE(h_.root, nullptr);
  }

  // A download with the chain shuffled: the leaf is neither first nor named
  // as such.
  client::DownloadResponse ShuffledDownload() const {
    client::DownloadResponse download;
    download.certificates.push_back({"Root.crt", pki::CertPem(h_.root.get())});
    download.certificates.push_back(
        {"ServerCertificate.crt", pki::CertPem(h_.intermediate.get())});
    download.certificates.push_back(
        {"Intermediate.crt", pki::CertPem(h_.leaf.get())});
    return download;
  }

  pki::Hierarchy h_;
};

TEST_F(AddCertificateTest, FindsTheLeafAndOrdersTheChain) {
  v1::CertificateRecord record;
  FillRecordFromOrder(ActiveOrder(), &record);
  record.add_sans("stale.example.com");
  ASSERT_TRUE(AddCertificateFromDownload(ShuffledDownload(), &record).ok());

  EXPECT_EQ(record.certificate_der(), pki::CertDer(h_.leaf.get()));
  EXPECT_EQ(record.certificate_pem(), pki::CertPem(h_.leaf.get()));
  EXPECT_EQ(record.serial_number(), "0A1B2C3D4E5F60718293");
  EXPECT_EQ(record.subject(), "CN=shop.example.com");
  EXPECT_EQ(record.issuer(), "CN=Test Intermediate A,O=Test A,C=US");
  EXPECT_EQ(record.common_name(), "shop.example.com");
  // DNS names, then IP addresses; the stale SAN is gone.
  EXPECT_THAT(record.sans(), ElementsAre("shop.example.com",
                                         "www.shop.example.com", "192.0.2.7"));
  // The test PKI issues for 365 days.
  EXPECT_GT(record.not_after().seconds(), record.not_before().seconds());
  EXPECT_EQ(record.not_after().seconds() - record.not_before().seconds(),
            365 * 24 * 3600);

  ASSERT_EQ(record.chain_size(), 2);
  EXPECT_EQ(record.chain(0).der(), pki::CertDer(h_.intermediate.get()));
  EXPECT_EQ(record.chain(0).subject(), "CN=Test Intermediate A,O=Test A,C=US");
  EXPECT_EQ(record.chain(0).issuer(), "CN=Test Root A,O=Test A,C=US");
  EXPECT_EQ(record.chain(0).serial_number(), "20");
  EXPECT_FALSE(record.chain(0).pem().empty());
  EXPECT_EQ(record.chain(1).der(), pki::CertDer(h_.root.get()));
  EXPECT_EQ(record.chain(1).serial_number(), "10");

  // The order part is untouched.
  EXPECT_EQ(record.ca_request_id(), "1234567-PO-9");
  EXPECT_EQ(record.status(), v1::CERTIFICATE_STATUS_ISSUED);
}

TEST_F(AddCertificateTest, LightDecodingGivesTheSameRecordFields) {
  v1::CertificateRecord full;
  v1::CertificateRecord light;
  ASSERT_TRUE(AddCertificateFromDownload(ShuffledDownload(), &full).ok());
  ASSERT_TRUE(
      AddCertificateFromDownload(ShuffledDownload(), &light,
                                 x509::CertificateDecoding::kLightLeaves)
          .ok());
  EXPECT_EQ(light.certificate_der(), full.certificate_der());
  EXPECT_EQ(light.serial_number(), full.serial_number());
  EXPECT_EQ(light.subject(), full.subject());
  EXPECT_EQ(light.issuer(), full.issuer());
  EXPECT_THAT(light.sans(), ElementsAre("shop.example.com",
                                        "www.shop.example.com", "192.0.2.7"));
  ASSERT_EQ(light.chain_size(), 2);
  EXPECT_EQ(light.chain(0).der(), full.chain(0).der());
}

TEST_F(AddCertificateTest, LeafAloneHasAnEmptyChain) {
  client::DownloadResponse download;
  download.certificates.push_back({"leaf.crt", pki::CertPem(h_.leaf.get())});
  v1::CertificateRecord record;
  record.add_chain()->set_subject("stale");
  ASSERT_TRUE(AddCertificateFromDownload(download, &record).ok());
  EXPECT_EQ(record.certificate_der(), pki::CertDer(h_.leaf.get()));
  EXPECT_EQ(record.chain_size(), 0);
}

TEST_F(AddCertificateTest, EmptyDownloadIsDataLossWithoutBytes) {
  client::DownloadResponse download;
  v1::CertificateRecord record;
  const absl::Status status = AddCertificateFromDownload(download, &record);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  EXPECT_TRUE(record.certificate_der().empty());
  EXPECT_TRUE(record.certificate_pem().empty());
  EXPECT_EQ(record.chain_size(), 0);
}

TEST_F(AddCertificateTest, GarbageFileIsDataLossWithoutBytes) {
  client::DownloadResponse download = ShuffledDownload();
  download.certificates.push_back({"junk.crt", "not a certificate"});
  v1::CertificateRecord record;
  const absl::Status status = AddCertificateFromDownload(download, &record);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  EXPECT_THAT(status.message(), ::testing::HasSubstr("do not parse"));
  EXPECT_TRUE(record.certificate_der().empty());
  EXPECT_EQ(record.chain_size(), 0);
}

TEST_F(AddCertificateTest, TwoUnrelatedLeavesAreDataLoss) {
  pki::Hierarchy other = pki::MakeHierarchy("other.example.org", 3);
  ASSERT_NE(other.leaf, nullptr);
  client::DownloadResponse download = ShuffledDownload();
  download.certificates.push_back({"b.crt", pki::CertPem(other.leaf.get())});
  v1::CertificateRecord record;
  const absl::Status status = AddCertificateFromDownload(download, &record);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  EXPECT_THAT(status.message(), ::testing::HasSubstr("no leaf certificate"));
  EXPECT_TRUE(record.certificate_der().empty());
  EXPECT_TRUE(record.serial_number().empty());
}

}  // namespace
}  // namespace sslstore::service
