#include "tools/sslstore-sim/csr_parser.h"

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "tools/sslstore-sim/openssl_util.h"

namespace sslstore_sim {
namespace {

constexpr size_t kMaxCsrBytes = 64 * 1024;

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

std::string Asn1ToString(const ASN1_STRING* s) {
  unsigned char* utf8 = nullptr;
  int len = ASN1_STRING_to_UTF8(&utf8, s);
  if (len < 0 || utf8 == nullptr) return "";
  std::string out(reinterpret_cast<char*>(utf8), static_cast<size_t>(len));
  OPENSSL_free(utf8);
  return out;
}

}  // namespace

absl::StatusOr<ParsedCsr> ParseCsr(absl::string_view text) {
  if (text.size() > kMaxCsrBytes) {
    return absl::InvalidArgumentError("CSR is too large");
  }
  std::string decoded =
      absl::StrContains(text, '%') ? PercentDecode(text) : std::string(text);
  std::string payload = Base64Payload(decoded);
  std::string der;
  if (payload.empty() || !absl::Base64Unescape(payload, &der) || der.empty()) {
    return absl::InvalidArgumentError("CSR is not valid PEM or base64");
  }
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  X509ReqPtr req(d2i_X509_REQ(nullptr, &p, static_cast<long>(der.size())));
  if (!req) {
    ERR_clear_error();
    return absl::InvalidArgumentError("CSR is not a PKCS#10 request");
  }
  EVP_PKEY* key = X509_REQ_get0_pubkey(req.get());
  if (key == nullptr || X509_REQ_verify(req.get(), key) != 1) {
    ERR_clear_error();
    return absl::InvalidArgumentError("CSR signature does not verify");
  }
  ParsedCsr out;
  out.der = der;
  absl::StatusOr<std::string> spki = PublicKeyDer(key);
  if (!spki.ok()) {
    ERR_clear_error();
    return absl::InvalidArgumentError("CSR public key is unusable");
  }
  out.public_key_der = *std::move(spki);
  X509_NAME* subject = X509_REQ_get_subject_name(req.get());
  int idx = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (idx >= 0) {
    X509_NAME_ENTRY* entry = X509_NAME_get_entry(subject, idx);
    out.common_name = Asn1ToString(X509_NAME_ENTRY_get_data(entry));
  }
  STACK_OF(X509_EXTENSION)* exts = X509_REQ_get_extensions(req.get());
  if (exts != nullptr) {
    auto* names = static_cast<GENERAL_NAMES*>(
        X509V3_get_d2i(exts, NID_subject_alt_name, nullptr, nullptr));
    if (names != nullptr) {
      for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names, i);
        if (gn->type == GEN_DNS) {
          std::string name = Asn1ToString(gn->d.dNSName);
          if (!name.empty()) out.dns_names.push_back(std::move(name));
        }
      }
      GENERAL_NAMES_free(names);
    }
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
  }
  ERR_clear_error();
  return out;
}

}  // namespace sslstore_sim
