// /order/neworder and /order/reissue: request validation like the real
// service (every problem reported, nothing stored on error).
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "service/x509/domain_names.h"
#include "tools/sslstore-sim/csr_parser.h"
#include "tools/sslstore-sim/wbapi_errors.h"
#include "tools/sslstore-sim/wbapi_service.h"

namespace sslstore_sim {
namespace {

constexpr const char* kWebServerTypes[] = {"aol",
                                           "apachessl",
                                           "apacheraven",
                                           "apachessleay",
                                           "iis",
                                           "iis4",
                                           "iis5",
                                           "c2net",
                                           "Ibmhttp",
                                           "Ibminternet",
                                           "Iplanet",
                                           "Dominogo4625",
                                           "Dominogo4626",
                                           "Domino",
                                           "Netscape",
                                           "NetscapeFastTrack",
                                           "zeusv3",
                                           "Other",
                                           "apacheopenssl",
                                           "apache2",
                                           "apacheapachessl",
                                           "cobaltseries",
                                           "covalentserver",
                                           "cpanel",
                                           "ensim",
                                           "hsphere",
                                           "ipswitch",
                                           "plesk",
                                           "tomcat",
                                           "WebLogic",
                                           "website",
                                           "webstar",
                                           "sapwebserver",
                                           "webten",
                                           "redhat",
                                           "reven",
                                           "r3ssl",
                                           "quid",
                                           "oracle",
                                           "javawebserver",
                                           "cisco3000",
                                           "citrix"};

bool IsWebServerType(absl::string_view v) {
  for (const char* t : kWebServerTypes) {
    if (absl::EqualsIgnoreCase(t, v)) return true;
  }
  return false;
}

bool IsSslProduct(const SimProduct& p) {
  return p.validation_type == "DV" || p.validation_type == "OV" ||
         p.validation_type == "EV";
}

// Collects validation problems as WBAPI messages.
class Problems {
 public:
  void Add(int code, absl::string_view text) {
    messages_.push_back(WbapiMessage(code, text));
  }
  void Missing(absl::string_view field) {
    Add(kErrMissingField, absl::StrCat(field, " is required"));
  }
  bool empty() const { return messages_.empty(); }
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  std::vector<std::string> messages_;
};

// Adds `name` to `names` unless already present (case-insensitive).
// The request's WebServerType; records a problem when it is missing or not a
// known type.
std::string ReadWebServerType(const rapidjson::Value& body,
                              Problems& problems) {
  std::string web = GetString(body, "WebServerType").value_or("");
  if (web.empty()) {
    problems.Missing("WebServerType");
  } else if (!IsWebServerType(web)) {
    problems.Add(kErrInvalidValue, absl::StrCat("Invalid WebServerType ", web));
  }
  return web;
}

// The request's CSR, or nullopt with a problem recorded.
std::optional<ParsedCsr> ReadCsr(const rapidjson::Value& body,
                                 Problems& problems) {
  std::string csr_text = GetString(body, "CSR").value_or("");
  if (csr_text.empty()) {
    problems.Missing("CSR");
    return std::nullopt;
  }
  absl::StatusOr<ParsedCsr> parsed = ParseCsr(csr_text);
  if (!parsed.ok()) {
    problems.Add(kErrInvalidCsr,
                 absl::StrCat("Invalid CSR: ", parsed.status().message()));
    return std::nullopt;
  }
  return *std::move(parsed);
}

void AddName(std::vector<std::string>& names, absl::string_view name) {
  std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(name));
  if (lower.empty()) return;
  for (const std::string& n : names) {
    if (n == lower) return;
  }
  names.push_back(std::move(lower));
}

// Checks the names against the product's wildcard and multi-domain rules.
void CheckNames(const SimProduct& product,
                const std::vector<std::string>& names, Problems& problems) {
  if (!IsSslProduct(product) || names.empty()) return;
  for (const std::string& n : names) {
    if (!sslstore::service::x509::IsValidDnsName(n, /*allow_wildcard=*/true)) {
      problems.Add(kErrInvalidValue,
                   absl::StrCat("Invalid domain name '", n, "'"));
    } else if (absl::StartsWith(n, "*.") && !product.wildcard) {
      problems.Add(kErrInvalidValue,
                   absl::StrCat("Wildcard name '", n, "' is not allowed for ",
                                product.code));
    }
  }
  const std::string& cn = names.front();
  if (!product.multi_domain) {
    for (size_t i = 1; i < names.size(); ++i) {
      const std::string& n = names[i];
      const bool www_pair = n == "www." + cn || cn == "www." + n ||
                            (absl::StartsWith(cn, "*.") && n == cn.substr(2));
      if (!www_pair) {
        problems.Add(kErrInvalidValue,
                     absl::StrCat(product.code,
                                  " is a single-domain product; additional "
                                  "name '",
                                  n, "' is not allowed"));
      }
    }
  } else if (product.max_sans > 0 &&
             static_cast<int>(names.size()) > product.max_sans) {
    problems.Add(kErrInvalidValue,
                 absl::StrCat(names.size(), " names exceed the maximum of ",
                              product.max_sans, " for ", product.code));
  }
}

// Email DCV: DigiCert takes exactly one approver from the common name's
// list; Sectigo needs, for each name, one supplied approver in its list.
void CheckApprovers(const SimProduct& product,
                    const std::vector<std::string>& names,
                    const std::string& approver_field, Problems& problems) {
  std::vector<std::string> emails;
  for (absl::string_view e : absl::StrSplit(approver_field, ',')) {
    e = absl::StripAsciiWhitespace(e);
    if (!e.empty()) emails.push_back(absl::AsciiStrToLower(e));
  }
  if (emails.empty()) {
    problems.Missing("ApproverEmail");
    return;
  }
  if (names.empty() || !IsSslProduct(product)) return;
  auto in_list = [&product](const std::string& domain,
                            const std::string& email) {
    for (const std::string& a : ApproverEmails(product, domain)) {
      if (a == email) return true;
    }
    return false;
  };
  if (IsDigiCert(product)) {
    if (emails.size() != 1) {
      problems.Add(
          kErrApproverEmail,
          "Exactly one ApproverEmail is allowed for DigiCert products");
    } else if (!in_list(names.front(), emails.front())) {
      problems.Add(
          kErrApproverEmail,
          absl::StrCat("Approver email '", emails.front(),
                       "' is not in the approver list of ", names.front()));
    }
    return;
  }
  for (const std::string& name : names) {
    bool ok = false;
    for (const std::string& e : emails) ok = ok || in_list(name, e);
    if (!ok) {
      problems.Add(kErrApproverEmail,
                   absl::StrCat("No approver email for ", name,
                                " is in its approver list"));
    }
  }
}

StringFields StringMembers(const rapidjson::Value* object) {
  StringFields out;
  if (object == nullptr || !object->IsObject()) return out;
  for (auto it = object->MemberBegin(); it != object->MemberEnd(); ++it) {
    if (it->name.IsString() && it->value.IsString()) {
      out.emplace_back(it->name.GetString(), it->value.GetString());
    }
  }
  return out;
}

std::string Field(const StringFields& fields, absl::string_view key) {
  for (const auto& [k, v] : fields) {
    if (absl::EqualsIgnoreCase(k, key)) return v;
  }
  return "";
}

bool HasRef(const rapidjson::Value& body) {
  std::optional<std::string> id = GetString(body, "TheSSLStoreOrderID");
  std::optional<std::string> custom = GetString(body, "CustomOrderID");
  return (id && !id->empty()) || (custom && !custom->empty());
}

// Under Realism::reissue_refuses_existing_names: an empty SAN edit list, or
// an AddSAN/DNSNames entry naming a name the order already has, is refused.
void CheckStrictReissueNames(const rapidjson::Value& body, const Order& order,
                             Problems& problems) {
  for (const char* member : {"EditSAN", "AddSAN", "DeleteSAN"}) {
    const rapidjson::Value* list = FindMember(body, member);
    if (list != nullptr && list->IsArray() && list->Empty()) {
      problems.Add(kErrInvalidValue,
                   absl::StrCat(member, " must not be an empty list"));
    }
  }
  std::vector<std::string> added = GetStringList(body, "DNSNames");
  if (const rapidjson::Value* add = FindMember(body, "AddSAN");
      add != nullptr && add->IsArray()) {
    for (const auto& e : add->GetArray()) {
      added.push_back(GetString(e, "NewValue").value_or(""));
    }
  }
  std::set<std::string> reported;
  for (const std::string& raw : added) {
    const std::string name =
        absl::AsciiStrToLower(absl::StripAsciiWhitespace(raw));
    const bool on_order = absl::EqualsIgnoreCase(name, order.common_name) ||
                          std::find(order.names.begin(), order.names.end(),
                                    name) != order.names.end();
    if (on_order && reported.insert(name).second) {
      problems.Add(kErrInvalidValue,
                   absl::StrCat("Name '", name, "' is already on the order"));
    }
  }
}

bool IsCountryCode(absl::string_view c) {
  return c.size() == 2 &&
         absl::ascii_isalpha(static_cast<unsigned char>(c[0])) &&
         absl::ascii_isalpha(static_cast<unsigned char>(c[1]));
}

}  // namespace

HttpResponse WbapiService::NewOrder(Call& call) {
  const rapidjson::Value& body = *call.body;
  Problems problems;
  NewOrderInput in;
  // Product.
  const SimProduct* product = nullptr;
  std::string code = GetString(body, "ProductCode").value_or("");
  if (code.empty()) {
    problems.Missing("ProductCode");
  } else if ((product = products_->Find(code)) == nullptr) {
    problems.Add(kErrInvalidProduct,
                 absl::StrCat("Invalid ProductCode ", code));
  }
  // Validity.
  std::optional<int64_t> validity = GetInt(body, "ValidityPeriod");
  if (FindMember(body, "ValidityPeriod") == nullptr) {
    problems.Missing("ValidityPeriod");
  } else if (!validity) {
    problems.Add(kErrInvalidValidity,
                 "ValidityPeriod must be a number of months");
  } else if (product != nullptr &&
             std::find(product->validity_months.begin(),
                       product->validity_months.end(),
                       *validity) == product->validity_months.end()) {
    std::vector<std::string> allowed;
    for (int m : product->validity_months) allowed.push_back(std::to_string(m));
    problems.Add(kErrInvalidValidity,
                 absl::StrCat("Invalid ValidityPeriod ", *validity, " for ",
                              product->code,
                              "; allowed: ", absl::StrJoin(allowed, ", ")));
  }
  // ServerCount (optional, default 1).
  if (FindMember(body, "ServerCount") != nullptr) {
    std::optional<int64_t> servers = GetInt(body, "ServerCount");
    if (!servers || *servers < -1 || *servers == 0 || *servers > 1000) {
      problems.Add(kErrInvalidValue, "Invalid ServerCount");
    } else {
      in.server_count = static_cast<int>(*servers);
    }
  }
  const std::string web = ReadWebServerType(body, problems);
  // CSR and names.
  std::optional<ParsedCsr> csr = ReadCsr(body, problems);
  std::vector<std::string> names;
  if (csr) {
    std::string cn = GetString(body, "DomainName").value_or("");
    if (cn.empty()) cn = csr->common_name;
    if (cn.empty()) {
      problems.Add(kErrMissingField,
                   "DomainName is required (the CSR has no common name)");
    } else {
      AddName(names, cn);
      for (const std::string& n : GetStringList(body, "DNSNames")) {
        AddName(names, n);
      }
      for (const std::string& n : csr->dns_names) AddName(names, n);
      if (product != nullptr) CheckNames(*product, names, problems);
    }
  }
  // DCV.
  const bool file = GetBool(body, "FileAuthDVIndicator").value_or(false);
  const bool https = GetBool(body, "HTTPSFileAuthDVIndicator").value_or(false);
  const bool cname = GetBool(body, "CNAMEAuthDVIndicator").value_or(false);
  in.dcv = cname   ? DcvMethod::kCname
           : https ? DcvMethod::kHttps
           : file  ? DcvMethod::kHttp
                   : DcvMethod::kEmail;
  in.approver_email = GetString(body, "ApproverEmail").value_or("");
  if (in.dcv == DcvMethod::kEmail && product != nullptr &&
      IsSslProduct(*product)) {
    CheckApprovers(*product, names, in.approver_email, problems);
  }
  // Organization and contacts for OV/EV.
  in.admin_contact = StringMembers(FindMember(body, "AdminContact"));
  in.technical_contact = StringMembers(FindMember(body, "TechnicalContact"));
  const rapidjson::Value* org = FindMember(body, "OrganizationInfo");
  in.organization_info = StringMembers(org);
  if (org != nullptr) {
    StringFields address =
        StringMembers(FindMember(*org, "OrganizationAddress"));
    for (auto& kv : address) in.organization_info.push_back(kv);
    std::string country = Field(address, "Country");
    if (!country.empty() && !IsCountryCode(country)) {
      problems.Add(kErrVendor,
                   "Vendor returns error:the value of the 'apprepcountryname' "
                   "argument is invalid!");
    }
  }
  in.tss_organization_id = GetInt(body, "TSSOrganizationId").value_or(0);
  if (in.tss_organization_id != 0) {
    bool found = false;
    for (const SimOrganization& o : Organizations()) {
      found = found || (o.tss_organization_id == in.tss_organization_id &&
                        o.status == "active");
    }
    if (!found) {
      problems.Add(kErrInvalidValue,
                   absl::StrCat("TSSOrganizationId ", in.tss_organization_id,
                                " is not an active organization"));
    }
  }
  if (product != nullptr &&
      (product->validation_type == "OV" || product->validation_type == "EV") &&
      in.tss_organization_id == 0) {
    if (Field(in.organization_info, "OrganizationName").empty()) {
      problems.Missing("OrganizationInfo.OrganizationName");
    }
    if (Field(in.admin_contact, "Email").empty()) {
      problems.Missing("AdminContact.Email");
    }
  }
  // Renewal link.
  in.is_renewal = GetBool(body, "isRenewalOrder").value_or(false);
  std::string related =
      GetString(body, "RelatedTheSSLStoreOrderID").value_or("");
  if (!related.empty() && related != "0") {
    std::optional<int64_t> id = GetInt(body, "RelatedTheSSLStoreOrderID");
    if (!id) {
      problems.Add(kErrOrderNotFound, "RelatedTheSSLStoreOrderID not found");
    } else {
      in.related_order_id = *id;
    }
  }
  if (!problems.empty()) {
    AuthInfo auth = call.auth;
    auth.is_error = true;
    auth.messages = problems.messages();
    return ErrorEnvelope(call.endpoint, auth);
  }
  in.custom_order_id = GetString(body, "CustomOrderID").value_or("");
  in.product_code = product->code;
  in.product_name = product->name;
  in.vendor_name = WbapiVendorName(*product);
  in.validity_months = static_cast<int>(*validity);
  in.web_server_type = web;
  in.signature_hash_algorithm =
      GetString(body, "SignatureHashAlgorithm").value_or("");
  in.common_name = names.front();
  in.names = names;
  in.public_key_der = csr->public_key_der;
  in.csr_der = csr->der;
  return OrderReply(call, store_->Create(std::move(in)));
}

HttpResponse WbapiService::Reissue(Call& call) {
  const rapidjson::Value& body = *call.body;
  Problems problems;
  absl::StatusOr<Order> order =
      HasRef(body) ? store_->Get([&body] {
        OrderRef ref;
        ref.id = GetInt(body, "TheSSLStoreOrderID").value_or(0);
        if (ref.id == 0) {
          ref.custom_order_id = GetString(body, "CustomOrderID").value_or("");
        }
        return ref;
      }())
                   : absl::StatusOr<Order>(WbapiError(
                         absl::StatusCode::kInvalidArgument, kErrMissingField,
                         "TheSSLStoreOrderID is required"));
  if (!order.ok()) return OrderReply(call, order);
  // The state is checked before the request's contents.
  if (order->major_status != kStatusActive || order->reissue_pending) {
    return OrderReply(
        call,
        WbapiError(absl::StatusCode::kFailedPrecondition, kErrInvalidState,
                   order->reissue_pending
                       ? "A reissue is already pending for this order"
                       : absl::StrCat("Order is ", order->major_status,
                                      "; only Active orders can be "
                                      "reissued")));
  }
  ReadWebServerType(body, problems);
  if (call.realism.reissue_refuses_existing_names) {
    CheckStrictReissueNames(body, *order, problems);
  }
  std::optional<ParsedCsr> csr = ReadCsr(body, problems);
  std::vector<std::string> names;
  if (csr) {
    std::string cn =
        csr->common_name.empty() ? order->common_name : csr->common_name;
    AddName(names, cn);
    std::vector<std::string> requested = GetStringList(body, "DNSNames");
    if (!requested.empty()) {
      for (const std::string& n : requested) AddName(names, n);
    } else {
      // Start from the order's names, then apply the SAN edits.
      std::vector<std::string> current(order->names.begin(),
                                       order->names.end());
      auto pairs = [&body](const char* member) {
        std::vector<std::pair<std::string, std::string>> out;
        const rapidjson::Value* arr = FindMember(body, member);
        if (arr == nullptr || !arr->IsArray()) return out;
        for (const auto& e : arr->GetArray()) {
          out.emplace_back(
              absl::AsciiStrToLower(GetString(e, "OldValue").value_or("")),
              absl::AsciiStrToLower(GetString(e, "NewValue").value_or("")));
        }
        return out;
      };
      for (const auto& [old_value, unused] : pairs("DeleteSAN")) {
        current.erase(std::remove(current.begin(), current.end(), old_value),
                      current.end());
      }
      for (const auto& [old_value, new_value] : pairs("EditSAN")) {
        for (std::string& n : current) {
          if (n == old_value) n = new_value;
        }
      }
      for (const auto& [unused, new_value] : pairs("AddSAN")) {
        current.push_back(new_value);
      }
      for (const std::string& n : current) AddName(names, n);
    }
    for (const std::string& n : csr->dns_names) AddName(names, n);
    const SimProduct* product = products_->Find(order->product_code);
    if (product != nullptr) CheckNames(*product, names, problems);
  }
  if (csr && names.empty()) problems.Missing("CSR common name");
  if (!problems.empty()) {
    AuthInfo auth = call.auth;
    auth.is_error = true;
    auth.messages = problems.messages();
    return ErrorEnvelope(call.endpoint, auth);
  }
  ReissueInput in;
  in.common_name = names.front();
  in.names = names;
  in.public_key_der = csr->public_key_der;
  OrderRef ref;
  ref.id = order->id;
  return OrderReply(call, store_->Reissue(ref, std::move(in)));
}

}  // namespace sslstore_sim
