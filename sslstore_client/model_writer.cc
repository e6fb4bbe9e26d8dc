#include "sslstore_client/model_writer.h"

#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "sslstore_client/api_date.h"

namespace sslstore::client {
namespace {

// A thin layer over rapidjson::Writer that omits empty optional values.
class JsonWriter {
 public:
  JsonWriter() : writer_(buffer_) { writer_.StartObject(); }

  // Always written.
  void Str(const char* name, const std::string& value) {
    writer_.Key(name);
    writer_.String(value.data(),
                   static_cast<rapidjson::SizeType>(value.size()));
  }
  // Written only when non-empty.
  void OptStr(const char* name, const std::string& value) {
    if (!value.empty()) Str(name, value);
  }
  void Bool(const char* name, bool value) {
    writer_.Key(name);
    writer_.Bool(value);
  }
  void OptBool(const char* name, const std::optional<bool>& value) {
    if (value.has_value()) Bool(name, *value);
  }
  void Int(const char* name, int64_t value) {
    writer_.Key(name);
    writer_.Int64(value);
  }
  // Written only when non-zero.
  void OptInt(const char* name, int64_t value) {
    if (value != 0) Int(name, value);
  }
  void OptDate(const char* name, const std::optional<absl::Time>& value) {
    if (value.has_value()) Str(name, FormatDotNetDate(*value));
  }
  void StrArray(const char* name, const std::vector<std::string>& values) {
    writer_.Key(name);
    writer_.StartArray();
    for (const std::string& v : values) {
      writer_.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    }
    writer_.EndArray();
  }
  void BeginObject(const char* name) {
    writer_.Key(name);
    writer_.StartObject();
  }
  void EndObject() { writer_.EndObject(); }
  void BeginArray(const char* name) {
    writer_.Key(name);
    writer_.StartArray();
  }
  void BeginElement() { writer_.StartObject(); }
  void EndArray() { writer_.EndArray(); }

  void Credentials(const client::Credentials& credentials) {
    Str("PartnerCode", credentials.partner_code);
    Str("AuthToken", credentials.auth_token);
    OptStr("UserAgent", credentials.user_agent);
  }
  void AuthRequest(const client::Credentials& credentials) {
    BeginObject("AuthRequest");
    Credentials(credentials);
    EndObject();
  }
  void Order(const OrderRef& order) {
    OptStr("TheSSLStoreOrderID", order.the_sslstore_order_id);
    OptStr("CustomOrderID", order.custom_order_id);
  }

  std::string Finish() {
    writer_.EndObject();
    return std::string(buffer_.GetString(), buffer_.GetSize());
  }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

void WriteContact(JsonWriter& w, const char* name, const Contact& c) {
  w.BeginObject(name);
  w.OptStr("FirstName", c.first_name);
  w.OptStr("LastName", c.last_name);
  w.OptStr("SubjectFirstName", c.subject_first_name);
  w.OptStr("SubjectLastName", c.subject_last_name);
  w.OptStr("Phone", c.phone);
  w.OptStr("Fax", c.fax);
  w.OptStr("Email", c.email);
  w.OptStr("Title", c.title);
  w.OptStr("OrganizationName", c.organization_name);
  w.OptStr("AddressLine1", c.address_line1);
  w.OptStr("AddressLine2", c.address_line2);
  w.OptStr("City", c.city);
  w.OptStr("Region", c.region);
  w.OptStr("PostalCode", c.postal_code);
  w.OptStr("Country", c.country);
  w.EndObject();
}

void WriteOrganizationInfo(JsonWriter& w, const OrganizationInfo& o) {
  w.BeginObject("OrganizationInfo");
  w.OptStr("OrganizationName", o.organization_name);
  w.OptStr("DUNS", o.duns);
  w.OptStr("Division", o.division);
  w.OptStr("IncorporatingAgency", o.incorporating_agency);
  w.OptStr("RegistrationNumber", o.registration_number);
  w.OptStr("JurisdictionCity", o.jurisdiction_city);
  w.OptStr("JurisdictionRegion", o.jurisdiction_region);
  w.OptStr("JurisdictionCountry", o.jurisdiction_country);
  w.OptStr("AssumedName", o.assumed_name);
  const OrganizationAddress& a = o.organization_address;
  w.BeginObject("OrganizationAddress");
  w.OptStr("AddressLine1", a.address_line1);
  w.OptStr("AddressLine2", a.address_line2);
  w.OptStr("AddressLine3", a.address_line3);
  w.OptStr("City", a.city);
  w.OptStr("Region", a.region);
  w.OptStr("PostalCode", a.postal_code);
  w.OptStr("Country", a.country);
  w.OptStr("Phone", a.phone);
  w.OptStr("Fax", a.fax);
  w.OptStr("LocalityName", a.locality_name);
  w.EndObject();
  w.EndObject();
}

// Writes a list of SAN edits; an empty list is left out (an empty list is
// not "no change" to every server).
void WriteSanEdits(JsonWriter& w, const char* name,
                   const std::vector<OldNewPair>& edits) {
  if (edits.empty()) return;
  w.BeginArray(name);
  for (const OldNewPair& edit : edits) {
    w.BeginElement();
    w.Str("OldValue", edit.old_value);
    w.Str("NewValue", edit.new_value);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

std::string WriteNewOrderRequest(const Credentials& credentials,
                                 const NewOrderRequest& r) {
  JsonWriter w;
  w.AuthRequest(credentials);
  w.OptStr("CustomOrderID", r.custom_order_id);
  w.Str("ProductCode", r.product_code);
  w.OptStr("ExtraProductCodes", r.extra_product_codes);
  if (r.organization_info.has_value()) {
    WriteOrganizationInfo(w, *r.organization_info);
  }
  w.OptInt("TSSOrganizationId", r.tss_organization_id);
  w.Int("ValidityPeriod", r.validity_period);
  w.Int("ServerCount", r.server_count);
  w.Str("CSR", r.csr);
  w.OptStr("DomainName", r.domain_name);
  w.Str("WebServerType", r.web_server_type);
  w.StrArray("DNSNames", r.dns_names);
  w.Bool("isCUOrder", r.is_cu_order);
  w.OptBool("AutoWWW", r.auto_www);
  w.Bool("isRenewalOrder", r.is_renewal_order);
  w.OptStr("SpecialInstructions", r.special_instructions);
  w.OptStr("RelatedTheSSLStoreOrderID", r.related_the_sslstore_order_id);
  w.Bool("isTrialOrder", r.is_trial_order);
  if (r.admin_contact.has_value()) {
    WriteContact(w, "AdminContact", *r.admin_contact);
  }
  if (r.technical_contact.has_value()) {
    WriteContact(w, "TechnicalContact", *r.technical_contact);
  }
  w.OptStr("ApproverEmail", r.approver_email);
  w.OptInt("ReserveSANCount", r.reserve_san_count);
  w.OptInt("WildcardReserveSANCount", r.wildcard_reserve_san_count);
  w.Bool("AddInstallationSupport", r.add_installation_support);
  w.OptStr("EmailLanguageCode", r.email_language_code);
  w.Bool("FileAuthDVIndicator", r.file_auth_dv_indicator);
  w.Bool("HTTPSFileAuthDVIndicator", r.https_file_auth_dv_indicator);
  w.Bool("CNAMEAuthDVIndicator", r.cname_auth_dv_indicator);
  w.OptStr("SignatureHashAlgorithm", r.signature_hash_algorithm);
  w.OptBool("CertTransparencyIndicator", r.cert_transparency_indicator);
  w.OptStr("DateTimeCulture", r.date_time_culture);
  w.OptStr("CSRUniqueValue", r.csr_unique_value);
  return w.Finish();
}

std::string WriteReissueRequest(const Credentials& credentials,
                                const ReissueRequest& r) {
  JsonWriter w;
  w.AuthRequest(credentials);
  w.Str("TheSSLStoreOrderID", r.the_sslstore_order_id);
  w.OptStr("CustomOrderID", r.custom_order_id);
  w.Str("CSR", r.csr);
  w.Str("WebServerType", r.web_server_type);
  if (!r.dns_names.empty()) w.StrArray("DNSNames", r.dns_names);
  w.Bool("isRenewalOrder", r.is_renewal_order);
  w.OptStr("SpecialInstructions", r.special_instructions);
  WriteSanEdits(w, "EditSAN", r.edit_san);
  WriteSanEdits(w, "DeleteSAN", r.delete_san);
  WriteSanEdits(w, "AddSAN", r.add_san);
  w.Bool("isWildCard", r.is_wild_card);
  w.OptStr("ReissueEmail", r.reissue_email);
  w.Bool("PreferEnrollmentLink", r.prefer_enrollment_link);
  w.OptStr("SignatureHashAlgorithm", r.signature_hash_algorithm);
  w.Bool("FileAuthDVIndicator", r.file_auth_dv_indicator);
  w.Bool("HTTPSFileAuthDVIndicator", r.https_file_auth_dv_indicator);
  w.Bool("CNAMEAuthDVIndicator", r.cname_auth_dv_indicator);
  w.OptStr("ApproverEmails", r.approver_emails);
  w.OptBool("CertTransparencyIndicator", r.cert_transparency_indicator);
  w.OptStr("DateTimeCulture", r.date_time_culture);
  w.OptStr("CSRUniqueValue", r.csr_unique_value);
  return w.Finish();
}

std::string WriteOrderRefRequest(const Credentials& credentials,
                                 const OrderRef& order) {
  JsonWriter w;
  w.AuthRequest(credentials);
  w.Order(order);
  return w.Finish();
}

std::string WriteQueryRequest(const Credentials& credentials,
                              const QueryRequest& r) {
  JsonWriter w;
  w.AuthRequest(credentials);
  w.OptDate("StartDate", r.start_date);
  w.OptDate("EndDate", r.end_date);
  w.OptDate("CertificateExpireFromDate", r.certificate_expire_from_date);
  w.OptDate("CertificateExpireToDate", r.certificate_expire_to_date);
  w.OptStr("DomainName", r.domain_name);
  w.OptStr("SubUserID", r.sub_user_id);
  w.OptStr("ProductCode", r.product_code);
  w.OptStr("DateTimeCulture", r.date_time_culture);
  w.OptInt("PageNumber", r.page_number);
  w.OptInt("PageSize", r.page_size);
  return w.Finish();
}

std::string WriteRefundRequest(const Credentials& credentials,
                               const RefundRequest& r) {
  JsonWriter w;
  w.AuthRequest(credentials);
  w.Order(r.order);
  w.OptStr("RefundReason", r.refund_reason);
  w.OptStr("RefundRequestID", r.refund_request_id);
  w.OptStr("SerialNumber", r.serial_number);
  return w.Finish();
}

std::string WriteCertificateRevokeRequest(const Credentials& credentials,
                                          const CertificateRevokeRequest& r) {
  JsonWriter w;
  w.AuthRequest(credentials);
  w.Order(r.order);
  w.OptStr("SerialNumber", r.serial_number);
  w.OptStr("RevokeReason", r.revoke_reason);
  w.OptStr("ResendEmail", r.resend_email);
  return w.Finish();
}

std::string WriteApproverListRequest(const Credentials& credentials,
                                     const ApproverListRequest& r) {
  JsonWriter w;
  w.AuthRequest(credentials);
  w.Str("ProductCode", r.product_code);
  w.Str("DomainName", r.domain_name);
  w.OptStr("RelatedTheSSLStoreOrderID", r.related_the_sslstore_order_id);
  return w.Finish();
}

std::string WriteProductQueryRequest(const Credentials& credentials,
                                     const ProductQueryRequest& r) {
  JsonWriter w;
  w.AuthRequest(credentials);
  w.OptStr("ProductCode", r.product_code);
  w.OptInt("ProductType", r.product_type);
  w.OptBool("NeedSortedList", r.need_sorted_list);
  w.OptBool("IsForceNewSKUs", r.is_force_new_skus);
  return w.Finish();
}

std::string WriteFlatAuthRequest(const Credentials& credentials) {
  JsonWriter w;
  w.Credentials(credentials);
  return w.Finish();
}

}  // namespace sslstore::client
