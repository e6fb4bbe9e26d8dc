// Request bodies: exact WBAPI names and casing, omitted empties.
#include "sslstore_client/model_writer.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"

namespace sslstore::client {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Credentials Creds() { return {"12345678", "s3cr\"et", "ua/1"}; }

rapidjson::Document Parse(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  EXPECT_FALSE(doc.HasParseError()) << body;
  return doc;
}

TEST(ModelWriterTest, NewOrderUsesExactNames) {
  NewOrderRequest r;
  r.custom_order_id = "cid-1";
  r.product_code = "positivessl";
  r.validity_period = 12;
  r.csr =
      "-----BEGIN CERTIFICATE REQUEST-----\r\nMIIC\r\n-----END CERTIFICATE "
      "REQUEST-----\r\n";
  r.domain_name = "www.example.com";
  r.dns_names = {"www.example.com", "api.example.com"};
  r.is_renewal_order = true;
  r.related_the_sslstore_order_id = "4512345";
  r.admin_contact.emplace();
  r.admin_contact->email = "admin@example.com";
  r.approver_email = "admin@example.com";
  r.cname_auth_dv_indicator = true;
  r.signature_hash_algorithm = "PREFER_SHA2";
  r.tss_organization_id = 42;
  r.organization_info.emplace();
  r.organization_info->organization_name = "Example";
  r.organization_info->duns = "123";
  r.organization_info->jurisdiction_country = "US";
  r.organization_info->organization_address.locality_name = "Springfield";
  std::string body = WriteNewOrderRequest(Creds(), r);
  rapidjson::Document doc = Parse(body);
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["AuthRequest"]["PartnerCode"].GetString(), "12345678");
  EXPECT_STREQ(doc["AuthRequest"]["AuthToken"].GetString(), "s3cr\"et");
  EXPECT_STREQ(doc["AuthRequest"]["UserAgent"].GetString(), "ua/1");
  EXPECT_STREQ(doc["CustomOrderID"].GetString(), "cid-1");
  EXPECT_STREQ(doc["ProductCode"].GetString(), "positivessl");
  EXPECT_EQ(doc["ValidityPeriod"].GetInt(), 12);
  EXPECT_EQ(doc["ServerCount"].GetInt(), 1);
  EXPECT_STREQ(doc["CSR"].GetString(), r.csr.c_str());
  EXPECT_STREQ(doc["WebServerType"].GetString(), "Other");
  ASSERT_TRUE(doc["DNSNames"].IsArray());
  EXPECT_EQ(doc["DNSNames"].Size(), 2u);
  EXPECT_TRUE(doc["isRenewalOrder"].GetBool());
  EXPECT_FALSE(doc["isCUOrder"].GetBool());
  EXPECT_FALSE(doc["isTrialOrder"].GetBool());
  EXPECT_STREQ(doc["RelatedTheSSLStoreOrderID"].GetString(), "4512345");
  EXPECT_STREQ(doc["AdminContact"]["Email"].GetString(), "admin@example.com");
  EXPECT_TRUE(doc["CNAMEAuthDVIndicator"].GetBool());
  EXPECT_FALSE(doc["FileAuthDVIndicator"].GetBool());
  EXPECT_FALSE(doc["HTTPSFileAuthDVIndicator"].GetBool());
  EXPECT_EQ(doc["TSSOrganizationId"].GetInt(), 42);
  EXPECT_STREQ(doc["OrganizationInfo"]["DUNS"].GetString(), "123");
  EXPECT_STREQ(doc["OrganizationInfo"]["OrganizationAddress"]["LocalityName"]
                   .GetString(),
               "Springfield");
  // Unset optionals are omitted, not sent as null or "".
  EXPECT_FALSE(doc.HasMember("TechnicalContact"));
  EXPECT_FALSE(doc.HasMember("AutoWWW"));
  EXPECT_FALSE(doc.HasMember("ReserveSANCount"));
  EXPECT_FALSE(doc.HasMember("ExtraProductCodes"));
  EXPECT_THAT(body, Not(HasSubstr("null")));
  EXPECT_THAT(body, Not(HasSubstr("OrganisationInfo")));
}

TEST(ModelWriterTest, ReissueWritesSanEdits) {
  ReissueRequest r;
  r.the_sslstore_order_id = "4512345";
  r.csr = "csr";
  r.add_san = {{"", "api.example.com"}};
  r.delete_san = {{"old.example.com", ""}};
  r.approver_emails = "admin@example.com";
  rapidjson::Document doc = Parse(WriteReissueRequest(Creds(), r));
  EXPECT_STREQ(doc["TheSSLStoreOrderID"].GetString(), "4512345");
  EXPECT_STREQ(doc["AddSAN"][0]["NewValue"].GetString(), "api.example.com");
  EXPECT_STREQ(doc["AddSAN"][0]["OldValue"].GetString(), "");
  EXPECT_STREQ(doc["DeleteSAN"][0]["OldValue"].GetString(), "old.example.com");
  EXPECT_FALSE(doc.HasMember("EditSAN"));  // empty lists are left out
  EXPECT_FALSE(doc["isWildCard"].GetBool());
  EXPECT_FALSE(doc["PreferEnrollmentLink"].GetBool());
  EXPECT_STREQ(doc["ApproverEmails"].GetString(), "admin@example.com");
  EXPECT_FALSE(doc.HasMember("DNSNames"));
}

TEST(ModelWriterTest, ReissueWithoutNameChangesSendsNoNameLists) {
  ReissueRequest r;
  r.the_sslstore_order_id = "4512345";
  r.csr = "csr";
  rapidjson::Document doc = Parse(WriteReissueRequest(Creds(), r));
  EXPECT_FALSE(doc.HasMember("DNSNames"));
  EXPECT_FALSE(doc.HasMember("AddSAN"));
  EXPECT_FALSE(doc.HasMember("DeleteSAN"));
  EXPECT_FALSE(doc.HasMember("EditSAN"));
}

TEST(ModelWriterTest, QueryDatesAndPaging) {
  QueryRequest r;
  r.start_date = absl::FromUnixMillis(1745280000000);
  r.page_number = 1;
  r.page_size = 100;
  rapidjson::Document doc = Parse(WriteQueryRequest(Creds(), r));
  EXPECT_STREQ(doc["StartDate"].GetString(), "/Date(1745280000000)/");
  EXPECT_FALSE(doc.HasMember("EndDate"));
  EXPECT_EQ(doc["PageNumber"].GetInt(), 1);
  EXPECT_EQ(doc["PageSize"].GetInt(), 100);
  rapidjson::Document all = Parse(WriteQueryRequest(Creds(), QueryRequest{}));
  EXPECT_FALSE(all.HasMember("PageNumber"));
  EXPECT_FALSE(all.HasMember("PageSize"));
}

TEST(ModelWriterTest, OrderRefRefundRevokeApproverProduct) {
  OrderRef by_custom_id;
  by_custom_id.custom_order_id = "c-9";
  rapidjson::Document status =
      Parse(WriteOrderRefRequest(Creds(), by_custom_id));
  EXPECT_FALSE(status.HasMember("TheSSLStoreOrderID"));
  EXPECT_STREQ(status["CustomOrderID"].GetString(), "c-9");

  RefundRequest refund_request;
  refund_request.order.the_sslstore_order_id = "7";
  refund_request.refund_reason = "Requested by User!";
  rapidjson::Document refund =
      Parse(WriteRefundRequest(Creds(), refund_request));
  EXPECT_STREQ(refund["TheSSLStoreOrderID"].GetString(), "7");
  EXPECT_STREQ(refund["RefundReason"].GetString(), "Requested by User!");

  CertificateRevokeRequest revoke_request;
  revoke_request.order.the_sslstore_order_id = "7";
  revoke_request.serial_number = "0A1B";
  rapidjson::Document revoke =
      Parse(WriteCertificateRevokeRequest(Creds(), revoke_request));
  EXPECT_STREQ(revoke["SerialNumber"].GetString(), "0A1B");

  ApproverListRequest approver_request;
  approver_request.product_code = "positivessl";
  approver_request.domain_name = "example.com";
  rapidjson::Document approvers =
      Parse(WriteApproverListRequest(Creds(), approver_request));
  EXPECT_STREQ(approvers["ProductCode"].GetString(), "positivessl");
  EXPECT_STREQ(approvers["DomainName"].GetString(), "example.com");
  EXPECT_TRUE(approvers["AuthRequest"].IsObject());

  ProductQueryRequest product_request;
  product_request.need_sorted_list = true;
  rapidjson::Document products =
      Parse(WriteProductQueryRequest(Creds(), product_request));
  EXPECT_TRUE(products["NeedSortedList"].GetBool());
  EXPECT_FALSE(products.HasMember("ProductCode"));
  EXPECT_FALSE(products.HasMember("ProductType"));
}

TEST(ModelWriterTest, FlatAuthHasNoWrapper) {
  rapidjson::Document doc = Parse(WriteFlatAuthRequest(Creds()));
  EXPECT_STREQ(doc["PartnerCode"].GetString(), "12345678");
  EXPECT_STREQ(doc["AuthToken"].GetString(), "s3cr\"et");
  EXPECT_FALSE(doc.HasMember("AuthRequest"));
}

TEST(ModelWriterTest, EscapesHostileStrings) {
  NewOrderRequest r;
  r.product_code = "a\"b\\c\n\x01";
  r.domain_name = std::string("nul\0byte", 8);
  rapidjson::Document doc = Parse(WriteNewOrderRequest(Creds(), r));
  EXPECT_EQ(std::string(doc["ProductCode"].GetString()), r.product_code);
  EXPECT_EQ(std::string(doc["DomainName"].GetString(),
                        doc["DomainName"].GetStringLength()),
            r.domain_name);
}

}  // namespace
}  // namespace sslstore::client
