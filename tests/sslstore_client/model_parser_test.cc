// Response models on captured and hostile JSON.
#include "sslstore_client/model_parser.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sslstore_client/errors.h"

namespace sslstore::client {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

absl::Time Utc(int y, int mo, int d, int h, int mi, int s) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s),
                         absl::UTCTimeZone());
}

ErrorKind KindOf(const absl::Status& s) {
  std::optional<ErrorInfo> info = GetErrorInfo(s);
  EXPECT_TRUE(info.has_value()) << s;
  return info.has_value() ? info->kind : ErrorKind::kTransport;
}

bool Transient(const absl::Status& s) {
  std::optional<ErrorInfo> info = GetErrorInfo(s);
  return info.has_value() && info->transient;
}

// Reference 4.1, success example (CNAME DCV).
constexpr char kNewOrderResponse[] = R"json({
  "AuthResponse": { "isError": false, "Message": [], "Timestamp": "7/23/2026 1:50:20 AM",
                    "ReplayToken": null, "InvokingPartnerCode": "12345678" },
  "PartnerOrderID": "TSS-88412345",
  "CustomOrderID": "8f0c2f7e-2d4b-4f4e-9a51-3f7d2b1b6c11",
  "TheSSLStoreOrderID": "4512345",
  "VendorOrderID": "1876543210",
  "RefundRequestID": "", "isRefundApproved": false, "TinyOrderLink": "",
  "OrderStatus": { "isTinyOrder": false, "isTinyOrderClaimed": false,
                   "MajorStatus": "Pending", "MinorStatus": "Awaiting Validation",
                   "AuthenticationStatuses": [], "AuthenticationComments": "", "OrderNotes": [],
                   "DomainAuthVettingStatus": [
                     { "domain": "www.example.com", "dcvMethod": "CNAME", "dcvStatus": "Pending",
                       "FileName": null, "FileContents": null,
                       "DNSName": "_3B2A9C0E5D7F4A1B8C6E2D9F0A1B3C4D.www.example.com",
                       "DNSEntry": "A1B2.0A1B.sectigo.com",
                       "PollStatus": "", "LastPollDate": "2026-07-23T01:50:20" } ] },
  "OrderAmount": "8.25",
  "PurchaseDate": "7/22/2026 9:50:20 PM", "PurchaseDateInUTC": "7/23/2026 1:50:20 AM",
  "CertificateStartDate": "1/1/1900 12:00:00 AM", "CertificateStartDateInUTC": "1/1/1900 12:00:00 AM",
  "CertificateEndDate": "1/1/1900 12:00:00 AM", "CertificateEndDateInUTC": "1/1/1900 12:00:00 AM",
  "OrderExpiryDate": "1/1/1900 12:00:00 AM", "OrderExpiryDateInUTC": "1/1/1900 12:00:00 AM",
  "CommonName": "www.example.com", "DNSNames": "", "SANCount": 0, "wildcardSANCount": 0,
  "ServerCount": 1, "Validity": 12,
  "WebServerType": "Other", "ApproverEmail": "admin@example.com",
  "ProductName": "Sectigo PositiveSSL", "ProductCode": "positivessl",
  "AdminContact": { "Email": "admin@example.com" }, "TechnicalContact": {},
  "AuthFileName": "", "AuthFileContent": "",
  "CNAMEAuthName": "_3B2A9C0E5D7F4A1B8C6E2D9F0A1B3C4D.www.example.com",
  "CNAMEAuthValue": "A1B2.0A1B.sectigo.com",
  "SignatureHashAlgorithm": "PREFER_SHA2", "VendorName": "SECTIGO", "SubVendorName": "",
  "SerialNumber": "", "TSSOrganizationId": 0, "Token": "", "TokenID": "", "TokenCode": ""
})json";

TEST(ParseOrderResponseTest, ReadsTheReferenceNewOrderReply) {
  absl::StatusOr<OrderResponse> r = ParseOrderResponse(kNewOrderResponse);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->auth_response.is_error);
  EXPECT_EQ(r->auth_response.invoking_partner_code, "12345678");
  EXPECT_EQ(r->the_sslstore_order_id, "4512345");
  EXPECT_EQ(r->partner_order_id, "TSS-88412345");
  EXPECT_EQ(r->custom_order_id, "8f0c2f7e-2d4b-4f4e-9a51-3f7d2b1b6c11");
  EXPECT_EQ(r->vendor_order_id, "1876543210");
  ASSERT_TRUE(r->has_order_status);
  EXPECT_EQ(r->order_status.major_status, "Pending");
  EXPECT_EQ(r->order_status.minor_status, "Awaiting Validation");
  ASSERT_EQ(r->order_status.domain_auth_vetting_status.size(), 1u);
  const DomainAuthVettingStatus& dv =
      r->order_status.domain_auth_vetting_status[0];
  EXPECT_EQ(dv.domain, "www.example.com");
  EXPECT_EQ(dv.dcv_method, "CNAME");
  EXPECT_EQ(dv.file_name, "");
  EXPECT_EQ(dv.dns_name, "_3B2A9C0E5D7F4A1B8C6E2D9F0A1B3C4D.www.example.com");
  EXPECT_EQ(dv.last_poll_date.time, Utc(2026, 7, 23, 1, 50, 20));
  EXPECT_EQ(r->order_amount, "8.25");
  EXPECT_EQ(r->purchase_date_utc.time, Utc(2026, 7, 23, 1, 50, 20));
  // The 1900 sentinel is "absent", not a date and not unknown.
  EXPECT_FALSE(r->certificate_end_date_utc.time.has_value());
  EXPECT_FALSE(r->certificate_end_date_utc.unparseable);
  EXPECT_TRUE(r->dns_names.empty());
  EXPECT_EQ(r->server_count, 1);
  EXPECT_EQ(r->validity, 12);
  EXPECT_EQ(r->admin_contact.email, "admin@example.com");
  EXPECT_EQ(r->cname_auth_value, "A1B2.0A1B.sectigo.com");
  EXPECT_EQ(r->product_code, "positivessl");
  EXPECT_EQ(r->vendor_name, "SECTIGO");
  EXPECT_EQ(r->tss_organization_id, 0);
}

TEST(ParseOrderResponseTest, ActiveOrderDatesAndSans) {
  absl::StatusOr<OrderResponse> r = ParseOrderResponse(R"json({
    "AuthResponse": {"isError": false, "Message": ["Success"]},
    "TheSSLStoreOrderID": 4512345, "PartnerOrderID": "P-1",
    "OrderStatus": {"MajorStatus": "Active", "MinorStatus": "PENDING_REISSUE",
                    "DomainAuthVettingStatus": null},
    "CertificateStartDateInUTC": "7/23/2026 12:00:00 AM",
    "CertificateEndDateInUTC": "2/8/2027 11:59:59 PM",
    "OrderExpiryDateInUTC": "sometime next year",
    "DNSNames": "www.example.com, api.example.com,,mail.example.com ",
    "ServerCount": "1", "Validity": "24", "TSSOrganizationId": "77"
  })json");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->auth_response.messages, std::vector<std::string>{"Success"});
  EXPECT_EQ(r->the_sslstore_order_id, "4512345");  // number accepted
  EXPECT_TRUE(r->order_status.domain_auth_vetting_status.empty());
  EXPECT_EQ(r->certificate_start_date_utc.time, Utc(2026, 7, 23, 0, 0, 0));
  EXPECT_EQ(r->certificate_end_date_utc.time, Utc(2027, 2, 8, 23, 59, 59));
  EXPECT_FALSE(r->order_expiry_date_utc.time.has_value());
  EXPECT_TRUE(r->order_expiry_date_utc.unparseable);
  EXPECT_EQ(r->order_expiry_date_utc.text, "sometime next year");
  EXPECT_THAT(r->dns_names, ElementsAre("www.example.com", "api.example.com",
                                        "mail.example.com"));
  EXPECT_EQ(r->server_count, 1);
  EXPECT_EQ(r->validity, 24);
  EXPECT_EQ(r->tss_organization_id, 77);
}

TEST(ParseOrderResponseTest, BusinessErrorCarriesCodeAndMessage) {
  absl::StatusOr<OrderResponse> r = ParseOrderResponse(R"json({
    "AuthResponse": { "isError": true,
      "Message": ["ErrorCode:-9009|Message:Vendor returns error:the value of the 'apprepcountryname' argument is invalid!"],
      "Timestamp": "7/23/2026 1:50:20 AM", "ReplayToken": null, "InvokingPartnerCode": "12345678" },
    "TheSSLStoreOrderID": null, "PartnerOrderID": null, "OrderStatus": null })json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(KindOf(r.status()), ErrorKind::kBusiness);
  EXPECT_EQ(GetErrorInfo(r.status())->business_code, -9009);
  EXPECT_FALSE(Transient(r.status()));
  EXPECT_THAT(r.status().message(), HasSubstr("-9009"));
  EXPECT_THAT(r.status().message(),
              HasSubstr("'apprepcountryname' argument is invalid"));
}

TEST(ParseOrderResponseTest, AuthenticationFailureIsItsOwnKind) {
  absl::StatusOr<OrderResponse> r = ParseOrderResponse(
      R"({"AuthResponse":{"isError":true,"Message":["ErrorCode:-9008|Message:Token/Authentication Failure"]}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(KindOf(r.status()), ErrorKind::kAuthentication);
  EXPECT_EQ(GetErrorInfo(r.status())->business_code, -9008);

  // Without a code, the word "Authentication" identifies it.
  absl::StatusOr<OrderResponse> plain = ParseOrderResponse(
      R"({"AuthResponse":{"isError":true,"Message":"Token/Authentication Failure"}})");
  ASSERT_FALSE(plain.ok());
  EXPECT_EQ(KindOf(plain.status()), ErrorKind::kAuthentication);
}

TEST(ParseOrderResponseTest, ErrorWithoutMessagesStillFails) {
  absl::StatusOr<OrderResponse> r = ParseOrderResponse(
      R"({"AuthResponse":{"isError":true,"Message":[null,"",null]}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(KindOf(r.status()), ErrorKind::kBusiness);
  EXPECT_FALSE(GetErrorInfo(r.status())->business_code.has_value());
}

TEST(ParseOrderResponseTest, CaseInsensitiveIsErrorAndMembers) {
  absl::StatusOr<OrderResponse> r = ParseOrderResponse(
      R"({"authresponse":{"IsError":true,"message":["ErrorCode:-1006|Message:Order not found"]}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(GetErrorInfo(r.status())->business_code, -1006);
}

// Objects of more than a few members are read through a name index: the
// same rules must hold there (any case matches; the exact spelling wins).
TEST(ParseOrderResponseTest, LargeObjectsMatchNamesAsSmallOnesDo) {
  absl::StatusOr<OrderResponse> r = ParseOrderResponse(R"({
      "A1":1,"A2":2,"A3":3,"A4":4,"A5":5,"A6":6,"A7":7,"A8":8,"A9":9,
      "thesslstoreorderid":"11","commonname":"lower.example",
      "CommonName":"exact.example","COMMONNAME":"upper.example",
      "ORDERSTATUS":{"majorstatus":"Active"}})");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->the_sslstore_order_id, "11");
  EXPECT_EQ(r->common_name, "exact.example");
  EXPECT_EQ(r->order_status.major_status, "Active");

  absl::StatusOr<OrderResponse> no_exact = ParseOrderResponse(R"({
      "A1":1,"A2":2,"A3":3,"A4":4,"A5":5,"A6":6,"A7":7,"A8":8,"A9":9,
      "commonname":"first.example","COMMONNAME":"second.example"})");
  ASSERT_TRUE(no_exact.ok()) << no_exact.status();
  EXPECT_EQ(no_exact->common_name, "first.example");
}

TEST(ParseOrderResponseTest, UnknownAndMissingFieldsAreFine) {
  absl::StatusOr<OrderResponse> r = ParseOrderResponse(
      R"({"TheSSLStoreOrderID":"1","SomethingNew":{"deep":[1,2,{"x":null}]},"Z":1e300})");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->the_sslstore_order_id, "1");
  EXPECT_FALSE(r->has_order_status);
  EXPECT_FALSE(r->auth_response.is_error);
}

TEST(ParseOrderResponseTest, WrongTypesNameTheField) {
  struct Case {
    const char* json;
    const char* field;
  } cases[] = {
      {R"({"TheSSLStoreOrderID":{"a":1}})", "TheSSLStoreOrderID"},
      {R"({"OrderStatus":{"MajorStatus":["Active"]}})",
       "OrderStatus.MajorStatus"},
      {R"({"OrderStatus":"Active"})", "OrderStatus"},
      {R"({"ServerCount":"many"})", "ServerCount"},
      {R"({"Validity":1.5})", "Validity"},
      {R"({"Validity":99999999999})", "Validity"},
      {R"({"isRefundApproved":"maybe"})", "isRefundApproved"},
      {R"({"AdminContact":{"Email":true}})", "AdminContact.Email"},
      {R"({"OrderStatus":{"DomainAuthVettingStatus":[{"domain":"a"},7]}})",
       "OrderStatus.DomainAuthVettingStatus[1]"},
      {R"({"CertificateEndDateInUTC":12345})", "CertificateEndDateInUTC"},
      {R"({"DNSNames":{"x":1}})", "DNSNames"},
      {R"({"AuthResponse":"ok"})", "AuthResponse"},
      {R"({"AuthResponse":{"isError":"perhaps"}})", "AuthResponse.isError"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<OrderResponse> r = ParseOrderResponse(c.json);
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInternal) << c.json;
    EXPECT_EQ(KindOf(r.status()), ErrorKind::kBadResponse);
    EXPECT_FALSE(Transient(r.status())) << c.json;
    EXPECT_THAT(r.status().message(), HasSubstr(c.field)) << c.json;
  }
}

TEST(ParseOrderResponseTest, MalformedAndTruncatedBodiesAreTransient) {
  std::string full = kNewOrderResponse;
  for (const std::string& body :
       {std::string(""), std::string("<html>500</html>"),
        full.substr(0, full.size() / 2), std::string("{\"a\":"),
        std::string("nul"), std::string("\x00\x01", 2)}) {
    absl::StatusOr<OrderResponse> r = ParseOrderResponse(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(KindOf(r.status()), ErrorKind::kBadResponse);
    EXPECT_TRUE(Transient(r.status())) << body;
    EXPECT_THAT(r.status().message(), HasSubstr("malformed JSON"));
  }
}

TEST(ParseOrderResponseTest, HostileShapesNeverCrash) {
  std::string deep_array(200000, '[');
  std::string deep_object;
  for (int i = 0; i < 50000; ++i) deep_object += "{\"OrderStatus\":";
  std::string many_members = "{";
  for (int i = 0; i < 20000; ++i) {
    absl::StrAppend(&many_members, "\"k", i, "\":", i, ",");
  }
  many_members += "\"TheSSLStoreOrderID\":\"9\"}";
  for (const std::string& body :
       {deep_array, deep_object, std::string("[]"), std::string("42"),
        std::string("\"str\""), std::string("null"), std::string("true"),
        std::string("{\"Validity\":-0}"),
        std::string("{\"TheSSLStoreOrderID\":\"\\u0000x\"}"),
        std::string("{\"Message\":[1,2]}"), std::string("{\"isError\":1}")}) {
    absl::StatusOr<OrderResponse> r = ParseOrderResponse(body);
    (void)r;  // Any outcome but a crash is acceptable here.
  }
  EXPECT_FALSE(ParseOrderResponse(deep_array).ok());
  EXPECT_FALSE(ParseOrderResponse("[]").ok());
  absl::StatusOr<OrderResponse> wide = ParseOrderResponse(many_members);
  ASSERT_TRUE(wide.ok()) << wide.status();
  EXPECT_EQ(wide->the_sslstore_order_id, "9");
  absl::StatusOr<OrderResponse> nul =
      ParseOrderResponse("{\"TheSSLStoreOrderID\":\"\\u0000x\"}");
  ASSERT_TRUE(nul.ok());
  EXPECT_EQ(nul->the_sslstore_order_id, std::string("\0x", 2));
  // A flat isError of 1 counts as true.
  EXPECT_FALSE(ParseOrderResponse("{\"isError\":1}").ok());
}

TEST(ParseQueryResponseTest, ReadsBareArray) {
  absl::StatusOr<QueryResponse> r = ParseQueryResponse(R"json([
  { "AuthResponse": {"isError": false, "Message": [], "Timestamp": "7/23/2026 1:50:20 AM", "ReplayToken": null, "InvokingPartnerCode": "12345678"},
    "TheSSLStoreOrderID": "4512345", "CustomOrderID": "8f0c", "PartnerOrderID": "TSS-88412345",
    "VendorOrderID": "1876543210", "ProductName": "Sectigo PositiveSSL", "ProductCode": "positivessl",
    "OrderStatus": {"MajorStatus": "Active", "MinorStatus": "Issued", "isTinyOrder": false, "isTinyOrderClaimed": false},
    "CommonName": "www.example.com", "DNSNames": "",
    "CertificateStartDateInUTC": "7/23/2026 12:00:00 AM", "CertificateEndDateInUTC": "2/8/2027 11:59:59 PM",
    "OrderExpiryDateInUTC": "7/23/2027 12:00:00 AM", "Validity": 12, "OrderAmount": "8.25" },
  { "TheSSLStoreOrderID": "4512346", "OrderStatus": {"MajorStatus": "Cancelled"} }
  ])json");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->row_count, 2);
  ASSERT_EQ(r->orders.size(), 2u);
  EXPECT_TRUE(r->rejected_rows.empty());
  EXPECT_EQ(r->orders[0].the_sslstore_order_id, "4512345");
  EXPECT_EQ(r->orders[0].auth_response.invoking_partner_code, "12345678");
  EXPECT_EQ(r->orders[0].order_expiry_date_utc.time, Utc(2027, 7, 23, 0, 0, 0));
  EXPECT_EQ(r->orders[1].order_status.major_status, "Cancelled");
}

TEST(ParseQueryResponseTest, OneElementErrorArrayIsAnError) {
  absl::StatusOr<QueryResponse> r = ParseQueryResponse(
      R"([ { "AuthResponse": { "isError": true, "Message": ["ErrorCode:-9008|Message:Token/Authentication Failure"] } } ])");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(KindOf(r.status()), ErrorKind::kAuthentication);

  // Some servers answer an error object instead of an array.
  absl::StatusOr<QueryResponse> obj = ParseQueryResponse(
      R"({"AuthResponse":{"isError":true,"Message":["ErrorCode:-1|Message:bad"]}})");
  ASSERT_FALSE(obj.ok());
  EXPECT_EQ(KindOf(obj.status()), ErrorKind::kBusiness);
  // A non-error object is a shape error.
  EXPECT_EQ(KindOf(ParseQueryResponse("{}").status()), ErrorKind::kBadResponse);
}

TEST(ParseQueryResponseTest, BadRowsAreRejectedOneByOne) {
  absl::StatusOr<QueryResponse> r = ParseQueryResponse(R"([
    {"TheSSLStoreOrderID":"1"},
    {"TheSSLStoreOrderID":["x"]},
    "junk",
    null,
    {"TheSSLStoreOrderID":"5","OrderStatus":{"MajorStatus":"Active"}}
  ])");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->row_count, 5);
  ASSERT_EQ(r->orders.size(), 2u);
  EXPECT_EQ(r->orders[0].the_sslstore_order_id, "1");
  EXPECT_EQ(r->orders[1].the_sslstore_order_id, "5");
  ASSERT_EQ(r->rejected_rows.size(), 3u);
  EXPECT_THAT(r->rejected_rows[0].message(),
              HasSubstr("[1].TheSSLStoreOrderID"));
  EXPECT_THAT(r->rejected_rows[1].message(), HasSubstr("[2]"));
  EXPECT_THAT(r->rejected_rows[2].message(), HasSubstr("[3]"));
}

TEST(ParseQueryResponseTest, EmptyPage) {
  absl::StatusOr<QueryResponse> r = ParseQueryResponse("[]");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->row_count, 0);
  EXPECT_TRUE(r->orders.empty());
}

TEST(ParseDownloadResponseTest, ReadsCertificates) {
  absl::StatusOr<DownloadResponse> r = ParseDownloadResponse(R"json({
  "AuthResponse": { "isError": false, "Message": [] },
  "PartnerOrderID": "TSS-88412345", "TheSSLStoreOrderID": 4512345, "VendorOrderID": 1876543210,
  "CertificateStatus": "Active", "ValidationStatus": "Validated",
  "CertificateStartDateInUTC": "7/23/2026 12:00:00 AM",
  "CertificateEndDateInUTC": "2/8/2027 11:59:59 PM",
  "Certificates": [
    { "FileName": "www_example_com.crt", "FileContent": "-----BEGIN CERTIFICATE-----\nMIIG\n-----END CERTIFICATE-----\n" },
    { "FileName": null, "FileContent": "-----BEGIN CERTIFICATE-----\nMIIF\n-----END CERTIFICATE-----\n" }
  ] })json");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->the_sslstore_order_id, "4512345");
  EXPECT_EQ(r->vendor_order_id, "1876543210");
  ASSERT_EQ(r->certificates.size(), 2u);
  EXPECT_EQ(r->certificates[0].file_name, "www_example_com.crt");
  EXPECT_EQ(r->certificates[1].file_name, "");
  EXPECT_THAT(r->certificates[1].file_content, HasSubstr("MIIF"));
  EXPECT_EQ(r->certificate_end_date_utc.time, Utc(2027, 2, 8, 23, 59, 59));
}

TEST(ParseDownloadResponseTest, CertificateNotAvailable) {
  absl::StatusOr<DownloadResponse> r = ParseDownloadResponse(
      R"({"AuthResponse":{"isError":true,"Message":["ErrorCode:-1008|Message:Certificate not available"]},"Certificates":[]})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(GetErrorInfo(r.status())->business_code, -1008);
  absl::StatusOr<DownloadResponse> bad =
      ParseDownloadResponse(R"({"Certificates":[{"FileContent":5.5e400}]})");
  EXPECT_FALSE(bad.ok());
}

TEST(ParseFlatResponsesTest, HealthAndRevokeAcceptFlatOrNested) {
  absl::StatusOr<HealthResponse> ok = ParseHealthResponse(
      R"({"isError":false,"Message":["Success"],"Timestamp":"7/23/2026 1:50:20 AM","ReplayToken":"r-1","InvokingPartnerCode":"12345678"})");
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->auth_response.messages, std::vector<std::string>{"Success"});
  EXPECT_EQ(ok->auth_response.replay_token, "r-1");
  absl::StatusOr<HealthResponse> bad = ParseHealthResponse(
      R"({"isError":true,"Message":["ErrorCode:-9008|Message:Token/Authentication Failure"]})");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kUnauthenticated);

  EXPECT_TRUE(
      ParseCertificateRevokeResponse(R"({"isError":false,"Message":[]})").ok());
  EXPECT_TRUE(ParseCertificateRevokeResponse(
                  R"({"AuthResponse":{"isError":false,"Message":[]}})")
                  .ok());
  absl::StatusOr<CertificateRevokeResponse> nested = ParseCertificateRevokeResponse(
      R"({"AuthResponse":{"isError":true,"Message":["ErrorCode:-1007|Message:Invalid state"]}})");
  EXPECT_EQ(GetErrorInfo(nested.status())->business_code, -1007);
}

TEST(ParseFlatResponsesTest, HealthAcceptsStatusOnly) {
  // The PHP SDK's health_validate_response carries only Status.
  for (const char* body :
       {R"({"Status":"Success"})", R"({"Status":"OK"})", R"({"Status":true})",
        R"({"Status":1})", R"({"status":"Active"})",
        R"({"Status":{"isError":false,"Message":["Success"]}})"}) {
    SCOPED_TRACE(body);
    absl::StatusOr<HealthResponse> ok = ParseHealthResponse(body);
    EXPECT_TRUE(ok.ok()) << ok.status();
  }
  absl::StatusOr<HealthResponse> text =
      ParseHealthResponse(R"({"Status":"Success"})");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->status, "Success");
  EXPECT_EQ(ParseHealthResponse(R"({"Status":true})")->status, "true");

  // A Status that says the check failed is a refusal of the credentials.
  for (
      const char* body :
      {R"({"Status":"Failure"})", R"({"Status":false})", R"({"Status":0})",
       R"({"Status":"Invalid Token"})",
       R"({"Status":{"isError":true,"Message":["ErrorCode:-9008|Message:Token/Authentication Failure"]}})"}) {
    SCOPED_TRACE(body);
    absl::StatusOr<HealthResponse> bad = ParseHealthResponse(body);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(KindOf(bad.status()), ErrorKind::kAuthentication);
  }
  // isError, when present, decides whatever Status says.
  EXPECT_TRUE(
      ParseHealthResponse(R"({"isError":false,"Message":[],"Status":"x"})")
          .ok());
  EXPECT_EQ(
      ParseHealthResponse(
          R"({"isError":true,"Message":["ErrorCode:-9008|Message:Token/Authentication Failure"],"Status":"Success"})")
          .status()
          .code(),
      absl::StatusCode::kUnauthenticated);
  // Neither outcome nor Status: not an answer.
  for (const char* body : {R"({})", R"({"Status":[1]})", R"({"Other":1})"}) {
    SCOPED_TRACE(body);
    absl::StatusOr<HealthResponse> none = ParseHealthResponse(body);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(KindOf(none.status()), ErrorKind::kBadResponse);
  }
}

TEST(ParseApproverListTest, ReadsList) {
  absl::StatusOr<ApproverListResponse> r = ParseApproverListResponse(R"json(
{ "AuthResponse": {"isError": false, "Message": []},
  "ApproverEmailList": ["admin@www.example.com","administrator@www.example.com",null,
                        "admin@example.com"],
  "baseDomainName": "example.com" })json");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_THAT(r->approver_emails, ElementsAre("admin@www.example.com",
                                              "administrator@www.example.com",
                                              "admin@example.com"));
  EXPECT_EQ(r->base_domain_name, "example.com");
  EXPECT_THAT(
      ParseApproverListResponse(R"({"ApproverEmailList":["a",{"b":1}]})")
          .status()
          .message(),
      HasSubstr("ApproverEmailList[1]"));
}

TEST(ParseOrganizationListTest, ReadsOrganizations) {
  absl::StatusOr<OrganizationListResponse> r =
      ParseOrganizationListResponse(R"json(
{ "AuthResponse": {"isError": false, "Message": []},
  "OrganizationList": [
    { "Name": "Example Corp", "AssumedName": "", "Address": "1 Main St", "Address2": null,
      "City": "Springfield", "State": "IL", "Zip": "62701", "Country": "us",
      "Organization_Phone": "+1 555 0100",
      "OrganizationContact": {"Email": "ops@example.com", "Firstname": "Ada", "Lastname": "L",
                              "JobTitle": "CTO", "Phone": "1", "Phone_Extension": "2", "Username": "ada"},
      "ApproversContact": {"anything": [1, 2]},
      "Status": "active", "TSSOrganizationId": 123456, "VendorOrganizationId": "987" } ] })json");
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->organizations.size(), 1u);
  const Organization& o = r->organizations[0];
  EXPECT_EQ(o.name, "Example Corp");
  EXPECT_EQ(o.organization_phone, "+1 555 0100");
  EXPECT_EQ(o.organization_contact.first_name, "Ada");
  EXPECT_EQ(o.organization_contact.phone_extension, "2");
  EXPECT_EQ(o.status, "active");
  EXPECT_EQ(o.tss_organization_id, 123456);
  EXPECT_EQ(o.vendor_organization_id, 987);
  EXPECT_THAT(ParseOrganizationListResponse(
                  R"({"OrganizationList":[{"OrganizationContact":[]}]})")
                  .status()
                  .message(),
              HasSubstr("OrganizationList[0].OrganizationContact"));
}

TEST(ParseProductQueryTest, ReadsProductsAndPricing) {
  absl::StatusOr<ProductQueryResponse> r = ParseProductQueryResponse(R"json([
{ "ProductCode": "positivessl", "ProductName": "Sectigo PositiveSSL", "ProductType": 1,
  "VendorName": "SECTIGO", "CanbeReissued": true, "ReissueDays": 0,
  "IsSanEnable": false, "MinSan": 0, "MaxSan": 0, "isNoOfServerFree": true,
  "IsCompetitiveUpgradeSupported": false, "isWlidcard": true, "isWildcard": false,
  "isDVProduct": true, "isOVProduct": false, "isEVProduct": false, "isCodeSigning": false, "isScanProduct": false,
  "PricingInfo": [ { "NumberOfMonths": 12, "NumberOfServer": 1, "Price": 8.25, "SRP": "49.99",
                     "PricePerAdditionalSAN": 0, "PricePerAdditionalServer": 0 },
                   { "NumberOfMonths": 24, "NumberOfServer": 1, "Price": 15, "SRP": 90 } ],
  "AuthResponse": { "isError": false, "Message": [], "Timestamp": "x", "ReplayToken": null, "InvokingPartnerCode": "12345678" } }
])json");
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->products.size(), 1u);
  const ProductInfo& p = r->products[0];
  EXPECT_EQ(p.product_code, "positivessl");
  EXPECT_TRUE(p.can_be_reissued);
  EXPECT_TRUE(p.is_wildcard);  // the misspelt isWlidcard counts
  EXPECT_TRUE(p.is_dv_product);
  ASSERT_EQ(p.pricing_info.size(), 2u);
  EXPECT_EQ(p.pricing_info[0].number_of_months, 12);
  EXPECT_DOUBLE_EQ(p.pricing_info[0].price, 8.25);
  EXPECT_DOUBLE_EQ(p.pricing_info[0].srp, 49.99);
  EXPECT_EQ(p.pricing_info[1].number_of_months, 24);

  absl::StatusOr<ProductQueryResponse> err = ParseProductQueryResponse(
      R"([{"AuthResponse":{"isError":true,"Message":["ErrorCode:-9008|Message:Token/Authentication Failure"]}}])");
  EXPECT_EQ(err.status().code(), absl::StatusCode::kUnauthenticated);
  absl::StatusOr<ProductQueryResponse> bad_row = ParseProductQueryResponse(
      R"([{"ProductCode":"a"},{"ProductCode":"b","PricingInfo":[{"Price":"free"}]}])");
  ASSERT_TRUE(bad_row.ok());
  EXPECT_EQ(bad_row->products.size(), 1u);
  ASSERT_EQ(bad_row->rejected_rows.size(), 1u);
  EXPECT_THAT(bad_row->rejected_rows[0].message(),
              HasSubstr("[1].PricingInfo[0].Price"));
}

}  // namespace
}  // namespace sslstore::client
