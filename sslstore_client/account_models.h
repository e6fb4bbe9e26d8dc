#ifndef SSLSTORE_CLIENT_ACCOUNT_MODELS_H_
#define SSLSTORE_CLIENT_ACCOUNT_MODELS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "sslstore_client/auth_response.h"

// The WBAPI objects that are not orders: approver lists, DigiCert
// organizations, health and the product catalogue (reference 4.10, 5-7).

namespace sslstore::client {

// `/rest/order/approverlist` request.
struct ApproverListRequest {
  std::string product_code;
  std::string domain_name;
  // `RelatedTheSSLStoreOrderID`; optional.
  std::string related_the_sslstore_order_id;
};

// `/rest/order/approverlist` response.
struct ApproverListResponse {
  AuthResponse auth_response;
  // `ApproverEmailList`.
  std::vector<std::string> approver_emails;
  // `baseDomainName`.
  std::string base_domain_name;
};

// `OrganizationList[].OrganizationContact` (`Firstname`, `Lastname`,
// `Phone_Extension` on the wire).
struct OrganizationContact {
  std::string email;
  std::string first_name;
  std::string last_name;
  std::string job_title;
  std::string phone;
  std::string phone_extension;
  std::string username;
};

// One pre-validated DigiCert organization.
struct Organization {
  std::string name;
  std::string assumed_name;
  std::string address;
  std::string address2;
  std::string city;
  std::string state;
  std::string zip;
  std::string country;
  // `Organization_Phone`.
  std::string organization_phone;
  OrganizationContact organization_contact;
  // e.g. "active".
  std::string status;
  // `TSSOrganizationId`: the value to order with.
  int64_t tss_organization_id = 0;
  // `VendorOrganizationId`: DigiCert's id.
  int64_t vendor_organization_id = 0;
};

// `/rest/digicert/organizationlist` response.
struct OrganizationListResponse {
  AuthResponse auth_response;
  // `OrganizationList`.
  std::vector<Organization> organizations;
};

// `/rest/health/validate` and `/rest/health/status` response: the flat
// outcome block, or only `Status` (the PHP SDK's health_validate_response).
struct HealthResponse {
  AuthResponse auth_response;
  // `Status` as text ("true"/"false" for a boolean); empty when absent.
  std::string status;
};

// `/rest/product/query` request.
struct ProductQueryRequest {
  // Empty = all products.
  std::string product_code;
  // 0 = all; see reference 5 for the enum.
  int product_type = 0;
  std::optional<bool> need_sorted_list;
  // `IsForceNewSKUs`.
  std::optional<bool> is_force_new_skus;
};

// `PricingInfo[]`: one purchasable term.
struct PricingInfo {
  int number_of_months = 0;
  int number_of_server = 0;
  double price = 0;
  // `SRP`.
  double srp = 0;
  // `PricePerAdditionalSAN`.
  double price_per_additional_san = 0;
  double price_per_additional_server = 0;
};

// One product of `/rest/product/query`.
struct ProductInfo {
  std::string product_code;
  std::string product_name;
  std::string product_description;
  std::string product_slug;
  int product_type = 0;
  std::string vendor_name;
  // `CanbeReissued`.
  bool can_be_reissued = false;
  int reissue_days = 0;
  // `IsSanEnable`.
  bool is_san_enable = false;
  int min_san = 0;
  int max_san = 0;
  // `isNoOfServerFree`.
  bool is_no_of_server_free = false;
  bool is_competitive_upgrade_supported = false;
  // `isWildcard`, or the API's misspelt `isWlidcard`.
  bool is_wildcard = false;
  // `isDVProduct`, `isOVProduct`, `isEVProduct`.
  bool is_dv_product = false;
  bool is_ov_product = false;
  bool is_ev_product = false;
  bool is_code_signing = false;
  bool is_scan_product = false;
  std::string issuance_time;
  std::vector<PricingInfo> pricing_info;
};

// `/rest/product/query` response: a bare array of products. Rows with
// wrong types are left out and reported in `rejected_rows`.
struct ProductQueryResponse {
  std::vector<ProductInfo> products;
  std::vector<absl::Status> rejected_rows;
  int row_count = 0;
};

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_ACCOUNT_MODELS_H_
