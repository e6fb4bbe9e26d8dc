#include "tools/sslstore-sim/csr_parser.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "service/x509/csr.h"

namespace sslstore_sim {
namespace {

namespace x509 = ::sslstore::service::x509;

constexpr size_t kMaxCsrBytes = x509::kMaxCsrTextBytes;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes; '+' is left alone (it is a base64 character).
std::string PercentDecode(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = HexValue(s[i + 1]);
      int lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// Extracts the base64 payload: the text between the BEGIN and END armour
// lines when present, otherwise the whole text; whitespace removed.
std::string Base64Payload(absl::string_view text) {
  absl::string_view body = text;
  size_t begin = text.find("-----BEGIN");
  if (begin != absl::string_view::npos) {
    size_t header_end = text.find("-----", begin + 10);
    if (header_end == absl::string_view::npos) return "";
    body = text.substr(header_end + 5);
    size_t end = body.find("-----END");
    if (end == absl::string_view::npos) return "";
    body = body.substr(0, end);
  }
  std::string out;
  out.reserve(body.size());
  for (char c : body) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) out.push_back(c);
  }
  return out;
}

}  // namespace

absl::StatusOr<ParsedCsr> ParseCsr(absl::string_view text) {
  if (text.size() > kMaxCsrBytes) {
    return absl::InvalidArgumentError("CSR is too large");
  }
  // The WBAPI takes looser armour than the product's parser (URL-encoded
  // PEM, '+' for spaces in the BEGIN line): the simulator takes the base64
  // payload out itself and lets the product parse that.
  const std::string decoded =
      absl::StrContains(text, '%') ? PercentDecode(text) : std::string(text);
  const std::string payload = Base64Payload(decoded);
  if (payload.empty()) {
    return absl::InvalidArgumentError("CSR is not valid PEM or base64");
  }
  absl::StatusOr<x509::CsrInfo> info = x509::ParseCsr(payload);
  if (!info.ok()) return info.status();
  if (!info->signature_valid) {
    return absl::InvalidArgumentError("CSR signature does not verify");
  }
  ParsedCsr out;
  out.der = std::move(info->der);
  out.public_key_der = std::move(info->public_key_der);
  out.common_name = std::move(info->common_name);
  for (std::string& name : info->dns_names) {
    if (!name.empty()) out.dns_names.push_back(std::move(name));
  }
  return out;
}

}  // namespace sslstore_sim
