// libFuzzer target: every WBAPI response parser of sslstore_client
// (model_parser.h) and the date parser, all on each input, which is taken as
// an HTTP response body. Beyond "no crash, leak or undefined behaviour" it
// checks the parsers' contract: a refused body is a client error carrying
// ErrorInfo, array replies account for every row, and a parsed date survives
// a .NET JSON date round trip.
#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "sslstore_client/api_date.h"
#include "sslstore_client/errors.h"
#include "sslstore_client/model_parser.h"
#include "tools/fuzz/fuzz_check.h"

namespace {

using sslstore::client::ApiDate;
using sslstore::client::FormatDotNetDate;
using sslstore::client::GetErrorInfo;
using sslstore::client::ParseApiDate;

// A refusal must be a client error with its facts attached.
void CheckClientError(const absl::Status& status) {
  FUZZ_CHECK(!status.ok());
  FUZZ_CHECK(GetErrorInfo(status).has_value());
}

template <typename T>
void CheckParsed(const absl::StatusOr<T>& parsed) {
  if (!parsed.ok()) CheckClientError(parsed.status());
}

// Rows are either accepted or rejected with a client error, never lost.
template <typename Response, typename RowsMember>
void CheckRows(const absl::StatusOr<Response>& parsed, RowsMember rows) {
  if (!parsed.ok()) {
    CheckClientError(parsed.status());
    return;
  }
  const Response& response = *parsed;
  FUZZ_CHECK(response.row_count >= 0);
  FUZZ_CHECK((response.*rows).size() + response.rejected_rows.size() ==
             static_cast<size_t>(response.row_count));
  for (const absl::Status& rejected : response.rejected_rows) {
    CheckClientError(rejected);
  }
}

// A date read from the text keeps its millisecond instant through
// FormatDotNetDate (the form request filters are sent in).
void CheckDate(absl::string_view text) {
  ApiDate date = ParseApiDate(text);
  FUZZ_CHECK(!(date.time.has_value() && date.unparseable));
  if (!date.time.has_value()) return;
  absl::Time millis = absl::FromUnixMillis(absl::ToUnixMillis(*date.time));
  ApiDate again = ParseApiDate(FormatDotNetDate(*date.time));
  FUZZ_CHECK(again.time.has_value());
  FUZZ_CHECK(*again.time == millis);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace client = sslstore::client;
  absl::string_view body(reinterpret_cast<const char*>(data), size);
  CheckParsed(client::ParseOrderResponse(body));
  CheckRows(client::ParseQueryResponse(body), &client::QueryResponse::orders);
  CheckParsed(client::ParseDownloadResponse(body));
  CheckParsed(client::ParseCertificateRevokeResponse(body));
  CheckParsed(client::ParseApproverListResponse(body));
  CheckParsed(client::ParseOrganizationListResponse(body));
  CheckParsed(client::ParseHealthResponse(body));
  CheckRows(client::ParseProductQueryResponse(body),
            &client::ProductQueryResponse::products);
  // Dates are short strings; longer inputs add nothing.
  if (size <= 64) CheckDate(body);
  return 0;
}
