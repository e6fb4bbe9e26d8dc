// The simulator's order record: everything /order/status reports about one
// order, plus the certificates it has issued.
#ifndef TOOLS_SSLSTORE_SIM_ORDER_H_
#define TOOLS_SSLSTORE_SIM_ORDER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "tools/sslstore-sim/sim_ca.h"

namespace sslstore_sim {

// How domain control is validated for an order.
enum class DcvMethod { kEmail, kHttp, kHttps, kCname };

// The WBAPI spelling of a DCV method ("EMAIL", "HTTP", "HTTPS", "CNAME").
const char* DcvMethodName(DcvMethod method);

// String members of a request object (contact, organization), echoed back.
using StringFields = std::vector<std::pair<std::string, std::string>>;

// MajorStatus values.
inline constexpr char kStatusPending[] = "Pending";
inline constexpr char kStatusActive[] = "Active";
inline constexpr char kStatusCancelled[] = "Cancelled";
// MinorStatus values.
inline constexpr char kMinorAwaiting[] = "Awaiting Validation";
inline constexpr char kMinorIssued[] = "Issued";
inline constexpr char kMinorPendingReissue[] = "PENDING_REISSUE";
inline constexpr char kMinorRefunded[] = "Refunded";
inline constexpr char kMinorRevoked[] = "Revoked";
inline constexpr char kMinorCancelled[] = "Cancelled";
inline constexpr char kMinorRefundRequested[] = "Refund Requested";

// One order.
struct Order {
  int64_t id = 0;                // TheSSLStoreOrderID
  std::string partner_order_id;  // changes on every reissue
  std::string custom_order_id;
  std::string vendor_order_id;
  std::string product_code;
  std::string product_name;
  std::string vendor_name;  // "SECTIGO", "DIGICERT"
  int validity_months = 12;
  int server_count = 1;
  std::string web_server_type = "Other";
  std::string signature_hash_algorithm;
  std::string common_name;
  std::vector<std::string> names;  // every DNS name, common name first
  std::string public_key_der;      // key of the current (or first) CSR
  std::string approver_email;
  DcvMethod dcv = DcvMethod::kEmail;
  std::string cname_auth_name, cname_auth_value;
  std::string auth_file_name, auth_file_content;
  StringFields admin_contact, technical_contact, organization_info;
  int64_t tss_organization_id = 0;
  std::string major_status = kStatusPending;
  std::string minor_status = kMinorAwaiting;
  absl::Time purchase_date;
  absl::Time order_expiry;                       // purchase + validity months
  std::optional<IssuedCertificate> certificate;  // current certificate
  std::vector<IssuedCertificate> previous_certificates;
  std::vector<std::string> revoked_serials;
  bool is_renewal = false;
  int64_t related_order_id = 0;
  std::string refund_request_id;
  bool refund_approved = false;
  // An accepted refund not yet carried out (the order keeps its status).
  bool refund_pending = false;
  int refund_polls = 0;  // /order/status calls while the refund is pending
  int status_polls = 0;  // /order/status calls while awaiting approval
  int reissue_count = 0;
  // A requested reissue not yet issued (MinorStatus PENDING_REISSUE).
  bool reissue_pending = false;
  std::string pending_public_key_der;
  std::string pending_common_name;
  std::vector<std::string> pending_names;
  // When the order last changed after its creation (approval, reissue,
  // refund, revocation, cancellation) and how it looked just before; what a
  // lagging /order/query shows. InfinitePast and null for unchanged orders.
  absl::Time changed_at = absl::InfinitePast();
  std::shared_ptr<const Order> before_change;
};

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_ORDER_H_
