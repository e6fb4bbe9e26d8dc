#include "service/x509/certificate_fields.h"

#include <openssl/x509v3.h>

#include <ctime>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "service/x509/digest.h"
#include "service/x509/general_names.h"
#include "service/x509/x509_name.h"
#include "sslstore_client/openssl/openssl_ptr.h"

namespace sslstore::service::x509 {
namespace {

absl::Status Invalid(absl::string_view what) {
  return absl::InvalidArgumentError(what);
}

absl::StatusOr<absl::Time> ToTime(const ASN1_TIME* t, absl::string_view what) {
  struct tm tm = {};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) {
    return Invalid(absl::StrCat("certificate ", what, " date is unreadable"));
  }
  return absl::FromCivil(
      absl::CivilSecond(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                        tm.tm_hour, tm.tm_min, tm.tm_sec),
      absl::UTCTimeZone());
}

absl::StatusOr<std::string> SerialHex(const ASN1_INTEGER* serial) {
  openssl::BignumPtr bn(
      serial == nullptr ? nullptr : ASN1_INTEGER_to_BN(serial, nullptr));
  if (bn == nullptr) return Invalid("certificate serial number is unreadable");
  openssl::OpenSslMallocPtr<char> hex(BN_bn2hex(bn.get()));
  if (hex == nullptr) return Invalid("certificate serial number is unreadable");
  return std::string(hex.get());
}

}  // namespace

std::string OctetsHex(const ASN1_OCTET_STRING* octets) {
  if (octets == nullptr) return "";
  const unsigned char* data = ASN1_STRING_get0_data(octets);
  const int length = ASN1_STRING_length(octets);
  if (data == nullptr || length <= 0) return "";
  return HexUpper(absl::string_view(reinterpret_cast<const char*>(data),
                                    static_cast<size_t>(length)));
}

absl::Status ReadNamesSerialAndDates(const CertificateParts& parts,
                                     CertificateInfo* info) {
  absl::StatusOr<std::vector<DnAttribute>> subject =
      NameAttributes(parts.subject);
  if (!subject.ok()) {
    return Invalid(
        absl::StrCat("certificate subject: ", subject.status().message()));
  }
  info->subject = FormatDistinguishedName(*subject);
  info->common_name = FindAttribute(*subject, "CN").value_or("");
  absl::StatusOr<std::string> issuer = FormatX509Name(parts.issuer);
  if (!issuer.ok()) {
    return Invalid(
        absl::StrCat("certificate issuer: ", issuer.status().message()));
  }
  info->issuer = *std::move(issuer);
  info->self_issued = parts.subject != nullptr && parts.issuer != nullptr &&
                      X509_NAME_cmp(parts.subject, parts.issuer) == 0;

  absl::StatusOr<std::string> serial = SerialHex(parts.serial);
  if (!serial.ok()) return serial.status();
  info->serial_hex = *std::move(serial);

  absl::StatusOr<absl::Time> not_before = ToTime(parts.not_before, "notBefore");
  if (!not_before.ok()) return not_before.status();
  absl::StatusOr<absl::Time> not_after = ToTime(parts.not_after, "notAfter");
  if (!not_after.ok()) return not_after.status();
  info->not_before = *not_before;
  info->not_after = *not_after;
  return absl::OkStatus();
}

absl::Status ReadSubjectAltNames(const STACK_OF(X509_EXTENSION) * extensions,
                                 CertificateInfo* info) {
  int critical = -1;
  openssl::GeneralNamesPtr names(static_cast<GENERAL_NAMES*>(
      X509V3_get_d2i(extensions, NID_subject_alt_name, &critical, nullptr)));
  if (names == nullptr) {
    if (critical == -1) return absl::OkStatus();  // no SAN extension
    return Invalid(critical == -2
                       ? "certificate has more than one subjectAltName"
                       : "certificate subjectAltName is malformed");
  }
  SubjectAltNames sans;
  absl::Status status = AppendGeneralNames(names.get(), &sans);
  if (!status.ok()) {
    return Invalid(absl::StrCat("certificate ", status.message()));
  }
  info->dns_names = std::move(sans.dns_names);
  info->ip_addresses = std::move(sans.ip_addresses);
  info->emails = std::move(sans.emails);
  info->uris = std::move(sans.uris);
  return absl::OkStatus();
}

}  // namespace sslstore::service::x509
