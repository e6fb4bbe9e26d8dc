// The least JSON handling the upstream floor needs from WBAPI replies: each
// body is parsed in situ with RapidJSON for the fields the sync uses only,
// and downloaded certificates are read as --x509 says.
#ifndef TOOLS_BENCH_FLOOR_WBAPI_FLOOR_RESPONSES_H_
#define TOOLS_BENCH_FLOOR_WBAPI_FLOOR_RESPONSES_H_

#include <deque>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"

namespace sslstore::bench {

// True when `object`'s AuthResponse says isError: true.
bool IsApiError(const rapidjson::Value& object);

// Parses a query page (a JSON array of orders; `body` is NUL-terminated and
// overwritten) and appends the TheSSLStoreOrderID of each row to `ids`.
// Returns the number of rows; an error when the page or a row is malformed
// or an API error.
absl::StatusOr<int> ParseQueryPage(char* body, std::deque<std::string>* ids);

// Parses an /order/status reply in situ; true when the order has a
// certificate to download (MajorStatus Active or Cancelled).
absl::StatusOr<bool> ParseStatus(char* body);

// Base64-decodes the body of the first PEM certificate block of `pem` into
// `der`; false when there is none or it does not decode.
bool PemToDer(absl::string_view pem, std::string* der);

// How downloaded certificates are read (--x509).
enum class X509Mode {
  kNone,    // not at all (isolates the cost of the rest)
  kFirst,   // d2i_X509 of the first certificate only (the brief's floor)
  kAll,     // d2i_X509 of every certificate
  kFields,  // what a record needs, without d2i_X509 (see ReadRecordFields)
};

// The mode named `name` (none, first, all, fields), or nullopt.
std::optional<X509Mode> ParseX509Mode(const std::string& name);

// Parses an /order/download reply in situ: decodes every FileContent PEM and
// reads the certificates as `mode` says. Returns the PEM count; an error
// when the reply, a PEM or (as `mode` reads them) a certificate is bad.
absl::StatusOr<int> ParseDownload(char* body, X509Mode mode);

}  // namespace sslstore::bench

#endif  // TOOLS_BENCH_FLOOR_WBAPI_FLOOR_RESPONSES_H_
