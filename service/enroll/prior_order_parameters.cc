#include "service/enroll/prior_order_parameters.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/mapping/catalog_mapper.h"

namespace sslstore::service::enroll {
namespace {

namespace v1 = sslstore::connector::v1;

bool IsSet(const v1::EnrollRequest& request, absl::string_view name) {
  for (const auto& [key, value] : request.parameters()) {
    if (absl::EqualsIgnoreCase(key, name) && !value.empty()) return true;
  }
  return false;
}

void FillIfMissing(absl::string_view name, const std::string& value,
                   v1::EnrollRequest* request) {
  if (value.empty() || IsSet(*request, name)) return;
  (*request->mutable_parameters())[std::string(name)] = value;
}

void FillContact(absl::string_view prefix, const client::Contact& contact,
                 v1::EnrollRequest* request) {
  const std::pair<const char*, const std::string*> fields[] = {
      {"First Name", &contact.first_name},
      {"Last Name", &contact.last_name},
      {"Phone", &contact.phone},
      {"Email", &contact.email},
      {"Title", &contact.title},
      {"Organization Name", &contact.organization_name},
      {"Address", &contact.address_line1},
      {"City", &contact.city},
      {"Region", &contact.region},
      {"Postal Code", &contact.postal_code},
      {"Country", &contact.country},
  };
  for (const auto& [field, value] : fields) {
    FillIfMissing(absl::StrCat(prefix, " - ", field), *value, request);
  }
}

}  // namespace

void FillMissingFromPriorOrder(const client::OrderResponse& prior,
                               v1::EnrollRequest* request) {
  FillContact("Admin Contact", prior.admin_contact, request);
  FillContact("Technical Contact", prior.technical_contact, request);
  if (prior.validity > 0) {
    FillIfMissing("Validity Period (In Days)",
                  absl::StrCat(CanonicalValidityDays(prior.validity)), request);
  }
  if (prior.server_count > 0) {
    FillIfMissing("Server Count", absl::StrCat(prior.server_count), request);
  }
  FillIfMissing("Web Server Type", prior.web_server_type, request);
  FillIfMissing("Signature Hash Algorithm", prior.signature_hash_algorithm,
                request);
  FillIfMissing("Organization Name", prior.organization, request);
  FillIfMissing("Organization Address", prior.organization_address, request);
  FillIfMissing("Organization City", prior.locality, request);
  FillIfMissing("Organization State/Province", prior.state, request);
  FillIfMissing("Organization Postal Code", prior.organization_postal_code,
                request);
  FillIfMissing("Organization Country", prior.country, request);
  FillIfMissing("Organization Phone", prior.organization_phone, request);
  if (prior.tss_organization_id > 0) {
    FillIfMissing("Organization ID", absl::StrCat(prior.tss_organization_id),
                  request);
  }
  const bool dcv_chosen = request->dcv_method() != v1::DCV_METHOD_UNSPECIFIED ||
                          IsSet(*request, "CName Auth Domain Validation") ||
                          IsSet(*request, "File Auth Domain Validation");
  if (!dcv_chosen) {
    if (!prior.cname_auth_name.empty()) {
      request->set_dcv_method(v1::DCV_METHOD_CNAME);
    } else if (!prior.auth_file_name.empty()) {
      request->set_dcv_method(v1::DCV_METHOD_FILE);
    } else {
      FillIfMissing("Approver Email", prior.approver_email, request);
    }
  }
}

}  // namespace sslstore::service::enroll
