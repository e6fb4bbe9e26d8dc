// Date formats of the WBAPI: culture-formatted response strings
// ("7/23/2026 1:50:20 AM" for en-US, "23/07/2026 01:50:20" for en-GB), the
// 1/1/1900 sentinel for unset dates, and the request forms accepted by
// /order/query ("/Date(ms[+-hhmm])/", ISO-8601, bare milliseconds).
#ifndef TOOLS_SSLSTORE_SIM_WBAPI_DATES_H_
#define TOOLS_SSLSTORE_SIM_WBAPI_DATES_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sslstore_sim {

// Response date cultures the simulator honours (DateTimeCulture).
enum class DateCulture { kEnUs, kEnGb };

// Maps a DateTimeCulture value to a culture; anything unknown is en-US.
DateCulture ParseCulture(absl::string_view culture);

// Formats `t` in UTC in the culture's format. absl::InfinitePast() (unset)
// gives the 1/1/1900 12:00:00 AM sentinel in the same culture.
std::string FormatWbapiDate(absl::Time t, DateCulture culture);

// Parses a request date: "/Date(ms)/" with optional +hhmm/-hhmm, ISO-8601
// (date only or date-time, optional Z or offset), or a bare millisecond
// count. Returns nullopt for anything else.
std::optional<absl::Time> ParseRequestDate(absl::string_view text);

// Adds `months` calendar months to `t` (UTC), clamping the day of month.
absl::Time AddMonths(absl::Time t, int months);

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_WBAPI_DATES_H_
