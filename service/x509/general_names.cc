#include "service/x509/general_names.h"

#include <arpa/inet.h>

#include "absl/strings/str_cat.h"

namespace sslstore::service::x509 {
namespace {

std::string Asn1Text(const ASN1_STRING* s) {
  if (s == nullptr) return "";
  const unsigned char* data = ASN1_STRING_get0_data(s);
  const int length = ASN1_STRING_length(s);
  if (data == nullptr || length <= 0) return "";
  return std::string(reinterpret_cast<const char*>(data),
                     static_cast<size_t>(length));
}

}  // namespace

std::string IpBytesToText(const unsigned char* bytes, int length) {
  char text[INET6_ADDRSTRLEN] = {};
  if (bytes == nullptr) return "";
  if (length == 4) {
    if (inet_ntop(AF_INET, bytes, text, sizeof(text)) == nullptr) return "";
  } else if (length == 16) {
    if (inet_ntop(AF_INET6, bytes, text, sizeof(text)) == nullptr) return "";
  } else {
    return "";
  }
  return text;
}

absl::Status AppendGeneralNames(const GENERAL_NAMES* names,
                                SubjectAltNames* out) {
  if (names == nullptr) return absl::OkStatus();
  const int count = sk_GENERAL_NAME_num(names);
  for (int i = 0; i < count; ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name == nullptr) continue;
    switch (name->type) {
      case GEN_DNS:
        out->dns_names.push_back(Asn1Text(name->d.dNSName));
        break;
      case GEN_EMAIL:
        out->emails.push_back(Asn1Text(name->d.rfc822Name));
        break;
      case GEN_URI:
        out->uris.push_back(Asn1Text(name->d.uniformResourceIdentifier));
        break;
      case GEN_IPADD: {
        const ASN1_OCTET_STRING* ip = name->d.iPAddress;
        const std::string text = ip == nullptr
                                     ? ""
                                     : IpBytesToText(ASN1_STRING_get0_data(ip),
                                                     ASN1_STRING_length(ip));
        if (text.empty()) {
          return absl::InvalidArgumentError(
              absl::StrCat("subjectAltName IP address of ",
                           ip == nullptr ? 0 : ASN1_STRING_length(ip),
                           " bytes; 4 or 16 expected"));
        }
        out->ip_addresses.push_back(text);
        break;
      }
      default:
        break;
    }
  }
  return absl::OkStatus();
}

}  // namespace sslstore::service::x509
