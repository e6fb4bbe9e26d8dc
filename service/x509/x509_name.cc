#include "service/x509/x509_name.h"

#include <openssl/objects.h>

#include "absl/strings/str_cat.h"
#include "sslstore_client/openssl/openssl_ptr.h"

namespace sslstore::service::x509 {

absl::StatusOr<std::vector<DnAttribute>> NameAttributes(const X509_NAME* name) {
  std::vector<DnAttribute> out;
  if (name == nullptr) return out;
  const int count = X509_NAME_entry_count(name);
  int rdn = -1;
  int previous_set = -1;
  for (int i = count - 1; i >= 0; --i) {
    const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, i);
    if (entry == nullptr) {
      return absl::InvalidArgumentError("unreadable name entry");
    }
    const int set = X509_NAME_ENTRY_set(entry);
    if (set != previous_set) {
      ++rdn;
      previous_set = set;
    }
    char oid[128];
    const int oid_len =
        OBJ_obj2txt(oid, sizeof(oid), X509_NAME_ENTRY_get_object(entry), 1);
    if (oid_len <= 0 || oid_len >= static_cast<int>(sizeof(oid))) {
      return absl::InvalidArgumentError("name attribute with a bad type");
    }
    unsigned char* utf8 = nullptr;
    const int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry));
    openssl::OpenSslMallocPtr<unsigned char> owned(utf8);
    if (len < 0 || (len > 0 && utf8 == nullptr)) {
      return absl::InvalidArgumentError(
          absl::StrCat("name attribute ", oid, " is not convertible to UTF-8"));
    }
    std::string value(reinterpret_cast<const char*>(utf8),
                      static_cast<size_t>(len));
    if (value.find('\0') != std::string::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("name attribute ", oid, " contains NUL"));
    }
    out.push_back(
        DnAttribute{CanonicalAttributeType(oid), std::move(value), rdn});
  }
  return out;
}

absl::StatusOr<std::string> FormatX509Name(const X509_NAME* name) {
  absl::StatusOr<std::vector<DnAttribute>> attributes = NameAttributes(name);
  if (!attributes.ok()) return attributes.status();
  return FormatDistinguishedName(*attributes);
}

absl::StatusOr<std::string> CommonNameOf(const X509_NAME* name) {
  absl::StatusOr<std::vector<DnAttribute>> attributes = NameAttributes(name);
  if (!attributes.ok()) return attributes.status();
  return FindAttribute(*attributes, "CN").value_or("");
}

}  // namespace sslstore::service::x509
