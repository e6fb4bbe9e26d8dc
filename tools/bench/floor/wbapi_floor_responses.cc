#include "tools/bench/floor/wbapi_floor_responses.h"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "tools/bench/floor/der_fields.h"

namespace sslstore::bench {
namespace {

// The string member `name` of `object`, or nullptr.
const rapidjson::Value* StringMember(const rapidjson::Value& object,
                                     const char* name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return nullptr;
  return &it->value;
}

// True for 1 to 18 decimal digits.
bool IsOrderId(absl::string_view id) {
  if (id.empty() || id.size() > 18) return false;
  for (char c : id) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Parses the reply `body` of the call `what` in situ into `doc`: an error
// unless it is a JSON object without an API error.
absl::Status ParseObjectReply(char* body, absl::string_view what,
                              rapidjson::Document* doc) {
  doc->ParseInsitu(body);
  if (doc->HasParseError() || !doc->IsObject()) {
    return absl::DataLossError(absl::StrCat(what, ": not a JSON object"));
  }
  if (IsApiError(*doc)) {
    return absl::InternalError(absl::StrCat(what, ": API error"));
  }
  return absl::OkStatus();
}

bool ParsesAsX509(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (cert == nullptr) return false;
  X509_free(cert);
  return true;
}

}  // namespace

bool IsApiError(const rapidjson::Value& object) {
  if (!object.IsObject()) return false;
  auto auth = object.FindMember("AuthResponse");
  if (auth == object.MemberEnd() || !auth->value.IsObject()) return false;
  auto is_error = auth->value.FindMember("isError");
  return is_error != auth->value.MemberEnd() && is_error->value.IsBool() &&
         is_error->value.GetBool();
}

absl::StatusOr<int> ParseQueryPage(char* body, std::deque<std::string>* ids) {
  rapidjson::Document doc;
  doc.ParseInsitu(body);
  if (doc.HasParseError() || !doc.IsArray()) {
    return absl::DataLossError("query page: not a JSON array");
  }
  int rows = 0;
  for (const rapidjson::Value& row : doc.GetArray()) {
    if (IsApiError(row)) return absl::InternalError("query page: API error");
    const rapidjson::Value* id = StringMember(row, "TheSSLStoreOrderID");
    if (id == nullptr ||
        !IsOrderId(absl::string_view(id->GetString(), id->GetStringLength()))) {
      return absl::DataLossError("query page: row without a numeric id");
    }
    ids->emplace_back(id->GetString(), id->GetStringLength());
    ++rows;
  }
  return rows;
}

absl::StatusOr<bool> ParseStatus(char* body) {
  rapidjson::Document doc;
  absl::Status parsed = ParseObjectReply(body, "order/status", &doc);
  if (!parsed.ok()) return parsed;
  auto status = doc.FindMember("OrderStatus");
  if (status == doc.MemberEnd()) {
    return absl::DataLossError("order/status: no OrderStatus");
  }
  const rapidjson::Value* major = StringMember(status->value, "MajorStatus");
  if (major == nullptr) {
    return absl::DataLossError("order/status: no OrderStatus.MajorStatus");
  }
  const absl::string_view text(major->GetString(), major->GetStringLength());
  return text == "Active" || text == "Cancelled";
}

bool PemToDer(absl::string_view pem, std::string* der) {
  constexpr absl::string_view kBegin = "-----BEGIN CERTIFICATE-----";
  const size_t begin = pem.find(kBegin);
  if (begin == absl::string_view::npos) return false;
  const size_t body = begin + kBegin.size();
  const size_t end = pem.find("-----END", body);
  if (end == absl::string_view::npos) return false;
  der->resize((end - body) / 4 * 3 + 3);
  EVP_ENCODE_CTX* ctx = EVP_ENCODE_CTX_new();
  if (ctx == nullptr) return false;
  EVP_DecodeInit(ctx);
  int out = 0, tail = 0;
  auto* dst = reinterpret_cast<unsigned char*>(der->data());
  const bool ok = EVP_DecodeUpdate(
                      ctx, dst, &out,
                      reinterpret_cast<const unsigned char*>(pem.data() + body),
                      static_cast<int>(end - body)) >= 0 &&
                  EVP_DecodeFinal(ctx, dst + out, &tail) == 1;
  EVP_ENCODE_CTX_free(ctx);
  if (!ok || out + tail <= 0) return false;
  der->resize(static_cast<size_t>(out) + static_cast<size_t>(tail));
  return true;
}

std::optional<X509Mode> ParseX509Mode(const std::string& name) {
  if (name == "none") return X509Mode::kNone;
  if (name == "first") return X509Mode::kFirst;
  if (name == "all") return X509Mode::kAll;
  if (name == "fields") return X509Mode::kFields;
  return std::nullopt;
}

absl::StatusOr<int> ParseDownload(char* body, X509Mode mode) {
  rapidjson::Document doc;
  absl::Status parsed = ParseObjectReply(body, "order/download", &doc);
  if (!parsed.ok()) return parsed;
  auto certificates = doc.FindMember("Certificates");
  if (certificates == doc.MemberEnd() || !certificates->value.IsArray()) {
    return absl::DataLossError("order/download: no Certificates array");
  }
  std::vector<std::string> ders;
  for (const rapidjson::Value& entry : certificates->value.GetArray()) {
    const rapidjson::Value* pem = StringMember(entry, "FileContent");
    ders.emplace_back();
    if (pem == nullptr ||
        !PemToDer(absl::string_view(pem->GetString(), pem->GetStringLength()),
                  &ders.back())) {
      return absl::DataLossError("order/download: FileContent is not PEM");
    }
  }
  if (ders.empty()) {
    return absl::DataLossError("order/download: no certificate");
  }
  bool ok = true;
  switch (mode) {
    case X509Mode::kNone:
      break;
    case X509Mode::kFirst:
      ok = ParsesAsX509(ders[0]);
      break;
    case X509Mode::kAll:
      for (const std::string& der : ders) ok = ok && ParsesAsX509(der);
      break;
    case X509Mode::kFields:
      ok = ReadRecordFields(ders);
      break;
  }
  if (!ok) return absl::DataLossError("order/download: certificate unreadable");
  return static_cast<int>(ders.size());
}

}  // namespace sslstore::bench
