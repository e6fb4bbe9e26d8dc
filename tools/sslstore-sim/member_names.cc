#include "tools/sslstore-sim/member_names.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"

namespace sslstore_sim {
namespace {

// The members of one request object; a member with a nested object (or an
// array of objects) names its table.
struct ObjectSpec {
  std::map<std::string, const ObjectSpec*> members;
};

ObjectSpec Scalars(std::initializer_list<const char*> names) {
  ObjectSpec spec;
  for (const char* n : names) spec.members.emplace(n, nullptr);
  return spec;
}

// The AuthRequest members (reference §2.1).
constexpr std::initializer_list<const char*> kAuthMembers = {
    "PartnerCode", "AuthToken", "ReplayToken",          "UserAgent", "TokenID",
    "TokenCode",   "Token",     "IsUsedForTokenSystem", "IPAddress"};

// The shared "OrderRequest" shape of status, download, refundrequest,
// refundstatus and certificaterevokerequest (reference §4.3, §4.5, §4.7,
// §4.9).
constexpr std::initializer_list<const char*> kOrderRequestMembers = {
    "TheSSLStoreOrderID", "CustomOrderID",   "ResendEmailType", "ResendEmail",
    "RefundReason",       "RefundRequestID", "ApproverMethod",  "DomainNames",
    "SerialNumber",       "ReturnPKCS7Cert", "DateTimeCulture", "PlatFormId",
    "FormatType",         "RevokeReason"};

class Tables {
 public:
  Tables() {
    auth_ = Scalars(kAuthMembers);
    // Contact (§3.1).
    contact_ = Scalars({"FirstName", "LastName", "SubjectFirstName",
                        "SubjectLastName", "Phone", "Fax", "Email", "Title",
                        "OrganizationName", "AddressLine1", "AddressLine2",
                        "City", "Region", "PostalCode", "Country"});
    // OrganizationAddress and OrganizationInfo (§3.2).
    address_ = Scalars({"AddressLine1", "AddressLine2", "AddressLine3", "City",
                        "Region", "PostalCode", "Country", "Phone", "Fax",
                        "LocalityName"});
    organization_ =
        Scalars({"OrganizationName", "DUNS", "Division", "IncorporatingAgency",
                 "RegistrationNumber", "JurisdictionCity", "JurisdictionRegion",
                 "JurisdictionCountry", "AssumedName"});
    organization_.members["OrganizationAddress"] = &address_;
    old_new_ = Scalars({"OldValue", "NewValue"});
    // /order/neworder (§4.1).
    ObjectSpec& neworder =
        Endpoint("order/neworder", {"CustomOrderID",
                                    "ProductCode",
                                    "ExtraProductCodes",
                                    "TSSOrganizationId",
                                    "ValidityPeriod",
                                    "ServerCount",
                                    "CSR",
                                    "DomainName",
                                    "WebServerType",
                                    "DNSNames",
                                    "isCUOrder",
                                    "AutoWWW",
                                    "isRenewalOrder",
                                    "SpecialInstructions",
                                    "RelatedTheSSLStoreOrderID",
                                    "isTrialOrder",
                                    "ApproverEmail",
                                    "ReserveSANCount",
                                    "WildcardReserveSANCount",
                                    "AddInstallationSupport",
                                    "EmailLanguageCode",
                                    "FileAuthDVIndicator",
                                    "HTTPSFileAuthDVIndicator",
                                    "CNAMEAuthDVIndicator",
                                    "SignatureHashAlgorithm",
                                    "CertTransparencyIndicator",
                                    "RenewalDays",
                                    "DateTimeCulture",
                                    "CSRUniqueValue",
                                    "isPKCS10",
                                    "ProvisioningMethod",
                                    "CSTokenDeliveryMethod",
                                    "CSTokenType",
                                    "SMimeAdditionalParams"});
    neworder.members["OrganizationInfo"] = &organization_;
    neworder.members["AdminContact"] = &contact_;
    neworder.members["TechnicalContact"] = &contact_;
    // /order/reissue (§4.2).
    ObjectSpec& reissue = Endpoint(
        "order/reissue",
        {"TheSSLStoreOrderID", "CustomOrderID", "CSR", "WebServerType",
         "DNSNames", "isRenewalOrder", "SpecialInstructions", "isWildCard",
         "ReissueEmail", "PreferEnrollmentLink", "SignatureHashAlgorithm",
         "FileAuthDVIndicator", "HTTPSFileAuthDVIndicator",
         "CNAMEAuthDVIndicator", "ApproverEmails", "CertTransparencyIndicator",
         "DateTimeCulture", "CSRUniqueValue"});
    for (const char* edit : {"EditSAN", "DeleteSAN", "AddSAN"}) {
      reissue.members[edit] = &old_new_;
    }
    for (const char* endpoint :
         {"order/status", "order/download", "order/refundrequest",
          "order/refundstatus", "order/certificaterevokerequest"}) {
      Endpoint(endpoint, kOrderRequestMembers);
    }
    // /order/query (§4.4).
    Endpoint("order/query",
             {"StartDate", "EndDate", "CertificateExpireFromDate",
              "CertificateExpireToDate", "DomainName", "SubUserID",
              "ProductCode", "DateTimeCulture", "PageNumber", "PageSize"});
    // /order/approverlist (§4.10).
    Endpoint("order/approverlist",
             {"ProductCode", "DomainName", "RelatedTheSSLStoreOrderID"});
    // /product/query (§5).
    Endpoint("product/query", {"ProductCode", "ProductType", "NeedSortedList",
                               "IsForceNewSKUs"});
    // Flat credentials (§2.2): the AuthRequest members at the top level, or
    // an AuthRequest object.
    Endpoint("digicert/organizationlist", kAuthMembers);
    Endpoint("health/validate", kAuthMembers);
  }

  const ObjectSpec* Find(absl::string_view endpoint) const {
    auto it = endpoints_.find(std::string(endpoint));
    return it == endpoints_.end() ? nullptr : &it->second;
  }

 private:
  // A request table: AuthRequest plus `names`.
  ObjectSpec& Endpoint(const char* endpoint,
                       std::initializer_list<const char*> names) {
    ObjectSpec& spec = endpoints_[endpoint];
    spec = Scalars(names);
    spec.members["AuthRequest"] = &auth_;
    return spec;
  }

  ObjectSpec auth_, contact_, address_, organization_, old_new_;
  std::map<std::string, ObjectSpec> endpoints_;
};

const Tables& GetTables() {
  static const Tables* tables = new Tables();
  return *tables;
}

void Filter(const ObjectSpec& spec, const std::string& prefix,
            rapidjson::Value& object, std::vector<std::string>& removed) {
  for (auto it = object.MemberBegin(); it != object.MemberEnd();) {
    std::string name =
        it->name.IsString()
            ? std::string(it->name.GetString(), it->name.GetStringLength())
            : std::string();
    auto known = spec.members.find(name);
    if (known == spec.members.end()) {
      removed.push_back(absl::StrCat(prefix, name));
      it = object.EraseMember(it);
      continue;
    }
    if (const ObjectSpec* child = known->second) {
      if (it->value.IsObject()) {
        Filter(*child, absl::StrCat(prefix, name, "."), it->value, removed);
      } else if (it->value.IsArray()) {
        for (auto& element : it->value.GetArray()) {
          if (element.IsObject()) {
            Filter(*child, absl::StrCat(prefix, name, "[]."), element, removed);
          }
        }
      }
    }
    ++it;
  }
}

}  // namespace

std::vector<std::string> RemoveInexactMembers(absl::string_view endpoint,
                                              rapidjson::Value& body) {
  std::vector<std::string> removed;
  const ObjectSpec* spec = GetTables().Find(endpoint);
  if (spec == nullptr || !body.IsObject()) return removed;
  Filter(*spec, "", body, removed);
  return removed;
}

}  // namespace sslstore_sim
