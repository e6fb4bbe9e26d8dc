#include "tools/sslstore-sim/wbapi_dates.h"

#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"

namespace sslstore_sim {

DateCulture ParseCulture(absl::string_view culture) {
  if (absl::EqualsIgnoreCase(culture, "en-GB")) return DateCulture::kEnGb;
  return DateCulture::kEnUs;
}

std::string FormatWbapiDate(absl::Time t, DateCulture culture) {
  absl::CivilSecond c(1900, 1, 1, 0, 0, 0);
  if (t != absl::InfinitePast())
    c = absl::ToCivilSecond(t, absl::UTCTimeZone());
  if (culture == DateCulture::kEnGb) {
    return absl::StrFormat("%02d/%02d/%04d %02d:%02d:%02d", c.day(), c.month(),
                           c.year(), c.hour(), c.minute(), c.second());
  }
  int hour12 = c.hour() % 12;
  if (hour12 == 0) hour12 = 12;
  return absl::StrFormat("%d/%d/%d %d:%02d:%02d %s", c.month(), c.day(),
                         c.year(), hour12, c.minute(), c.second(),
                         c.hour() < 12 ? "AM" : "PM");
}

namespace {

// Parses "/Date(ms[+-hhmm])/" (the offset only affects display; the
// millisecond count is UTC already).
std::optional<absl::Time> ParseDotNetDate(absl::string_view s) {
  if (!absl::ConsumePrefix(&s, "/Date(") || !absl::ConsumeSuffix(&s, ")/")) {
    return std::nullopt;
  }
  size_t sign = s.find_first_of("+-", 1);
  absl::string_view ms_text = s.substr(0, sign);
  if (sign != absl::string_view::npos) {
    absl::string_view offset = s.substr(sign + 1);
    int unused = 0;
    if (offset.size() != 4 || !absl::SimpleAtoi(offset, &unused)) {
      return std::nullopt;
    }
  }
  int64_t ms = 0;
  if (!absl::SimpleAtoi(ms_text, &ms)) return std::nullopt;
  return absl::FromUnixMillis(ms);
}

}  // namespace

std::optional<absl::Time> ParseRequestDate(absl::string_view text) {
  absl::string_view s = absl::StripAsciiWhitespace(text);
  if (s.empty()) return std::nullopt;
  if (absl::StartsWith(s, "/Date(")) return ParseDotNetDate(s);
  int64_t ms = 0;
  if (absl::SimpleAtoi(s, &ms)) return absl::FromUnixMillis(ms);
  absl::Time t;
  std::string err;
  const char* kFormats[] = {"%Y-%m-%dT%H:%M:%E*S%Ez", "%Y-%m-%dT%H:%M:%E*SZ",
                            "%Y-%m-%dT%H:%M:%E*S", "%Y-%m-%d"};
  for (const char* f : kFormats) {
    if (absl::ParseTime(f, std::string(s), absl::UTCTimeZone(), &t, &err)) {
      return t;
    }
  }
  return std::nullopt;
}

absl::Time AddMonths(absl::Time t, int months) {
  absl::CivilSecond c = absl::ToCivilSecond(t, absl::UTCTimeZone());
  absl::CivilMonth m = absl::CivilMonth(c) + months;
  // Clamp the day: the last day of the target month.
  absl::CivilDay last = absl::CivilDay(m + 1) - 1;
  int day = std::min<int>(c.day(), last.day());
  absl::CivilSecond out(m.year(), m.month(), day, c.hour(), c.minute(),
                        c.second());
  return absl::FromCivil(out, absl::UTCTimeZone()) +
         (t - absl::FromCivil(c, absl::UTCTimeZone()));
}

}  // namespace sslstore_sim
