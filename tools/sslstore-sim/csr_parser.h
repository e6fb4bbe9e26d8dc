// Parses certificate signing requests in every encoding the WBAPI accepts:
// PEM with LF or CRLF, PEM with its newlines stripped, URL-encoded PEM and
// bare base64 DER. The signature must verify. The parsing is the product's
// (service/x509/csr.h); this adds the WBAPI's looser armour (URL-encoded,
// any BEGIN line) and the signature check, and keeps what the simulator
// needs.
#ifndef TOOLS_SSLSTORE_SIM_CSR_PARSER_H_
#define TOOLS_SSLSTORE_SIM_CSR_PARSER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sslstore_sim {

// What the simulator needs from a CSR.
struct ParsedCsr {
  std::string der;                     // the CSR itself, DER
  std::string public_key_der;          // SubjectPublicKeyInfo, DER
  std::string common_name;             // subject CN, may be empty
  std::vector<std::string> dns_names;  // dNSName SANs from the extension
};

// Parses and verifies `text`. Returns InvalidArgument for anything that is
// not a well-formed, correctly self-signed PKCS#10 request.
absl::StatusOr<ParsedCsr> ParseCsr(absl::string_view text);

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_CSR_PARSER_H_
