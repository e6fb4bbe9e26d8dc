#ifndef SERVICE_X509_PROBLEM_H_
#define SERVICE_X509_PROBLEM_H_

#include <string>

namespace sslstore::service::x509 {

// One problem found while validating enrollment input, ready to become a
// google.rpc.BadRequest field violation. `field` names the request field
// ("csr", "subject", "san.dns", ...); `description` is a complete sentence
// a user can act on.
struct Problem {
  std::string field;
  std::string description;

  bool operator==(const Problem&) const = default;
};

}  // namespace sslstore::service::x509

#endif  // SERVICE_X509_PROBLEM_H_
