#include "tools/sslstore-sim/products.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace sslstore_sim {

ProductTable::ProductTable(std::vector<SimProduct> products) {
  std::set<std::string> seen;
  for (SimProduct& p : products) {
    if (!seen.insert(absl::AsciiStrToLower(p.code)).second) continue;
    products_.push_back(std::move(p));
  }
  std::sort(
      products_.begin(), products_.end(),
      [](const SimProduct& a, const SimProduct& b) { return a.code < b.code; });
}

const SimProduct* ProductTable::Find(absl::string_view code) const {
  for (const SimProduct& p : products_) {
    if (absl::EqualsIgnoreCase(p.code, code)) return &p;
  }
  return nullptr;
}

bool IsDigiCert(const SimProduct& product) {
  return absl::EqualsIgnoreCase(product.vendor, "DigiCert") ||
         absl::StartsWithIgnoreCase(product.code, "digi_");
}

std::string WbapiVendorName(const SimProduct& product) {
  if (IsDigiCert(product)) return "DIGICERT";
  if (product.vendor.empty()) return "SECTIGO";
  return absl::AsciiStrToUpper(product.vendor);
}

std::string BaseDomain(absl::string_view domain) {
  absl::string_view d = domain;
  absl::ConsumePrefix(&d, "*.");
  std::vector<absl::string_view> labels = absl::StrSplit(d, '.');
  if (labels.size() <= 2) return absl::AsciiStrToLower(d);
  return absl::AsciiStrToLower(
      absl::StrCat(labels[labels.size() - 2], ".", labels[labels.size() - 1]));
}

std::vector<std::string> ApproverEmails(const SimProduct& product,
                                        absl::string_view domain) {
  static const char* const kLocalParts[] = {
      "admin", "administrator", "hostmaster", "postmaster", "webmaster"};
  absl::string_view d = domain;
  absl::ConsumePrefix(&d, "*.");
  std::string host = absl::AsciiStrToLower(d);
  const std::string base = BaseDomain(host);
  std::vector<std::string> domains;
  if (IsDigiCert(product)) {
    domains.push_back(base);
  } else {
    std::string current = host;
    while (true) {
      domains.push_back(current);
      if (current == base || current.size() <= base.size()) break;
      size_t dot = current.find('.');
      if (dot == std::string::npos) break;
      current = current.substr(dot + 1);
    }
  }
  std::vector<std::string> out;
  for (const std::string& dom : domains) {
    for (const char* local : kLocalParts) {
      out.push_back(absl::StrCat(local, "@", dom));
    }
  }
  return out;
}

const std::vector<SimOrganization>& Organizations() {
  static const auto* const kOrgs = new std::vector<SimOrganization>{
      {112233, 998877, "Example Corp", "Example", "1 Main Street", "Austin",
       "TX", "78701", "us", "+1 512 555 0100", "active"},
      {112234, 998878, "Example Holdings Ltd", "", "2 High Street", "London",
       "London", "EC1A 1AA", "gb", "+44 20 5555 0100", "active"},
      {112235, 998879, "Dormant Org Inc", "", "3 Side Road", "Denver", "CO",
       "80201", "us", "+1 303 555 0100", "inactive"},
  };
  return *kOrgs;
}

}  // namespace sslstore_sim
