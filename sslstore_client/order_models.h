#ifndef SSLSTORE_CLIENT_ORDER_MODELS_H_
#define SSLSTORE_CLIENT_ORDER_MODELS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "sslstore_client/api_date.h"
#include "sslstore_client/auth_response.h"

// The WBAPI order objects (reference sections 3 and 4). Field comments give
// the API's exact JSON name where it is not the obvious PascalCase of the
// C++ name. Strings that SSL Store leaves empty or null are "".

namespace sslstore::client {

// `AdminContact` / `TechnicalContact`.
struct Contact {
  std::string first_name;
  std::string last_name;
  std::string subject_first_name;
  std::string subject_last_name;
  std::string phone;
  std::string fax;
  std::string email;
  std::string title;
  std::string organization_name;
  std::string address_line1;
  std::string address_line2;
  std::string city;
  std::string region;
  std::string postal_code;
  // ISO-3166 alpha-2.
  std::string country;
};

// `OrganizationInfo.OrganizationAddress`.
struct OrganizationAddress {
  std::string address_line1;
  std::string address_line2;
  std::string address_line3;
  std::string city;
  std::string region;
  std::string postal_code;
  std::string country;
  std::string phone;
  std::string fax;
  std::string locality_name;
};

// `OrganizationInfo` (American spelling on the wire).
struct OrganizationInfo {
  std::string organization_name;
  // `DUNS`.
  std::string duns;
  std::string division;
  std::string incorporating_agency;
  std::string registration_number;
  std::string jurisdiction_city;
  std::string jurisdiction_region;
  std::string jurisdiction_country;
  std::string assumed_name;
  OrganizationAddress organization_address;
};

// Identifies an order: by `TheSSLStoreOrderID` when set, else by
// `CustomOrderID`.
struct OrderRef {
  // `TheSSLStoreOrderID`.
  std::string the_sslstore_order_id;
  // `CustomOrderID`.
  std::string custom_order_id;
};

// `OldNewPair`: one SAN edit of a reissue.
struct OldNewPair {
  std::string old_value;
  std::string new_value;
};

// `/rest/order/neworder` request (reference 4.1). Booleans are always sent;
// empty strings, zero optional counts and unset optionals are omitted.
struct NewOrderRequest {
  // `CustomOrderID`.
  std::string custom_order_id;
  std::string product_code;
  std::string extra_product_codes;
  std::optional<OrganizationInfo> organization_info;
  // `TSSOrganizationId`; 0 = none.
  int64_t tss_organization_id = 0;
  // Months.
  int validity_period = 12;
  int server_count = 1;
  // `CSR`, PEM.
  std::string csr;
  std::string domain_name;
  std::string web_server_type = "Other";
  // `DNSNames` (sent as an array, always).
  std::vector<std::string> dns_names;
  // `isCUOrder`.
  bool is_cu_order = false;
  // `AutoWWW`.
  std::optional<bool> auto_www;
  // `isRenewalOrder`.
  bool is_renewal_order = false;
  std::string special_instructions;
  // `RelatedTheSSLStoreOrderID`.
  std::string related_the_sslstore_order_id;
  // `isTrialOrder`.
  bool is_trial_order = false;
  std::optional<Contact> admin_contact;
  std::optional<Contact> technical_contact;
  // Comma-separated for Sectigo multi-domain orders.
  std::string approver_email;
  // `ReserveSANCount`.
  int reserve_san_count = 0;
  // `WildcardReserveSANCount`.
  int wildcard_reserve_san_count = 0;
  bool add_installation_support = false;
  std::string email_language_code;
  // `FileAuthDVIndicator`.
  bool file_auth_dv_indicator = false;
  // `HTTPSFileAuthDVIndicator`.
  bool https_file_auth_dv_indicator = false;
  // `CNAMEAuthDVIndicator`.
  bool cname_auth_dv_indicator = false;
  std::string signature_hash_algorithm;
  std::optional<bool> cert_transparency_indicator;
  std::string date_time_culture;
  // `CSRUniqueValue`.
  std::string csr_unique_value;
};

// `/rest/order/reissue` request (reference 4.2).
struct ReissueRequest {
  // `TheSSLStoreOrderID`.
  std::string the_sslstore_order_id;
  // `CustomOrderID` (SSL Store ignores it on reissue).
  std::string custom_order_id;
  // `CSR`.
  std::string csr;
  std::string web_server_type = "Other";
  // `DNSNames`: the full SAN list; omitted when empty.
  std::vector<std::string> dns_names;
  // `isRenewalOrder`.
  bool is_renewal_order = false;
  std::string special_instructions;
  // `EditSAN`, `DeleteSAN`, `AddSAN`.
  std::vector<OldNewPair> edit_san;
  std::vector<OldNewPair> delete_san;
  std::vector<OldNewPair> add_san;
  // `isWildCard`.
  bool is_wild_card = false;
  std::string reissue_email;
  bool prefer_enrollment_link = false;
  std::string signature_hash_algorithm;
  // `FileAuthDVIndicator`, `HTTPSFileAuthDVIndicator`, `CNAMEAuthDVIndicator`.
  bool file_auth_dv_indicator = false;
  bool https_file_auth_dv_indicator = false;
  bool cname_auth_dv_indicator = false;
  // `ApproverEmails`, comma-separated.
  std::string approver_emails;
  std::optional<bool> cert_transparency_indicator;
  std::string date_time_culture;
  // `CSRUniqueValue`.
  std::string csr_unique_value;
};

// `/rest/order/query` request (reference 4.4). Dates go out as .NET JSON
// dates; a zero page number or size is omitted (= everything).
struct QueryRequest {
  std::optional<absl::Time> start_date;
  std::optional<absl::Time> end_date;
  std::optional<absl::Time> certificate_expire_from_date;
  std::optional<absl::Time> certificate_expire_to_date;
  std::string domain_name;
  // `SubUserID`.
  std::string sub_user_id;
  std::string product_code;
  std::string date_time_culture;
  // 1-based.
  int page_number = 0;
  int page_size = 0;
};

// `/rest/order/refundrequest` request (reference 4.7).
struct RefundRequest {
  OrderRef order;
  std::string refund_reason;
  // `RefundRequestID`.
  std::string refund_request_id;
  std::string serial_number;
};

// `/rest/order/certificaterevokerequest` request (reference 4.9).
struct CertificateRevokeRequest {
  OrderRef order;
  // Revoke this one certificate of the order; empty = the current one.
  std::string serial_number;
  std::string revoke_reason;
  std::string resend_email;
};

// `OrderStatus.AuthenticationStatuses[]`.
struct AuthenticationStatus {
  std::string authentication_step;
  std::string status;
  std::string last_updated;
};

// `OrderStatus.OrderNotes[]`.
struct OrderNote {
  std::string comments;
  std::string date_added;
};

// `OrderStatus.DomainAuthVettingStatus[]` (lower-case `domain`, `dcvMethod`,
// `dcvStatus` on the wire).
struct DomainAuthVettingStatus {
  std::string domain;
  std::string dcv_method;
  std::string dcv_status;
  std::string file_name;
  std::string file_contents;
  // `DNSName`, `DNSEntry`: the CNAME record.
  std::string dns_name;
  std::string dns_entry;
  std::string poll_status;
  ApiDate last_poll_date;
};

// `OrderStatus`.
struct OrderStatus {
  // `isTinyOrder`, `isTinyOrderClaimed`.
  bool is_tiny_order = false;
  bool is_tiny_order_claimed = false;
  // `Initial`, `Pending`, `Active`, `Cancelled`, ...
  std::string major_status;
  // The CA's own status, e.g. `PENDING_REISSUE`.
  std::string minor_status;
  std::vector<AuthenticationStatus> authentication_statuses;
  std::string authentication_comments;
  std::vector<OrderNote> order_notes;
  // Empty when SSL Store sent null.
  std::vector<DomainAuthVettingStatus> domain_auth_vetting_status;
};

// The common order object (reference 3.5), returned by neworder, reissue,
// status, refundrequest, refundstatus and each row of query. Order tokens
// and vendor-account passwords are deliberately not kept.
struct OrderResponse {
  AuthResponse auth_response;
  // `PartnerOrderID`, `CustomOrderID`, `TheSSLStoreOrderID`,
  // `VendorOrderID`, `RefundRequestID` (numbers are accepted as text).
  std::string partner_order_id;
  std::string custom_order_id;
  std::string the_sslstore_order_id;
  std::string vendor_order_id;
  std::string refund_request_id;
  // `isRefundApproved`.
  bool is_refund_approved = false;
  std::string tiny_order_link;
  // Defaults when SSL Store sent none (check `has_order_status`).
  OrderStatus order_status;
  bool has_order_status = false;
  // Decimal text, e.g. "8.25".
  std::string order_amount;
  ApiDate purchase_date;
  // `PurchaseDateInUTC`, and likewise for the other `*_utc` dates.
  ApiDate purchase_date_utc;
  ApiDate certificate_start_date;
  ApiDate certificate_start_date_utc;
  ApiDate certificate_end_date;
  ApiDate certificate_end_date_utc;
  ApiDate order_expiry_date;
  ApiDate order_expiry_date_utc;
  std::string common_name;
  // `DNSNames`: a comma-separated string on the wire, split and trimmed.
  std::vector<std::string> dns_names;
  // `SANCount`, `wildcardSANCount`.
  int san_count = 0;
  int wildcard_san_count = 0;
  int server_count = 0;
  // `Validity`: months ordered.
  int validity = 0;
  std::string organization;
  std::string organizational_unit;
  std::string state;
  std::string country;
  std::string locality;
  std::string organization_phone;
  std::string organization_address;
  // `OrganizationPostalcode`.
  std::string organization_postal_code;
  // `DUNS`.
  std::string duns;
  std::string web_server_type;
  // Comma-separated, CN first.
  std::string approver_email;
  std::string product_name;
  std::string product_code;
  Contact admin_contact;
  Contact technical_contact;
  std::string reissue_success_code;
  // HTTP file DCV.
  std::string auth_file_name;
  std::string auth_file_content;
  std::string poll_status;
  ApiDate poll_date;
  // `CNAMEAuthName`, `CNAMEAuthValue`: the CNAME DCV record.
  std::string cname_auth_name;
  std::string cname_auth_value;
  std::string signature_encryption_algorithm;
  std::string signature_hash_algorithm;
  std::string vendor_name;
  std::string sub_vendor_name;
  std::string serial_number;
  // `TSSOrganizationId`.
  int64_t tss_organization_id = 0;
};

// `/rest/order/query` response: a bare array of orders. A row whose fields
// have the wrong type is left out of `orders` and reported in
// `rejected_rows`, so one bad order does not hide the others.
struct QueryResponse {
  std::vector<OrderResponse> orders;
  // One error per rejected row, naming the row index and the field.
  std::vector<absl::Status> rejected_rows;
  // Rows in the reply, accepted or not (a page is short when this is less
  // than the page size).
  int row_count = 0;
};

// `Certificates[]` of a download: one file, normally PEM text.
struct CertificateFile {
  std::string file_name;
  std::string file_content;
};

// `/rest/order/download` response (reference 4.5). The order of
// `certificates` says nothing about which one is the leaf.
struct DownloadResponse {
  AuthResponse auth_response;
  std::string partner_order_id;
  std::string the_sslstore_order_id;
  std::string vendor_order_id;
  std::string certificate_status;
  std::string validation_status;
  std::vector<CertificateFile> certificates;
  ApiDate certificate_start_date;
  ApiDate certificate_start_date_utc;
  ApiDate certificate_end_date;
  ApiDate certificate_end_date_utc;
};

// `/rest/order/certificaterevokerequest` response: only the outcome block
// (flat or nested on the wire).
struct CertificateRevokeResponse {
  AuthResponse auth_response;
};

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_ORDER_MODELS_H_
