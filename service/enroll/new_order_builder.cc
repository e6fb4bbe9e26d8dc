#include "service/enroll/new_order_builder.h"

#include <cstdint>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "catalog/field_values.h"

namespace sslstore::service::enroll {
namespace {

namespace v1 = sslstore::connector::v1;

constexpr char kStateProvince[] = "Organization State/Province";
constexpr char kRegion[] = "Organization Region";

// The member of a Contact that `member` (WBAPI casing) names; null if none.
std::string* ContactMember(client::Contact& contact, absl::string_view member) {
  if (member == "FirstName") return &contact.first_name;
  if (member == "LastName") return &contact.last_name;
  if (member == "Phone") return &contact.phone;
  if (member == "Fax") return &contact.fax;
  if (member == "Email") return &contact.email;
  if (member == "Title") return &contact.title;
  if (member == "OrganizationName") return &contact.organization_name;
  if (member == "AddressLine1") return &contact.address_line1;
  if (member == "AddressLine2") return &contact.address_line2;
  if (member == "City") return &contact.city;
  if (member == "Region") return &contact.region;
  if (member == "PostalCode") return &contact.postal_code;
  if (member == "Country") return &contact.country;
  return nullptr;
}

std::string* AddressMember(client::OrganizationAddress& address,
                           absl::string_view member) {
  if (member == "AddressLine1") return &address.address_line1;
  if (member == "AddressLine2") return &address.address_line2;
  if (member == "AddressLine3") return &address.address_line3;
  if (member == "City") return &address.city;
  if (member == "Region") return &address.region;
  if (member == "PostalCode") return &address.postal_code;
  if (member == "Country") return &address.country;
  if (member == "Phone") return &address.phone;
  if (member == "Fax") return &address.fax;
  if (member == "LocalityName") return &address.locality_name;
  return nullptr;
}

std::string* OrganizationMember(client::OrganizationInfo& info,
                                absl::string_view member) {
  constexpr absl::string_view kAddress = "OrganizationAddress.";
  if (absl::StartsWith(member, kAddress)) {
    return AddressMember(info.organization_address,
                         member.substr(kAddress.size()));
  }
  if (member == "OrganizationName") return &info.organization_name;
  if (member == "DUNS") return &info.duns;
  if (member == "Division") return &info.division;
  if (member == "IncorporatingAgency") return &info.incorporating_agency;
  if (member == "RegistrationNumber") return &info.registration_number;
  if (member == "JurisdictionCity") return &info.jurisdiction_city;
  if (member == "JurisdictionRegion") return &info.jurisdiction_region;
  if (member == "JurisdictionCountry") return &info.jurisdiction_country;
  if (member == "AssumedName") return &info.assumed_name;
  return nullptr;
}

// Strips `prefix` and a following '.' from `target`; nullopt if absent.
std::optional<absl::string_view> Member(absl::string_view target,
                                        absl::string_view prefix) {
  if (target.size() <= prefix.size() + 1 || !absl::StartsWith(target, prefix) ||
      target[prefix.size()] != '.') {
    return std::nullopt;
  }
  return target.substr(prefix.size() + 1);
}

// Puts one normalised parameter into the body according to its field's
// wbapi_target. Targets decided by the plan itself (validity, approvers,
// DCV flags) are not routed here.
void Route(absl::string_view target, const std::string& value,
           client::NewOrderRequest* body) {
  const bool flag = catalog::ParseBooleanValue(value).value_or(false);
  if (target == "ServerCount") {
    int count = 0;
    if (absl::SimpleAtoi(value, &count) && count > 0)
      body->server_count = count;
  } else if (target == "WebServerType") {
    body->web_server_type = value;
  } else if (target == "SignatureHashAlgorithm") {
    body->signature_hash_algorithm = value;
  } else if (target == "isCUOrder") {
    body->is_cu_order = flag;
  } else if (target == "isTrialOrder") {
    body->is_trial_order = flag;
  } else if (target == "isRenewalOrder") {
    body->is_renewal_order = flag;
  } else if (target == "TSSOrganizationId") {
    absl::StatusOr<int64_t> id = catalog::ParseOrganizationId(value);
    if (id.ok()) body->tss_organization_id = *id;
  } else if (auto admin = Member(target, "AdminContact"); admin.has_value()) {
    if (!body->admin_contact.has_value()) body->admin_contact.emplace();
    if (std::string* out = ContactMember(*body->admin_contact, *admin)) {
      *out = value;
    }
  } else if (auto tech = Member(target, "TechnicalContact"); tech.has_value()) {
    if (!body->technical_contact.has_value()) body->technical_contact.emplace();
    if (std::string* out = ContactMember(*body->technical_contact, *tech)) {
      *out = value;
    }
  } else if (auto org = Member(target, "OrganizationInfo"); org.has_value()) {
    if (!body->organization_info.has_value()) body->organization_info.emplace();
    if (std::string* out = OrganizationMember(*body->organization_info, *org)) {
      *out = value;
    }
  }
}

}  // namespace

client::NewOrderRequest BuildNewOrder(const EnrollPlan& plan,
                                      const std::string& custom_order_id) {
  client::NewOrderRequest body;
  body.custom_order_id = custom_order_id;
  body.csr = plan.csr.pem;
  body.domain_name = plan.common_name;
  for (const std::string& name : plan.dns_names) {
    if (name != plan.common_name) body.dns_names.push_back(name);
  }
  // IP addresses (only for products that accept them) reach SSL Store in
  // the CSR; DNSNames carries DNS names only.
  if (plan.validity_months > 0) body.validity_period = plan.validity_months;
  body.file_auth_dv_indicator = plan.dcv_method == v1::DCV_METHOD_FILE;
  body.cname_auth_dv_indicator = plan.dcv_method == v1::DCV_METHOD_CNAME;
  if (plan.dcv_method == v1::DCV_METHOD_EMAIL) {
    body.approver_email = absl::StrJoin(plan.approver_emails, ",");
  }
  if (plan.product == nullptr) return body;
  body.product_code = plan.product->api_code;

  const bool has_state = plan.parameters.count(kStateProvince) > 0;
  for (const catalog::FieldRequirement& requirement : plan.product->fields) {
    if (requirement.field == nullptr) continue;
    const catalog::FieldSpec& field = *requirement.field;
    const absl::string_view target = field.wbapi_target;
    if (target.empty() || target == "ValidityPeriod" ||
        target == "ApproverEmail" || target == "FileAuthDVIndicator" ||
        target == "CNAMEAuthDVIndicator") {
      continue;
    }
    if (field.name == kRegion && has_state) continue;
    auto value = plan.parameters.find(field.name);
    if (value == plan.parameters.end() || value->second.empty()) continue;
    Route(target, value->second, &body);
  }
  return body;
}

}  // namespace sslstore::service::enroll
