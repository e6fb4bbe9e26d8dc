#include "service/x509/name_policy.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/x509/domain_names.h"

namespace sslstore::service::x509 {
namespace {

// The one extra name a single-domain certificate for `cn` may carry.
std::string Companion(absl::string_view cn) {
  if (absl::StartsWith(cn, "*.")) return std::string(cn.substr(2));
  if (absl::StartsWith(cn, "www.")) return std::string(cn.substr(4));
  return absl::StrCat("www.", cn);
}

}  // namespace

std::vector<Problem> CheckNamePolicy(const RequestedNames& names,
                                     const NamePolicy& policy) {
  std::vector<Problem> problems;
  const std::string product = absl::StrCat("product ", policy.product_code);
  const std::string& cn = names.common_name;

  if (!policy.wildcard) {
    for (const std::string& name : names.dns_names) {
      if (!IsWildcard(name)) continue;
      problems.push_back(
          Problem{name == cn ? "subject" : "san",
                  absl::StrCat(product, " does not accept wildcard names (\"",
                               name, "\"); choose a wildcard product")});
    }
  } else if (!policy.multi_domain && !cn.empty() && !IsWildcard(cn)) {
    problems.push_back(Problem{
        "subject",
        absl::StrCat(product, " is a wildcard certificate: the common name \"",
                     cn, "\" must be a wildcard name like \"*.example.com\"")});
  }

  if (!policy.ip_addresses) {
    for (const std::string& ip : names.ip_addresses) {
      problems.push_back(
          Problem{ip == cn ? "subject" : "san",
                  absl::StrCat(product, " does not accept IP addresses (\"", ip,
                               "\"); SSL Store orders name DNS names only")});
    }
  }

  if (!policy.multi_domain) {
    const std::string companion = Companion(cn);
    for (const std::string& name : names.dns_names) {
      if (name == cn || name == companion) continue;
      problems.push_back(Problem{
          "san", absl::StrCat(product, " covers a single domain; \"", name,
                              "\" needs a multi-domain product")});
    }
    for (const std::string& ip : names.ip_addresses) {
      if (ip == cn || !policy.ip_addresses) continue;  // reported above
      problems.push_back(
          Problem{"san", absl::StrCat(product, " covers a single domain; \"",
                                      ip, "\" needs a multi-domain product")});
    }
  }

  if (policy.max_names.has_value()) {
    const size_t count = names.dns_names.size() + names.ip_addresses.size();
    if (count > static_cast<size_t>(*policy.max_names)) {
      problems.push_back(Problem{
          "san",
          absl::StrCat(count, " names requested; ", product, " allows at most ",
                       *policy.max_names, " (common name included)")});
    }
  }
  return problems;
}

}  // namespace sslstore::service::x509
