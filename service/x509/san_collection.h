#ifndef SERVICE_X509_SAN_COLLECTION_H_
#define SERVICE_X509_SAN_COLLECTION_H_

#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "service/x509/csr.h"
#include "service/x509/problem.h"

namespace sslstore::service::x509 {

// SANs as the gateway sends them: SAN type -> values. Keys are matched
// case-insensitively: "dns"/"dnsname", "ip"/"ipaddress"/"ipaddr",
// "email"/"rfc822name"/"mail", "uri"/"url".
using SanMap = std::map<std::string, std::vector<std::string>>;

// The names an enrollment asks for, normalised and de-duplicated.
struct RequestedNames {
  // The CN of the CSR subject, else of the request subject; DNS names are
  // normalised (NormalizeDnsName), IP addresses canonical. "" if none.
  std::string common_name;
  // The CN first (when it is a DNS name), then the request's DNS SANs, then
  // the CSR's; lower case, no trailing dot, each once.
  std::vector<std::string> dns_names;
  // The CN first (when it is an IP address), then request and CSR IPs,
  // canonical text, each once.
  std::vector<std::string> ip_addresses;
  std::vector<std::string> emails;  // request then CSR; each once (any case)
  std::vector<std::string> uris;    // request then CSR; each once
};

// RequestedNames plus everything wrong with the input.
struct NameCollection {
  RequestedNames names;
  // Fields: "subject" (request subject unparseable, no CN anywhere, CN from
  // the subject not a valid name), "csr" (CN or SAN of the CSR not a valid
  // name), "san.<key>" (unknown SAN type, invalid value; <key> as sent).
  std::vector<Problem> problems;
};

// Collects the names of an enrollment from the request SANs, the request
// subject (RFC 4514 string, may be empty) and the parsed CSR (may be null
// when the CSR did not parse; then only the request is used and a missing CN
// is not reported, the CSR problem being reported already). Blank values
// are skipped. Wildcard DNS names are accepted here; product rules are
// CheckNamePolicy's job.
NameCollection CollectRequestedNames(const SanMap& request_sans,
                                     absl::string_view request_subject,
                                     const CsrInfo* csr);

}  // namespace sslstore::service::x509

#endif  // SERVICE_X509_SAN_COLLECTION_H_
