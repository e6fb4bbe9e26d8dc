#include "tools/bench/floor/der_fields.h"

#include <openssl/asn1.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace sslstore::bench {
namespace {

// Reads the TLV at *p (before `end`): its universal or context tag number
// and class, its content and, optionally, the whole TLV; advances *p.
bool ReadTlv(const unsigned char** p, const unsigned char* end, int* tag,
             int* cls, DerSpan* content, DerSpan* whole = nullptr) {
  if (*p >= end) return false;
  const unsigned char* q = *p;
  long length = 0;
  const int r = ASN1_get_object(&q, &length, tag, cls, end - *p);
  if ((r & 0x80) != 0 || r == (V_ASN1_CONSTRUCTED | 1) || length > end - q) {
    return false;  // error or indefinite length
  }
  *content = {q, length};
  if (whole != nullptr) *whole = {*p, (q - *p) + length};
  *p = q + length;
  return true;
}

// Prints the DER Name `der` in RFC 4514 form into `out`.
bool NameToString(const DerSpan& der, BIO* bio, std::string* out) {
  const unsigned char* p = der.data;
  X509_NAME* name = d2i_X509_NAME(nullptr, &p, der.size);
  if (name == nullptr) return false;
  const bool ok = X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253) >= 0;
  X509_NAME_free(name);
  char* text = nullptr;
  const long size = BIO_get_mem_data(bio, &text);
  if (ok && size >= 0) out->assign(text, static_cast<size_t>(size));
  (void)BIO_reset(bio);
  return ok;
}

// Reads the UTCTime or GeneralizedTime at *p; advances *p.
bool ReadTime(const unsigned char** p, const unsigned char* end, time_t* out) {
  ASN1_TIME* time = d2i_ASN1_TIME(nullptr, p, end - *p);
  if (time == nullptr) return false;
  tm parts{};
  const bool ok = ASN1_TIME_to_tm(time, &parts) == 1;
  ASN1_TIME_free(time);
  *out = timegm(&parts);
  return ok;
}

// Appends the dNSName entries of the subjectAltName extension, if any.
bool ReadSans(const DerSpan& extensions, std::vector<std::string>* sans) {
  static constexpr unsigned char kSanOid[] = {0x55, 0x1d, 0x11};  // 2.5.29.17
  if (extensions.size == 0) return true;
  const unsigned char* p = extensions.data;
  const unsigned char* end = p + extensions.size;
  int tag = 0, cls = 0;
  DerSpan list, extension, oid, value;
  if (!ReadTlv(&p, end, &tag, &cls, &list)) return false;
  p = list.data;
  end = list.data + list.size;
  while (p < end) {
    if (!ReadTlv(&p, end, &tag, &cls, &extension)) return false;
    const unsigned char* q = extension.data;
    const unsigned char* q_end = q + extension.size;
    if (!ReadTlv(&q, q_end, &tag, &cls, &oid)) return false;
    if (!(oid == DerSpan{kSanOid, sizeof(kSanOid)})) continue;
    do {  // skip the optional critical flag
      if (!ReadTlv(&q, q_end, &tag, &cls, &value)) return false;
    } while (tag != V_ASN1_OCTET_STRING);
    const unsigned char* v = value.data;
    GENERAL_NAMES* names = d2i_GENERAL_NAMES(nullptr, &v, value.size);
    if (names == nullptr) return false;
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
      const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
      if (name->type != GEN_DNS) continue;
      const ASN1_IA5STRING* dns = name->d.dNSName;
      sans->emplace_back(reinterpret_cast<const char*>(dns->data), dns->length);
    }
    GENERAL_NAMES_free(names);
  }
  return true;
}

}  // namespace

bool ViewCertificate(const std::string& der, CertView* view) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  const unsigned char* end = p + der.size();
  int tag = 0, cls = 0;
  DerSpan outer, tbs, item;
  if (!ReadTlv(&p, end, &tag, &cls, &outer) || tag != V_ASN1_SEQUENCE) {
    return false;
  }
  p = outer.data;
  end = outer.data + outer.size;
  if (!ReadTlv(&p, end, &tag, &cls, &tbs) || tag != V_ASN1_SEQUENCE) {
    return false;
  }
  p = tbs.data;
  end = tbs.data + tbs.size;
  if (!ReadTlv(&p, end, &tag, &cls, &item)) return false;
  if (cls == V_ASN1_CONTEXT_SPECIFIC && tag == 0 &&  // version
      !ReadTlv(&p, end, &tag, &cls, &item)) {
    return false;
  }
  if (cls != V_ASN1_UNIVERSAL || tag != V_ASN1_INTEGER) return false;
  view->serial = item;
  DerSpan ignored;
  if (!ReadTlv(&p, end, &tag, &cls, &ignored) ||  // signature algorithm
      !ReadTlv(&p, end, &tag, &cls, &item, &view->issuer) ||
      tag != V_ASN1_SEQUENCE ||
      !ReadTlv(&p, end, &tag, &cls, &view->validity) ||
      tag != V_ASN1_SEQUENCE ||
      !ReadTlv(&p, end, &tag, &cls, &item, &view->subject) ||
      tag != V_ASN1_SEQUENCE ||
      !ReadTlv(&p, end, &tag, &cls, &ignored)) {  // subjectPublicKeyInfo
    return false;
  }
  view->extensions = {};
  while (p < end) {
    if (!ReadTlv(&p, end, &tag, &cls, &item)) return false;
    if (cls == V_ASN1_CONTEXT_SPECIFIC && tag == 3) view->extensions = item;
  }
  return true;
}

bool ReadCertFields(const CertView& view, bool with_sans, BIO* bio,
                    CertFields* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out->serial_hex.clear();
  for (long i = 0; i < view.serial.size; ++i) {
    const unsigned char byte = view.serial.data[i];
    if (out->serial_hex.empty() && byte == 0 && i + 1 < view.serial.size) {
      continue;  // sign padding
    }
    out->serial_hex.push_back(kHex[byte >> 4]);
    out->serial_hex.push_back(kHex[byte & 15]);
  }
  const unsigned char* p = view.validity.data;
  const unsigned char* end = p + view.validity.size;
  return NameToString(view.subject, bio, &out->subject) &&
         NameToString(view.issuer, bio, &out->issuer) &&
         ReadTime(&p, end, &out->not_before) &&
         ReadTime(&p, end, &out->not_after) &&
         (!with_sans || ReadSans(view.extensions, &out->sans));
}

bool ReadRecordFields(const std::vector<std::string>& ders) {
  std::vector<CertView> views(ders.size());
  for (size_t i = 0; i < ders.size(); ++i) {
    if (!ViewCertificate(ders[i], &views[i])) return false;
  }
  size_t leaf = views.size();
  for (size_t i = 0; i < views.size() && leaf == views.size(); ++i) {
    bool issues_another = false;
    for (size_t j = 0; j < views.size(); ++j) {
      if (j != i && views[j].issuer == views[i].subject &&
          !(views[j].subject == views[i].subject)) {
        issues_another = true;
      }
    }
    if (!issues_another) leaf = i;
  }
  if (leaf == views.size()) return false;
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr) return false;
  bool ok = true;
  std::vector<CertFields> fields(views.size());
  for (size_t i = 0; ok && i < views.size(); ++i) {
    ok = ReadCertFields(views[i], i == leaf, bio, &fields[i]);
  }
  BIO_free(bio);
  return ok && !fields[leaf].serial_hex.empty();
}

}  // namespace sslstore::bench
