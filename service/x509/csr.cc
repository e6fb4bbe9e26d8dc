#include "service/x509/csr.h"

#include <openssl/core_names.h>
#include <openssl/objects.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/x509/digest.h"
#include "service/x509/general_names.h"
#include "service/x509/pem_text.h"
#include "service/x509/x509_name.h"
#include "sslstore_client/openssl/openssl_ptr.h"

namespace sslstore::service::x509 {
namespace {

constexpr absl::string_view kCsrLabel = "CERTIFICATE REQUEST";
constexpr int kMinRsaBits = 2048;

bool IsCsrLabel(absl::string_view label) {
  return label.empty() || label == kCsrLabel ||
         label == "NEW CERTIFICATE REQUEST";
}

absl::Status Invalid(absl::string_view what) {
  return absl::InvalidArgumentError(what);
}

// The DER of the single CSR in `text`.
absl::StatusOr<std::string> CsrDer(absl::string_view text) {
  if (text.size() > kMaxCsrTextBytes) {
    return Invalid(absl::StrCat("CSR of ", text.size(), " bytes; at most ",
                                kMaxCsrTextBytes, " accepted"));
  }
  absl::StatusOr<std::vector<DerBlock>> blocks = ExtractDerBlocks(text, 4);
  if (!blocks.ok()) {
    return Invalid(absl::StrCat("CSR: ", blocks.status().message()));
  }
  if (blocks->empty()) return Invalid("CSR is empty");
  if (blocks->size() > 1) {
    return Invalid(absl::StrCat("CSR text holds ", blocks->size(),
                                " PEM blocks; exactly one expected"));
  }
  DerBlock& block = blocks->front();
  if (!IsCsrLabel(block.label)) {
    return Invalid(absl::StrCat("PEM block \"", block.label,
                                "\" is not a certificate request"));
  }
  return std::move(block.der);
}

// Fills the key fields of `info` from `key`.
absl::Status DescribeKey(EVP_PKEY* key, CsrInfo* info) {
  info->key_bits = EVP_PKEY_get_bits(key);
  const int id = EVP_PKEY_get_base_id(key);
  if (id == EVP_PKEY_RSA) {
    info->key_algorithm = "RSA";
    info->key_type = absl::StrCat("RSA-", info->key_bits);
  } else if (id == EVP_PKEY_EC) {
    info->key_algorithm = "EC";
    char group[80] = {};
    size_t group_len = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group,
                                       sizeof(group), &group_len) != 1) {
      info->ec_curve = "explicit";  // no named curve
    } else if (absl::string_view(group) == "prime256v1") {
      info->ec_curve = "P-256";
    } else if (absl::string_view(group) == "secp384r1") {
      info->ec_curve = "P-384";
    } else {
      info->ec_curve = group;
    }
    info->key_type =
        absl::StrCat("EC-", info->ec_curve == "P-256"   ? "P256"
                            : info->ec_curve == "P-384" ? "P384"
                                                        : info->ec_curve);
  } else {
    const char* name = OBJ_nid2sn(id);
    if (name == nullptr || id == NID_undef) name = EVP_PKEY_get0_type_name(key);
    info->key_algorithm = name == nullptr ? "unknown" : name;
    info->key_type = info->key_algorithm;
  }
  unsigned char* spki = nullptr;
  const int spki_len = i2d_PUBKEY(key, &spki);
  openssl::OpenSslMallocPtr<unsigned char> owned(spki);
  if (spki_len <= 0 || spki == nullptr) {
    return Invalid("CSR public key cannot be encoded");
  }
  info->public_key_der.assign(reinterpret_cast<const char*>(spki),
                              static_cast<size_t>(spki_len));
  return absl::OkStatus();
}

// Reads the subjectAltName of the extensionRequest attribute into `info`.
absl::Status ReadSubjectAltNames(X509_REQ* req, CsrInfo* info) {
  openssl::ExtensionStackPtr extensions(X509_REQ_get_extensions(req));
  if (extensions == nullptr) return absl::OkStatus();
  SubjectAltNames names;
  const int count = sk_X509_EXTENSION_num(extensions.get());
  for (int i = 0; i < count; ++i) {
    X509_EXTENSION* extension = sk_X509_EXTENSION_value(extensions.get(), i);
    if (extension == nullptr || OBJ_obj2nid(X509_EXTENSION_get_object(
                                    extension)) != NID_subject_alt_name) {
      continue;
    }
    openssl::GeneralNamesPtr general_names(
        static_cast<GENERAL_NAMES*>(X509V3_EXT_d2i(extension)));
    if (general_names == nullptr) {
      return Invalid("CSR subjectAltName extension is malformed");
    }
    absl::Status status = AppendGeneralNames(general_names.get(), &names);
    if (!status.ok()) return Invalid(absl::StrCat("CSR ", status.message()));
  }
  info->dns_names = std::move(names.dns_names);
  info->ip_addresses = std::move(names.ip_addresses);
  info->emails = std::move(names.emails);
  info->uris = std::move(names.uris);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CsrInfo> ParseCsr(absl::string_view text) {
  absl::StatusOr<std::string> der = CsrDer(text);
  if (!der.ok()) return der.status();

  const unsigned char* p = reinterpret_cast<const unsigned char*>(der->data());
  const unsigned char* const end = p + der->size();
  openssl::X509ReqPtr req(
      d2i_X509_REQ(nullptr, &p, static_cast<long>(der->size())));
  if (req == nullptr)
    return Invalid("CSR is not a PKCS#10 certificate request");
  if (p != end) return Invalid("CSR has trailing bytes after the request");

  CsrInfo info;
  info.der = *std::move(der);
  info.pem = ToPem(kCsrLabel, info.der);
  info.sha256_hex = Sha256Hex(info.der);

  absl::StatusOr<std::vector<DnAttribute>> subject =
      NameAttributes(X509_REQ_get_subject_name(req.get()));
  if (!subject.ok()) {
    return Invalid(absl::StrCat("CSR subject: ", subject.status().message()));
  }
  info.subject_attributes = *std::move(subject);
  info.subject = FormatDistinguishedName(info.subject_attributes);
  info.common_name = FindAttribute(info.subject_attributes, "CN").value_or("");

  EVP_PKEY* key = X509_REQ_get0_pubkey(req.get());
  if (key == nullptr) return Invalid("CSR public key is unreadable");
  absl::Status status = DescribeKey(key, &info);
  if (!status.ok()) return status;
  status = ReadSubjectAltNames(req.get(), &info);
  if (!status.ok()) return status;

  info.signature_valid = X509_REQ_verify(req.get(), key) == 1;
  return info;
}

std::vector<Problem> CsrPolicyProblems(const CsrInfo& csr) {
  std::vector<Problem> problems;
  auto add = [&problems](std::string description) {
    problems.push_back(Problem{"csr", std::move(description)});
  };
  if (!csr.signature_valid) add("CSR signature does not verify");
  if (csr.key_algorithm == "RSA") {
    if (csr.key_bits < kMinRsaBits) {
      add(absl::StrCat("RSA key of ", csr.key_bits, " bits; ", kMinRsaBits,
                       " or more required"));
    }
  } else if (csr.key_algorithm == "EC") {
    if (csr.ec_curve != "P-256" && csr.ec_curve != "P-384") {
      add(absl::StrCat("EC curve ", csr.ec_curve,
                       " not accepted; use P-256 or P-384"));
    }
  } else {
    add(absl::StrCat("key type ", csr.key_algorithm,
                     " not accepted; use RSA (2048 bits or more) or EC P-256 "
                     "or P-384"));
  }
  return problems;
}

CsrCheck CheckCsr(absl::string_view text) {
  CsrCheck check;
  absl::StatusOr<CsrInfo> info = ParseCsr(text);
  if (!info.ok()) {
    check.problems.push_back(
        Problem{"csr", std::string(info.status().message())});
    return check;
  }
  check.problems = CsrPolicyProblems(*info);
  check.info = *std::move(info);
  return check;
}

absl::StatusOr<CsrInfo> ValidateCsr(absl::string_view text) {
  CsrCheck check = CheckCsr(text);
  if (check.problems.empty() && check.info.has_value()) {
    return *std::move(check.info);
  }
  return absl::InvalidArgumentError(absl::StrJoin(
      check.problems, "; ", [](std::string* out, const Problem& problem) {
        out->append(problem.description);
      }));
}

}  // namespace sslstore::service::x509
