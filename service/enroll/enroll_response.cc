#include "service/enroll/enroll_response.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "service/mapping/ca_request_id.h"
#include "service/mapping/certificate_record.h"

namespace sslstore::service::enroll {
namespace {

namespace v1 = sslstore::connector::v1;

constexpr char kValidationPath[] = "/.well-known/pki-validation/";

v1::DcvMethod MethodOf(absl::string_view text, v1::DcvMethod fallback) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (absl::StrContains(lower, "cname") || absl::StrContains(lower, "dns")) {
    return v1::DCV_METHOD_CNAME;
  }
  if (absl::StrContains(lower, "file") || absl::StrContains(lower, "http")) {
    return v1::DCV_METHOD_FILE;
  }
  if (absl::StrContains(lower, "email")) return v1::DCV_METHOD_EMAIL;
  return fallback;
}

void FillDcvRecords(const client::OrderResponse& order, v1::DcvMethod method,
                    v1::EnrollResponse* response) {
  for (const client::DomainAuthVettingStatus& domain :
       order.order_status.domain_auth_vetting_status) {
    v1::DcvRecord* record = response->add_dcv_records();
    record->set_domain(domain.domain);
    record->set_method(MethodOf(domain.dcv_method, method));
    record->set_status(domain.dcv_status);
    record->set_cname_name(domain.dns_name);
    record->set_cname_value(domain.dns_entry);
    record->set_file_name(domain.file_name);
    record->set_file_contents(domain.file_contents);
    if (!domain.file_name.empty()) {
      record->set_file_path(absl::StrCat(kValidationPath, domain.file_name));
    }
  }
  if (response->dcv_records_size() > 0) return;
  // No per-domain detail: the order-level record stands for the CN.
  v1::DcvRecord record;
  record.set_domain(order.common_name);
  record.set_method(method);
  if (method == v1::DCV_METHOD_CNAME && !order.cname_auth_name.empty()) {
    record.set_cname_name(order.cname_auth_name);
    record.set_cname_value(order.cname_auth_value);
  } else if (method == v1::DCV_METHOD_FILE && !order.auth_file_name.empty()) {
    record.set_file_name(order.auth_file_name);
    record.set_file_contents(order.auth_file_content);
    record.set_file_path(absl::StrCat(kValidationPath, order.auth_file_name));
  } else if (method == v1::DCV_METHOD_EMAIL && !order.approver_email.empty()) {
    record.set_approver_email(order.approver_email);
  } else {
    return;
  }
  *response->add_dcv_records() = record;
}

}  // namespace

void FillEnrollResponse(const client::OrderResponse& order,
                        v1::EnrollmentAction action, v1::DcvMethod dcv_method,
                        v1::EnrollResponse* response) {
  response->set_ca_request_id(
      FormatCaRequestId(order.the_sslstore_order_id, order.partner_order_id));
  response->set_status(MapOrderStatus(order.order_status.major_status));
  response->set_action(action);
  int64_t order_id = 0;
  if (absl::SimpleAtoi(order.the_sslstore_order_id, &order_id)) {
    response->set_sslstore_order_id(order_id);
  }
  response->set_partner_order_id(order.partner_order_id);
  response->set_custom_order_id(order.custom_order_id);
  response->set_vendor_order_id(order.vendor_order_id);
  response->set_status_message(absl::StrCat(
      "order ", order.the_sslstore_order_id, " is ",
      order.order_status.major_status,
      order.order_status.minor_status.empty()
          ? ""
          : absl::StrCat(" (", order.order_status.minor_status, ")")));
  response->clear_dcv_records();
  FillDcvRecords(order, dcv_method, response);
}

}  // namespace sslstore::service::enroll
