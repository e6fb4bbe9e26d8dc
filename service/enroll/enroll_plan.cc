#include "service/enroll/enroll_plan.h"

#include <cstdint>
#include <optional>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "catalog/field_values.h"
#include "catalog/parameter_lookup.h"
#include "catalog/validity.h"
#include "service/enroll/request_checks.h"
#include "service/server/grpc_status.h"
#include "service/x509/distinguished_name.h"
#include "service/x509/name_policy.h"
#include "service/x509/san_collection.h"

namespace sslstore::service::enroll {
namespace {

namespace v1 = sslstore::connector::v1;

constexpr char kApproverEmail[] = "Approver Email";
constexpr char kValidityDays[] = "Validity Period (In Days)";
constexpr char kCnameFlag[] = "CName Auth Domain Validation";
constexpr char kFileFlag[] = "File Auth Domain Validation";

using Violations = std::vector<catalog::FieldViolation>;

std::string ParameterField(absl::string_view name) {
  return absl::StrCat("parameters[", name, "]");
}

void AddProblems(const std::vector<x509::Problem>& problems,
                 Violations* violations) {
  for (const x509::Problem& problem : problems) {
    violations->push_back({problem.field, problem.description});
  }
}

// Products whose certificates name domains: only they go through domain
// control validation and the DNS name rules.
bool ValidatesDomains(const catalog::Product& product) {
  const std::string& type = product.validation_type;
  return absl::EqualsIgnoreCase(type, "DV") ||
         absl::EqualsIgnoreCase(type, "OV") ||
         absl::EqualsIgnoreCase(type, "EV");
}

// Sets boolean parameter `name` to `value`, replacing any spelling of it.
void OverrideFlag(const catalog::Product& product, absl::string_view name,
                  bool value, std::map<std::string, std::string>* parameters) {
  if (catalog::FindFieldRequirement(product, name) == nullptr) return;
  for (auto it = parameters->begin(); it != parameters->end();) {
    it = absl::EqualsIgnoreCase(it->first, name) ? parameters->erase(it)
                                                 : std::next(it);
  }
  (*parameters)[std::string(name)] = value ? "true" : "false";
}

bool FlagIsTrue(const std::map<std::string, std::string>& parameters,
                absl::string_view name) {
  std::optional<std::string> value = catalog::LookupParameter(parameters, name);
  if (!value.has_value()) return false;
  return catalog::ParseBooleanValue(*value).value_or(false);
}

// The request's SANs in the x509 module's shape.
x509::SanMap RequestSans(const v1::EnrollRequest& request) {
  x509::SanMap sans;
  for (const auto& [key, list] : request.sans()) {
    sans[key].assign(list.values().begin(), list.values().end());
  }
  return sans;
}

// The CN of a product without domain names: the CSR's, else the request
// subject's; "" when neither has one.
std::string PlainCommonName(const x509::CsrInfo* csr,
                            absl::string_view request_subject) {
  if (csr != nullptr && !csr->common_name.empty()) return csr->common_name;
  absl::StatusOr<std::vector<x509::DnAttribute>> subject =
      x509::ParseDistinguishedName(request_subject);
  if (!subject.ok()) return "";
  return x509::FindAttribute(*subject, "CN").value_or("");
}

// Everything PlanEnrollment works out, gathered step by step.
class Planner {
 public:
  Planner(const catalog::Catalog& catalog, const v1::EnrollRequest& request)
      : catalog_(catalog), request_(request) {}

  absl::StatusOr<EnrollPlan> Run() {
    ResolveProduct();
    CheckDcvMethodValue();
    CheckParameters();
    CheckCsrAndNames();
    if (plan_.product != nullptr && ValidatesDomains(*plan_.product)) {
      ChooseDcvMethod();
      CheckApproverEmails();
    }
    Append(CheckEnrollmentType(request_));
    Append(CheckWaitForIssuance(request_));
    if (!violations_.empty()) {
      return InvalidArgumentStatus("invalid enrollment request", violations_);
    }
    return std::move(plan_);
  }

 private:
  void Append(Violations more) {
    for (catalog::FieldViolation& v : more) violations_.push_back(std::move(v));
  }

  void ResolveProduct() {
    const std::string& code = request_.product_code();
    if (code.empty()) {
      violations_.push_back({"product_code", "product_code is required"});
      return;
    }
    plan_.product = catalog_.FindProduct(code);
    if (plan_.product == nullptr) {
      violations_.push_back(
          {"product_code",
           absl::StrCat("unknown product code ", catalog::QuoteValue(code),
                        "; ListProducts gives the codes")});
    }
  }

  void CheckDcvMethodValue() {
    const int method = request_.dcv_method();
    if (!v1::DcvMethod_IsValid(method)) {
      violations_.push_back(
          {"dcv_method", absl::StrCat("dcv_method ", method,
                                      " is not one of EMAIL, CNAME, FILE")});
    }
  }

  // Catalog validation and normalisation of the parameters; an explicit
  // dcv_method replaces the CNAME/file flags first.
  void CheckParameters() {
    if (plan_.product == nullptr) return;
    const catalog::Product& product = *plan_.product;
    std::map<std::string, std::string> parameters(request_.parameters().begin(),
                                                  request_.parameters().end());
    const v1::DcvMethod method = request_.dcv_method();
    if (ValidatesDomains(product) &&
        (method == v1::DCV_METHOD_EMAIL || method == v1::DCV_METHOD_CNAME ||
         method == v1::DCV_METHOD_FILE)) {
      OverrideFlag(product, kCnameFlag, method == v1::DCV_METHOD_CNAME,
                   &parameters);
      OverrideFlag(product, kFileFlag, method == v1::DCV_METHOD_FILE,
                   &parameters);
    }
    for (catalog::FieldViolation& v :
         catalog_.ValidateParameters(product, parameters)) {
      bad_parameters_.insert(absl::AsciiStrToLower(v.field));
      violations_.push_back(
          {ParameterField(v.field), std::move(v.description)});
    }
    plan_.parameters = catalog_.NormalizedParameters(product, parameters);
    ReadValidity();
  }

  void ReadValidity() {
    if (bad_parameters_.count(absl::AsciiStrToLower(kValidityDays)) > 0) return;
    auto found = plan_.parameters.find(kValidityDays);
    if (found == plan_.parameters.end()) return;
    int64_t days = 0;
    absl::StatusOr<int> months = absl::InvalidArgumentError(
        absl::StrCat(catalog::QuoteValue(found->second), " is not whole days"));
    if (absl::SimpleAtoi(found->second, &days)) {
      months = catalog::ValidityDaysToMonths(days);
    }
    if (!months.ok()) {
      violations_.push_back({ParameterField(kValidityDays),
                             absl::StrCat("\"", kValidityDays,
                                          "\": ", months.status().message())});
      return;
    }
    plan_.validity_months = *months;
  }

  void CheckCsrAndNames() {
    x509::CsrCheck csr = x509::CheckCsr(request_.csr());
    AddProblems(csr.problems, &violations_);
    const x509::CsrInfo* info = csr.info.has_value() ? &*csr.info : nullptr;
    if (plan_.product != nullptr && !ValidatesDomains(*plan_.product)) {
      plan_.common_name = PlainCommonName(info, request_.subject());
    } else {
      x509::NameCollection names = x509::CollectRequestedNames(
          RequestSans(request_), request_.subject(), info);
      AddProblems(names.problems, &violations_);
      if (plan_.product != nullptr) {
        x509::NamePolicy policy;
        policy.product_code = plan_.product->code;
        policy.wildcard = plan_.product->wildcard;
        policy.multi_domain = plan_.product->multi_domain;
        policy.max_names = plan_.product->max_sans;
        policy.ip_addresses = plan_.product->accepts_ip_sans;
        AddProblems(x509::CheckNamePolicy(names.names, policy), &violations_);
      }
      plan_.common_name = std::move(names.names.common_name);
      plan_.dns_names = std::move(names.names.dns_names);
      plan_.ip_addresses = std::move(names.names.ip_addresses);
    }
    if (csr.info.has_value()) plan_.csr = *std::move(csr.info);
  }

  void ChooseDcvMethod() {
    const v1::DcvMethod method = request_.dcv_method();
    if (method == v1::DCV_METHOD_EMAIL || method == v1::DCV_METHOD_CNAME ||
        method == v1::DCV_METHOD_FILE) {
      plan_.dcv_method = method;
      return;
    }
    const bool cname = FlagIsTrue(plan_.parameters, kCnameFlag);
    const bool file = FlagIsTrue(plan_.parameters, kFileFlag);
    if (cname && file) {
      violations_.push_back(
          {"dcv_method",
           absl::StrCat("\"", kCnameFlag, "\" and \"", kFileFlag,
                        "\" are both true; choose one domain validation "
                        "method (or set dcv_method)")});
    }
    plan_.dcv_method = cname  ? v1::DCV_METHOD_CNAME
                       : file ? v1::DCV_METHOD_FILE
                              : v1::DCV_METHOD_EMAIL;
  }

  // Email DCV needs approvers (exactly one for DigiCert); -EO products may
  // leave them out (the plugin documentation requires only validity and
  // organization id).
  void CheckApproverEmails() {
    const catalog::Product& product = *plan_.product;
    auto found = plan_.parameters.find(kApproverEmail);
    if (found != plan_.parameters.end()) {
      plan_.approver_emails = catalog::SplitEmailList(found->second);
    }
    if (plan_.dcv_method != v1::DCV_METHOD_EMAIL) return;
    if (bad_parameters_.count(absl::AsciiStrToLower(kApproverEmail)) > 0) {
      return;  // the catalog reported it already
    }
    const std::string field = ParameterField(kApproverEmail);
    for (const std::string& email : plan_.approver_emails) {
      if (!catalog::IsWellFormedEmail(email)) {
        violations_.push_back(
            {field, absl::StrCat("\"", kApproverEmail,
                                 "\": ", catalog::QuoteValue(email),
                                 " is not a well-formed email address")});
      }
    }
    const bool digicert = absl::EqualsIgnoreCase(product.vendor, "DigiCert");
    if (plan_.approver_emails.empty()) {
      if (product.enterprise_organization) return;
      violations_.push_back(
          {field, absl::StrCat(
                      "\"", kApproverEmail, "\" is required for ", product.code,
                      " with email domain validation (or use CNAME or file "
                      "validation)")});
    } else if (digicert && plan_.approver_emails.size() != 1) {
      violations_.push_back(
          {field, absl::StrCat("\"", kApproverEmail, "\": ", product.code,
                               " (DigiCert) takes exactly one approver email; ",
                               plan_.approver_emails.size(), " given")});
    }
  }

  const catalog::Catalog& catalog_;
  const v1::EnrollRequest& request_;
  EnrollPlan plan_;
  Violations violations_;
  std::set<std::string> bad_parameters_;  // lower-case parameter names
};

}  // namespace

absl::StatusOr<EnrollPlan> PlanEnrollment(const catalog::Catalog& catalog,
                                          const v1::EnrollRequest& request) {
  return Planner(catalog, request).Run();
}

}  // namespace sslstore::service::enroll
