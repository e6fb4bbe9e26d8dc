#ifndef SERVICE_X509_NAME_POLICY_H_
#define SERVICE_X509_NAME_POLICY_H_

#include <optional>
#include <string>
#include <vector>

#include "service/x509/problem.h"
#include "service/x509/san_collection.h"

namespace sslstore::service::x509 {

// The name rules of one product (from the catalog's Product).
struct NamePolicy {
  std::string product_code;      // for messages, e.g. "positivesslwildcard"
  bool wildcard = false;         // accepts "*.example.com"
  bool multi_domain = false;     // accepts names beyond the common name
  std::optional<int> max_names;  // most DNS names + IPs, CN included
  bool ip_addresses = false;     // accepts IP addresses (CN or SAN)
};

// Checks `names` against `policy` and returns every violation:
// - a wildcard name for a product without wildcard support (field "subject"
//   for the CN, "san" for others);
// - a wildcard, single-domain product whose CN is not a wildcard ("subject");
// - a single-domain product asked for names beyond the CN and its companion
//   (the only extra name allowed: "example.com" for "www.example.com" or
//   "*.example.com", "www.example.com" for "example.com") ("san");
// - an IP address for a product that does not accept them ("subject" for
//   the CN, "san" for others);
// - more than `max_names` names ("san").
// Empty result = acceptable.
std::vector<Problem> CheckNamePolicy(const RequestedNames& names,
                                     const NamePolicy& policy);

}  // namespace sslstore::service::x509

#endif  // SERVICE_X509_NAME_POLICY_H_
