#include "service/x509/distinguished_name.h"

#include <openssl/asn1.h>

#include <algorithm>
#include <array>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "sslstore_client/openssl/openssl_ptr.h"

namespace sslstore::service::x509 {
namespace {

struct KnownType {
  absl::string_view canonical;
  absl::string_view oid;
  std::array<absl::string_view, 3> aliases;  // empty entries are unused
};

constexpr KnownType kKnownTypes[] = {
    {"CN", "2.5.4.3", {"commonName", "", ""}},
    {"C", "2.5.4.6", {"countryName", "", ""}},
    {"L", "2.5.4.7", {"localityName", "", ""}},
    {"ST", "2.5.4.8", {"stateOrProvinceName", "S", ""}},
    {"O", "2.5.4.10", {"organizationName", "", ""}},
    {"OU", "2.5.4.11", {"organizationalUnitName", "", ""}},
    {"STREET", "2.5.4.9", {"streetAddress", "", ""}},
    {"DC", "0.9.2342.19200300.100.1.25", {"domainComponent", "", ""}},
    {"UID", "0.9.2342.19200300.100.1.1", {"userId", "", ""}},
    {"E", "1.2.840.113549.1.9.1", {"emailAddress", "email", ""}},
    {"SERIALNUMBER", "2.5.4.5", {"serialNumber", "", ""}},
};

bool IsOid(absl::string_view s) {
  if (s.empty() || !absl::ascii_isdigit(s.front()) ||
      !absl::ascii_isdigit(s.back())) {
    return false;
  }
  for (char c : s) {
    if (!absl::ascii_isdigit(c) && c != '.') return false;
  }
  return !absl::StrContains(s, "..");
}

bool IsKeyword(absl::string_view s) {
  if (s.empty() || !absl::ascii_isalpha(s.front())) return false;
  for (char c : s) {
    if (!absl::ascii_isalnum(c) && c != '-') return false;
  }
  return true;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// True for well-formed UTF-8 without NUL characters.
bool IsCleanUtf8(absl::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0) return false;
    size_t extra;
    uint32_t code;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      code = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (size_t k = 1; k <= extra; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      code = (code << 6) | (cc & 0x3F);
    }
    if ((extra == 1 && code < 0x80) || (extra == 2 && code < 0x800) ||
        (extra == 3 && code < 0x10000) || code > 0x10FFFF ||
        (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

// Decodes a "#<hex>" value: hex of a BER-encoded string type, returned as
// UTF-8.
absl::StatusOr<std::string> DecodeHexValue(absl::string_view hex) {
  if (hex.empty() || hex.size() % 2 != 0) {
    return absl::InvalidArgumentError(
        "hex value must have an even, non-zero "
        "number of digits");
  }
  std::string der;
  der.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = HexValue(hex[i]);
    const int lo = HexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return absl::InvalidArgumentError("hex value has a non-hex digit");
    }
    der.push_back(static_cast<char>(hi * 16 + lo));
  }
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  openssl::Asn1TypePtr type(
      d2i_ASN1_TYPE(nullptr, &p, static_cast<long>(der.size())));
  if (type == nullptr ||
      p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    return absl::InvalidArgumentError("hex value is not one BER value");
  }
  switch (type->type) {
    case V_ASN1_UTF8STRING:
    case V_ASN1_PRINTABLESTRING:
    case V_ASN1_IA5STRING:
    case V_ASN1_T61STRING:
    case V_ASN1_BMPSTRING:
    case V_ASN1_UNIVERSALSTRING:
    case V_ASN1_VISIBLESTRING:
      break;
    default:
      return absl::InvalidArgumentError("hex value is not a string type");
  }
  unsigned char* utf8 = nullptr;
  const int len = ASN1_STRING_to_UTF8(&utf8, type->value.asn1_string);
  openssl::OpenSslMallocPtr<unsigned char> owned(utf8);
  if (len < 0 || utf8 == nullptr) {
    return absl::InvalidArgumentError("hex value cannot be converted to UTF-8");
  }
  return std::string(reinterpret_cast<const char*>(utf8),
                     static_cast<size_t>(len));
}

class DnParser {
 public:
  explicit DnParser(absl::string_view dn) : dn_(dn) {}

  absl::StatusOr<std::vector<DnAttribute>> Parse() {
    std::vector<DnAttribute> out;
    SkipSpaces();
    if (AtEnd()) return out;
    int rdn = 0;
    while (true) {
      absl::StatusOr<std::string> type = ParseType();
      if (!type.ok()) return type.status();
      absl::StatusOr<std::string> value = ParseValue();
      if (!value.ok()) return value.status();
      if (!IsCleanUtf8(*value)) {
        return Error("value is not UTF-8 text or contains NUL");
      }
      out.push_back(DnAttribute{*std::move(type), *std::move(value), rdn});
      SkipSpaces();
      if (AtEnd()) return out;
      const char sep = dn_[pos_++];
      if (sep == ',' || sep == ';') {
        ++rdn;
      } else if (sep != '+') {
        return Error("expected ',' or '+' after a value");
      }
      SkipSpaces();
      if (AtEnd()) return Error("name ends with a separator");
    }
  }

 private:
  bool AtEnd() const { return pos_ >= dn_.size(); }
  void SkipSpaces() {
    while (!AtEnd() && IsSpace(dn_[pos_])) ++pos_;
  }
  absl::Status Error(absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat("distinguished name: ", what,
                                                   " at offset ",
                                                   std::min(pos_, dn_.size())));
  }

  absl::StatusOr<std::string> ParseType() {
    SkipSpaces();
    const size_t start = pos_;
    while (!AtEnd() && dn_[pos_] != '=' && dn_[pos_] != ',' &&
           dn_[pos_] != '+' && dn_[pos_] != ';') {
      ++pos_;
    }
    if (AtEnd() || dn_[pos_] != '=') {
      pos_ = start;
      return Error("attribute without '='");
    }
    absl::string_view type =
        absl::StripAsciiWhitespace(dn_.substr(start, pos_ - start));
    ++pos_;  // '='
    absl::string_view bare = type;
    if (absl::StartsWithIgnoreCase(bare, "OID.")) bare.remove_prefix(4);
    if (!IsKeyword(type) && !IsOid(bare)) {
      pos_ = start;
      return Error("bad attribute type");
    }
    return CanonicalAttributeType(type);
  }

  absl::StatusOr<std::string> ParseValue() {
    SkipSpaces();
    if (AtEnd()) return std::string();
    if (dn_[pos_] == '#') return ParseHex();
    if (dn_[pos_] == '"') return ParseQuoted();
    std::string value;
    size_t kept = 0;  // length of `value` up to its last escaped/non-space char
    while (!AtEnd()) {
      const char c = dn_[pos_];
      if (c == ',' || c == '+' || c == ';') break;
      if (c == '\\') {
        absl::Status s = AppendEscape(&value);
        if (!s.ok()) return s;
        kept = value.size();
        continue;
      }
      value.push_back(c);
      ++pos_;
      if (!IsSpace(c)) kept = value.size();
    }
    value.resize(kept);
    return value;
  }

  // Reads "\X" or "\XX" at pos_ and appends the character it stands for.
  absl::Status AppendEscape(std::string* value) {
    if (pos_ + 1 >= dn_.size()) return Error("value ends with a lone '\\'");
    const int hi = HexValue(dn_[pos_ + 1]);
    if (hi >= 0 && pos_ + 2 < dn_.size() && HexValue(dn_[pos_ + 2]) >= 0) {
      value->push_back(static_cast<char>(hi * 16 + HexValue(dn_[pos_ + 2])));
      pos_ += 3;
      return absl::OkStatus();
    }
    const char c = dn_[pos_ + 1];
    if (absl::StrContains(",+\"\\<>;=# ", c)) {
      value->push_back(c);
      pos_ += 2;
      return absl::OkStatus();
    }
    return Error("bad escape sequence");
  }

  absl::StatusOr<std::string> ParseQuoted() {
    ++pos_;  // opening quote
    std::string value;
    while (true) {
      if (AtEnd()) return Error("unterminated quoted value");
      const char c = dn_[pos_];
      if (c == '"') {
        ++pos_;
        return value;
      }
      if (c == '\\') {
        absl::Status s = AppendEscape(&value);
        if (!s.ok()) return s;
        continue;
      }
      value.push_back(c);
      ++pos_;
    }
  }

  absl::StatusOr<std::string> ParseHex() {
    ++pos_;  // '#'
    const size_t start = pos_;
    while (!AtEnd() && !IsSpace(dn_[pos_]) && dn_[pos_] != ',' &&
           dn_[pos_] != '+' && dn_[pos_] != ';') {
      ++pos_;
    }
    absl::StatusOr<std::string> value =
        DecodeHexValue(dn_.substr(start, pos_ - start));
    if (!value.ok()) return Error(value.status().message());
    return value;
  }

  absl::string_view dn_;
  size_t pos_ = 0;
};

}  // namespace

std::string CanonicalAttributeType(absl::string_view type) {
  absl::string_view bare = absl::StripAsciiWhitespace(type);
  if (absl::StartsWithIgnoreCase(bare, "OID.")) bare.remove_prefix(4);
  for (const KnownType& known : kKnownTypes) {
    if (absl::EqualsIgnoreCase(bare, known.canonical) || bare == known.oid) {
      return std::string(known.canonical);
    }
    for (absl::string_view alias : known.aliases) {
      if (!alias.empty() && absl::EqualsIgnoreCase(bare, alias)) {
        return std::string(known.canonical);
      }
    }
  }
  return std::string(bare);
}

absl::StatusOr<std::vector<DnAttribute>> ParseDistinguishedName(
    absl::string_view dn) {
  if (dn.size() > kMaxDistinguishedNameBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("distinguished name of ", dn.size(), " bytes; at most ",
                     kMaxDistinguishedNameBytes, " accepted"));
  }
  return DnParser(dn).Parse();
}

std::optional<std::string> FindAttribute(
    const std::vector<DnAttribute>& attributes, absl::string_view type) {
  const std::string wanted = CanonicalAttributeType(type);
  for (const DnAttribute& attribute : attributes) {
    if (absl::EqualsIgnoreCase(attribute.type, wanted)) return attribute.value;
  }
  return std::nullopt;
}

std::string EscapeAttributeValue(absl::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      absl::StrAppend(&out, absl::StrFormat("\\%02X", u));
    } else if (absl::StrContains("\"+,;<>\\=", c) ||
               (i == 0 && (c == '#' || c == ' ')) ||
               (i + 1 == value.size() && c == ' ')) {
      out.push_back('\\');
      out.push_back(c);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string FormatDistinguishedName(
    const std::vector<DnAttribute>& attributes) {
  std::string out;
  for (size_t i = 0; i < attributes.size(); ++i) {
    if (i > 0) {
      out.push_back(attributes[i].rdn == attributes[i - 1].rdn ? '+' : ',');
    }
    absl::StrAppend(&out, attributes[i].type, "=",
                    EscapeAttributeValue(attributes[i].value));
  }
  return out;
}

}  // namespace sslstore::service::x509
