#include "sslstore_client/api_date.h"

#include <cstdint>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace sslstore::client {
namespace {

// Calendar fields read from text, validated before conversion (absl's civil
// types would silently normalise 13/45/2026).
struct Fields {
  int64_t year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

// Reads an unsigned decimal of 1..max_digits digits.
bool ReadNumber(absl::string_view text, size_t max_digits, int64_t* out) {
  if (text.empty() || text.size() > max_digits) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return absl::SimpleAtoi(text, out);
}

bool ReadInt(absl::string_view text, size_t max_digits, int* out) {
  int64_t value = 0;
  if (!ReadNumber(text, max_digits, &value)) return false;
  *out = static_cast<int>(value);
  return true;
}

bool IsLeapYear(int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool Valid(const Fields& f) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  if (f.year < 1 || f.year > 9999 || f.month < 1 || f.month > 12) return false;
  int days = kDays[f.month - 1] + (f.month == 2 && IsLeapYear(f.year) ? 1 : 0);
  return f.day >= 1 && f.day <= days && f.hour >= 0 && f.hour <= 23 &&
         f.minute >= 0 && f.minute <= 59 && f.second >= 0 && f.second <= 59;
}

// The "no value" sentinels: 1/1/1900 (any time) and 0001-01-01.
bool IsSentinel(const Fields& f) {
  return (f.year == 1900 && f.month == 1 && f.day == 1) ||
         (f.year == 1 && f.month == 1 && f.day == 1);
}

// Reads "h:mm:ss" or "h:mm" (seconds optional) into hour/minute/second.
bool ReadClock(absl::string_view text, Fields* f) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, ':');
  if (parts.size() < 2 || parts.size() > 3) return false;
  if (!ReadInt(parts[0], 2, &f->hour) || !ReadInt(parts[1], 2, &f->minute)) {
    return false;
  }
  f->second = 0;
  if (parts.size() == 3) {
    // Fractional seconds are dropped.
    absl::string_view sec = parts[2];
    size_t dot = sec.find('.');
    if (dot != absl::string_view::npos) {
      absl::string_view frac = sec.substr(dot + 1);
      int64_t ignored = 0;
      if (!ReadNumber(frac, 9, &ignored)) return false;
      sec = sec.substr(0, dot);
    }
    if (!ReadInt(sec, 2, &f->second)) return false;
  }
  return true;
}

// "M/d/yyyy h:mm:ss tt", "M/d/yyyy H:mm:ss", "MM-dd-yyyy HH:mm:ss".
bool ParseCultureDate(absl::string_view text, Fields* f) {
  std::vector<absl::string_view> words =
      absl::StrSplit(text, ' ', absl::SkipEmpty());
  if (words.empty() || words.size() > 3) return false;
  char sep = words[0].find('/') != absl::string_view::npos ? '/' : '-';
  std::vector<absl::string_view> date = absl::StrSplit(words[0], sep);
  if (date.size() != 3 || !ReadInt(date[0], 2, &f->month) ||
      !ReadInt(date[1], 2, &f->day) || !ReadNumber(date[2], 4, &f->year)) {
    return false;
  }
  if (words.size() == 1) return true;
  if (!ReadClock(words[1], f)) return false;
  if (words.size() == 3) {
    bool pm = absl::EqualsIgnoreCase(words[2], "PM");
    if (!pm && !absl::EqualsIgnoreCase(words[2], "AM")) return false;
    if (f->hour < 1 || f->hour > 12) return false;
    f->hour = f->hour % 12 + (pm ? 12 : 0);
  }
  return true;
}

// Reads "+hh:mm", "+hhmm", "+hh" into seconds east of UTC.
bool ReadOffset(absl::string_view text, int* seconds) {
  if (text.empty() || (text[0] != '+' && text[0] != '-')) return false;
  int sign = text[0] == '-' ? -1 : 1;
  std::string digits = absl::StrReplaceAll(text.substr(1), {{":", ""}});
  int hours = 0;
  int minutes = 0;
  if (digits.size() != 2 && digits.size() != 4) return false;
  if (!ReadInt(absl::string_view(digits).substr(0, 2), 2, &hours)) return false;
  if (digits.size() == 4 &&
      !ReadInt(absl::string_view(digits).substr(2), 2, &minutes)) {
    return false;
  }
  if (hours > 23 || minutes > 59) return false;
  *seconds = sign * (hours * 3600 + minutes * 60);
  return true;
}

// ISO-8601: yyyy-MM-dd[(T| )HH:mm[:ss[.fff]]][Z|±hh:mm].
bool ParseIsoDate(absl::string_view text, Fields* f, int* offset_seconds) {
  *offset_seconds = 0;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
  if (!ReadNumber(text.substr(0, 4), 4, &f->year) ||
      !ReadInt(text.substr(5, 2), 2, &f->month) ||
      !ReadInt(text.substr(8, 2), 2, &f->day)) {
    return false;
  }
  absl::string_view rest = text.substr(10);
  if (rest.empty()) return true;
  if (rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ') return false;
  rest.remove_prefix(1);
  if (!rest.empty() && (rest.back() == 'Z' || rest.back() == 'z')) {
    rest.remove_suffix(1);
  } else {
    size_t sign = rest.find_first_of("+-");
    if (sign != absl::string_view::npos) {
      if (!ReadOffset(rest.substr(sign), offset_seconds)) return false;
      rest = rest.substr(0, sign);
    }
  }
  return ReadClock(rest, f);
}

// "/Date(1745280000000)/" or "/Date(928164000000-0400)/"; the offset is
// informational, the milliseconds are UTC.
bool ParseDotNetDate(absl::string_view text, absl::Time* out) {
  if (!absl::ConsumePrefix(&text, "/Date(") ||
      !absl::ConsumeSuffix(&text, ")/")) {
    return false;
  }
  size_t sign = text.find_first_of("+-", 1);
  absl::string_view millis = text.substr(0, sign);
  if (sign != absl::string_view::npos) {
    int ignored = 0;
    if (!ReadOffset(text.substr(sign), &ignored)) return false;
  }
  bool negative = absl::ConsumePrefix(&millis, "-");
  int64_t ms = 0;
  if (!ReadNumber(millis, 15, &ms)) return false;  // +/- ~31,000 years.
  *out = absl::FromUnixMillis(negative ? -ms : ms);
  return true;
}

}  // namespace

ApiDate ParseApiDate(absl::string_view text) {
  ApiDate date;
  text = absl::StripAsciiWhitespace(text);
  date.text = std::string(text);
  if (text.empty()) return date;

  absl::Time instant;
  if (ParseDotNetDate(text, &instant)) {
    date.time = instant;
    return date;
  }
  Fields f;
  int offset_seconds = 0;
  bool read =
      absl::ascii_isdigit(static_cast<unsigned char>(text[0])) &&
      (ParseIsoDate(text, &f, &offset_seconds) ||
       ((f = Fields{}), offset_seconds = 0, ParseCultureDate(text, &f)));
  if (!read || !Valid(f)) {
    date.unparseable = true;
    return date;
  }
  if (IsSentinel(f)) return date;
  absl::CivilSecond civil(f.year, f.month, f.day, f.hour, f.minute, f.second);
  date.time = absl::FromCivil(civil, absl::UTCTimeZone()) -
              absl::Seconds(offset_seconds);
  return date;
}

std::string FormatDotNetDate(absl::Time t) {
  return absl::StrCat("/Date(", absl::ToUnixMillis(t), ")/");
}

}  // namespace sslstore::client
