#include "service/x509/san_collection.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/x509/distinguished_name.h"
#include "service/x509/domain_names.h"

namespace sslstore::service::x509 {
namespace {

enum class SanType { kDns, kIp, kEmail, kUri, kUnknown };

SanType SanTypeOf(absl::string_view key) {
  const std::string k = absl::AsciiStrToLower(absl::StripAsciiWhitespace(key));
  if (k == "dns" || k == "dnsname") return SanType::kDns;
  if (k == "ip" || k == "ipaddress" || k == "ipaddr") return SanType::kIp;
  if (k == "email" || k == "rfc822name" || k == "mail") return SanType::kEmail;
  if (k == "uri" || k == "url") return SanType::kUri;
  return SanType::kUnknown;
}

// Quotes `value` for a message, shortened so a hostile value cannot flood it.
std::string Quote(absl::string_view value) {
  constexpr size_t kMax = 80;
  std::string shown;
  for (char c : value.substr(0, kMax)) {
    const unsigned char u = static_cast<unsigned char>(c);
    shown.push_back(u < 0x20 || u == 0x7F ? '?' : c);
  }
  if (value.size() > kMax) shown += "...";
  return absl::StrCat("\"", shown, "\"");
}

// Accumulates unique names.
class Collector {
 public:
  void AddDns(absl::string_view name) {
    std::string n = NormalizeDnsName(name);
    if (dns_seen_.insert(n).second) names_.dns_names.push_back(std::move(n));
  }
  void AddIp(absl::string_view ip) {
    std::string n = NormalizeIpAddress(ip);
    if (ip_seen_.insert(n).second) names_.ip_addresses.push_back(std::move(n));
  }
  void AddEmail(absl::string_view email) {
    const std::string trimmed(absl::StripAsciiWhitespace(email));
    if (email_seen_.insert(absl::AsciiStrToLower(trimmed)).second) {
      names_.emails.push_back(trimmed);
    }
  }
  void AddUri(absl::string_view uri) {
    const std::string trimmed(absl::StripAsciiWhitespace(uri));
    if (uri_seen_.insert(trimmed).second) names_.uris.push_back(trimmed);
  }
  RequestedNames& names() { return names_; }

 private:
  RequestedNames names_;
  std::set<std::string> dns_seen_, ip_seen_, email_seen_, uri_seen_;
};

// Adds one value of `type`, or a problem for `field` (prefix for messages
// about a CSR value: "CSR subjectAltName ").
void AddValue(SanType type, absl::string_view value, const std::string& field,
              absl::string_view prefix, Collector* collector,
              std::vector<Problem>* problems) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(value);
  if (trimmed.empty()) return;
  switch (type) {
    case SanType::kDns:
      if (IsValidDnsName(trimmed, /*allow_wildcard=*/true)) {
        collector->AddDns(trimmed);
      } else {
        problems->push_back(Problem{
            field,
            absl::StrCat(prefix, Quote(trimmed), " is not a valid DNS name")});
      }
      return;
    case SanType::kIp:
      if (IsValidIpAddress(trimmed)) {
        collector->AddIp(trimmed);
      } else {
        problems->push_back(
            Problem{field, absl::StrCat(prefix, Quote(trimmed),
                                        " is not a valid IP address")});
      }
      return;
    case SanType::kEmail:
      if (IsValidEmailAddress(trimmed)) {
        collector->AddEmail(trimmed);
      } else {
        problems->push_back(
            Problem{field, absl::StrCat(prefix, Quote(trimmed),
                                        " is not a valid email address")});
      }
      return;
    case SanType::kUri:
      if (trimmed.find_first_of(" \t\r\n") == absl::string_view::npos &&
          absl::StrContains(trimmed, ':')) {
        collector->AddUri(trimmed);
      } else {
        problems->push_back(Problem{
            field,
            absl::StrCat(prefix, Quote(trimmed), " is not a valid URI")});
      }
      return;
    case SanType::kUnknown:
      return;
  }
}

}  // namespace

NameCollection CollectRequestedNames(const SanMap& request_sans,
                                     absl::string_view request_subject,
                                     const CsrInfo* csr) {
  NameCollection result;
  std::vector<Problem>& problems = result.problems;
  Collector collector;

  // The common name: the CSR's, else the request subject's.
  std::string subject_cn;
  if (!absl::StripAsciiWhitespace(request_subject).empty()) {
    absl::StatusOr<std::vector<DnAttribute>> subject =
        ParseDistinguishedName(request_subject);
    if (subject.ok()) {
      subject_cn = FindAttribute(*subject, "CN").value_or("");
    } else {
      problems.push_back(
          Problem{"subject", std::string(subject.status().message())});
    }
  }
  const bool from_csr = csr != nullptr && !csr->common_name.empty();
  const std::string cn(absl::StripAsciiWhitespace(
      from_csr ? absl::string_view(csr->common_name) : subject_cn));
  const std::string cn_field = from_csr ? "csr" : "subject";
  if (cn.empty()) {
    if (csr != nullptr) {
      problems.push_back(Problem{
          "subject",
          "no common name: neither the CSR subject nor the request subject "
          "has a CN"});
    }
  } else if (IsValidIpAddress(cn)) {
    collector.AddIp(cn);
    collector.names().common_name = NormalizeIpAddress(cn);
  } else if (IsValidDnsName(cn, /*allow_wildcard=*/true)) {
    collector.AddDns(cn);
    collector.names().common_name = NormalizeDnsName(cn);
  } else {
    problems.push_back(Problem{
        cn_field, absl::StrCat("common name ", Quote(cn),
                               " is not a valid DNS name or IP address")});
  }

  for (const auto& [key, values] : request_sans) {
    const std::string field = absl::StrCat("san.", key);
    const SanType type = SanTypeOf(key);
    if (type == SanType::kUnknown) {
      problems.push_back(
          Problem{field, absl::StrCat("unknown SAN type ", Quote(key),
                                      "; use dns, ip, email or uri")});
      continue;
    }
    for (const std::string& value : values) {
      AddValue(type, value, field, "", &collector, &problems);
    }
  }

  if (csr != nullptr) {
    constexpr absl::string_view kPrefix = "CSR subjectAltName ";
    for (const std::string& v : csr->dns_names) {
      AddValue(SanType::kDns, v, "csr", kPrefix, &collector, &problems);
    }
    for (const std::string& v : csr->ip_addresses) {
      AddValue(SanType::kIp, v, "csr", kPrefix, &collector, &problems);
    }
    for (const std::string& v : csr->emails) {
      AddValue(SanType::kEmail, v, "csr", kPrefix, &collector, &problems);
    }
    for (const std::string& v : csr->uris) {
      AddValue(SanType::kUri, v, "csr", kPrefix, &collector, &problems);
    }
  }
  result.names = std::move(collector.names());
  return result;
}

}  // namespace sslstore::service::x509
