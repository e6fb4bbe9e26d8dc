#ifndef SSLSTORE_CLIENT_API_DATE_H_
#define SSLSTORE_CLIENT_API_DATE_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sslstore::client {

// A date as SSL Store sent it. Three states: absent (`text` empty, or the
// 1/1/1900 and 0001-01-01 "unset" sentinels), known (`time` set), and
// unknown (`unparseable` true: text was present but could not be read).
// An unknown date is never reported as a zero or epoch time.
struct ApiDate {
  // The instant, when the text parsed. Dates without an offset are read as
  // UTC (the `*InUTC` fields are UTC; the others are server-local time).
  std::optional<absl::Time> time;
  // True when `text` held something that is not a date this parser knows.
  bool unparseable = false;
  // The text as received, trimmed; empty when the field was absent or null.
  std::string text;
};

// Parses a WBAPI date: `M/d/yyyy h:mm:ss tt` (en-US, e.g.
// "7/23/2026 1:50:20 AM"), `M/d/yyyy H:mm:ss`, `MM-dd-yyyy HH:mm:ss`,
// ISO-8601 (`yyyy-MM-ddTHH:mm:ss[.fff][Z|+hh:mm]`) and .NET JSON dates
// `/Date(ms[+hhmm])/`. Never fails: bad input gives `unparseable`.
ApiDate ParseApiDate(absl::string_view text);

// Formats `t` as a .NET JSON date, "/Date(<ms since the Unix epoch>)/", the
// form the WBAPI expects in request date filters.
std::string FormatDotNetDate(absl::Time t);

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_API_DATE_H_
