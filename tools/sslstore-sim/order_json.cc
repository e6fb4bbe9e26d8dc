#include "tools/sslstore-sim/order_json.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"

namespace sslstore_sim {
namespace {

absl::Time OrUnset(const std::optional<IssuedCertificate>& cert, bool start) {
  if (!cert) return absl::InfinitePast();
  return start ? cert->not_before : cert->not_after;
}

void WriteDatePair(JsonWriter& w, const char* name, absl::Time t,
                   DateCulture culture) {
  const std::string s = FormatWbapiDate(t, culture);
  WriteString(w, name, s);
  WriteString(w, std::string(name) + "InUTC", s);
}

void WriteFields(JsonWriter& w, const char* name, const StringFields& fields) {
  WriteKey(w, name);
  w.StartObject();
  for (const auto& [key, value] : fields) WriteString(w, key, value);
  w.EndObject();
}

std::string FieldOr(const StringFields& fields, const char* key) {
  for (const auto& [k, v] : fields) {
    if (k == key) return v;
  }
  return "";
}

}  // namespace

void WriteAuthMembers(JsonWriter& w, const AuthInfo& auth) {
  WriteBool(w, "isError", auth.is_error);
  WriteKey(w, "Message");
  w.StartArray();
  for (const std::string& m : auth.messages) w.String(m);
  w.EndArray();
  WriteString(w, "Timestamp", FormatWbapiDate(absl::Now(), auth.culture));
  if (auth.replay_token) {
    WriteString(w, "ReplayToken", *auth.replay_token);
  } else {
    WriteNull(w, "ReplayToken");
  }
  WriteString(w, "InvokingPartnerCode", auth.partner_code);
}

void WriteAuthResponse(JsonWriter& w, const AuthInfo& auth) {
  WriteKey(w, "AuthResponse");
  w.StartObject();
  WriteAuthMembers(w, auth);
  w.EndObject();
}

void WriteOrderMembers(JsonWriter& w, const Order& o, DateCulture culture) {
  WriteString(w, "PartnerOrderID", o.partner_order_id);
  WriteString(w, "CustomOrderID", o.custom_order_id);
  WriteString(w, "TheSSLStoreOrderID",
              o.id == 0 ? std::string() : std::to_string(o.id));
  WriteString(w, "VendorOrderID", o.vendor_order_id);
  WriteString(w, "RefundRequestID", o.refund_request_id);
  WriteBool(w, "isRefundApproved", o.refund_approved);
  WriteString(w, "TinyOrderLink", "");
  WriteKey(w, "OrderStatus");
  w.StartObject();
  WriteBool(w, "isTinyOrder", false);
  WriteBool(w, "isTinyOrderClaimed", false);
  WriteString(w, "MajorStatus", o.major_status);
  WriteString(w, "MinorStatus", o.minor_status);
  WriteKey(w, "AuthenticationStatuses");
  w.StartArray();
  w.EndArray();
  WriteString(w, "AuthenticationComments", "");
  WriteKey(w, "OrderNotes");
  w.StartArray();
  w.EndArray();
  WriteKey(w, "DomainAuthVettingStatus");
  w.StartArray();
  const bool validated = o.certificate.has_value() && !o.reissue_pending;
  for (const std::string& name : o.names) {
    w.StartObject();
    WriteString(w, "domain", name);
    WriteString(w, "dcvMethod", DcvMethodName(o.dcv));
    WriteString(w, "dcvStatus", validated ? "Validated" : "Pending");
    if (o.dcv == DcvMethod::kHttp || o.dcv == DcvMethod::kHttps) {
      WriteString(w, "FileName", o.auth_file_name);
      WriteString(w, "FileContents", o.auth_file_content);
    } else {
      WriteNull(w, "FileName");
      WriteNull(w, "FileContents");
    }
    if (o.dcv == DcvMethod::kCname) {
      // cname_auth_name is "_<md5>.<common name>".
      WriteString(
          w, "DNSName",
          absl::StrCat("_", o.cname_auth_name.substr(1, 32), ".", name));
      WriteString(w, "DNSEntry", o.cname_auth_value);
    } else {
      WriteNull(w, "DNSName");
      WriteNull(w, "DNSEntry");
    }
    WriteString(w, "PollStatus", "");
    WriteString(w, "LastPollDate",
                absl::FormatTime("%Y-%m-%dT%H:%M:%S", o.purchase_date,
                                 absl::UTCTimeZone()));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();  // OrderStatus
  WriteString(w, "OrderAmount",
              absl::StrFormat("%.2f", 8.25 * o.validity_months / 12.0));
  WriteDatePair(w, "PurchaseDate", o.purchase_date, culture);
  WriteDatePair(w, "CertificateStartDate", OrUnset(o.certificate, true),
                culture);
  WriteDatePair(w, "CertificateEndDate", OrUnset(o.certificate, false),
                culture);
  WriteDatePair(w, "OrderExpiryDate", o.order_expiry, culture);
  WriteString(w, "CommonName", o.common_name);
  std::vector<std::string> extra;
  for (size_t i = 1; i < o.names.size(); ++i) extra.push_back(o.names[i]);
  WriteString(w, "DNSNames", absl::StrJoin(extra, ","));
  int wildcards = 0;
  for (const std::string& n : extra) wildcards += n.rfind("*.", 0) == 0;
  WriteInt(w, "SANCount", static_cast<int64_t>(extra.size()));
  WriteInt(w, "wildcardSANCount", wildcards);
  WriteInt(w, "ServerCount", o.server_count);
  WriteInt(w, "Validity", o.validity_months);
  WriteString(w, "Organization",
              FieldOr(o.organization_info, "OrganizationName"));
  WriteString(w, "OrganizationalUnit",
              FieldOr(o.organization_info, "Division"));
  WriteString(w, "WebServerType", o.web_server_type);
  WriteString(w, "ApproverEmail", o.approver_email);
  WriteString(w, "ProductName", o.product_name);
  WriteString(w, "ProductCode", o.product_code);
  WriteFields(w, "AdminContact", o.admin_contact);
  WriteFields(w, "TechnicalContact", o.technical_contact);
  WriteString(w, "ReissueSuccessCode", "");
  WriteString(w, "AuthFileName", o.auth_file_name);
  WriteString(w, "AuthFileContent", o.auth_file_content);
  WriteString(w, "CNAMEAuthName", o.cname_auth_name);
  WriteString(w, "CNAMEAuthValue", o.cname_auth_value);
  WriteString(w, "SignatureEncryptionAlgorithm", "");
  WriteString(w, "SignatureHashAlgorithm", o.signature_hash_algorithm);
  WriteString(w, "VendorName", o.vendor_name);
  WriteString(w, "SubVendorName", "");
  WriteString(w, "SerialNumber",
              o.certificate ? o.certificate->serial_hex : std::string());
  WriteInt(w, "TSSOrganizationId", o.tss_organization_id);
  WriteBool(w, "isRenewalOrder", o.is_renewal);
  WriteString(w, "RelatedTheSSLStoreOrderID",
              o.related_order_id == 0 ? std::string()
                                      : std::to_string(o.related_order_id));
  WriteString(w, "Token", "");
  WriteString(w, "TokenID", "");
  WriteString(w, "TokenCode", "");
}

void WriteNullOrderMembers(JsonWriter& w) {
  WriteNull(w, "TheSSLStoreOrderID");
  WriteNull(w, "PartnerOrderID");
  WriteNull(w, "OrderStatus");
}

void WriteCertificateEntry(JsonWriter& w, const std::string& file_name,
                           const std::string& pem) {
  w.StartObject();
  WriteString(w, "FileName", file_name);
  WriteString(w, "FileContent", pem);
  w.EndObject();
}

std::string LeafFileName(const std::string& common_name) {
  std::string out;
  for (char c : common_name) {
    if (c == '*') {
      out += "STAR";
    } else if (c == '.' || c == '-') {
      out += '_';
    } else {
      out += c;
    }
  }
  if (out.empty()) out = "certificate";
  return out + ".crt";
}

}  // namespace sslstore_sim
