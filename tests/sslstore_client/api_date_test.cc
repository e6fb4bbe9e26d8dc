#include "sslstore_client/api_date.h"

#include "absl/time/civil_time.h"
#include "gtest/gtest.h"

namespace sslstore::client {
namespace {

absl::Time Utc(int y, int mo, int d, int h, int mi, int s) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s),
                         absl::UTCTimeZone());
}

TEST(ApiDateTest, ParsesUsCultureWithAmPm) {
  ApiDate d = ParseApiDate("7/23/2026 1:50:20 AM");
  ASSERT_TRUE(d.time.has_value());
  EXPECT_EQ(*d.time, Utc(2026, 7, 23, 1, 50, 20));
  EXPECT_FALSE(d.unparseable);
  EXPECT_EQ(d.text, "7/23/2026 1:50:20 AM");

  EXPECT_EQ(*ParseApiDate("2/8/2027 11:59:59 PM").time,
            Utc(2027, 2, 8, 23, 59, 59));
  EXPECT_EQ(*ParseApiDate("7/23/2026 12:00:00 AM").time,
            Utc(2026, 7, 23, 0, 0, 0));
  EXPECT_EQ(*ParseApiDate("7/23/2026 12:30:00 PM").time,
            Utc(2026, 7, 23, 12, 30, 0));
}

TEST(ApiDateTest, ParsesTwentyFourHourAndDashedForms) {
  EXPECT_EQ(*ParseApiDate("7/23/2026 13:05:00").time,
            Utc(2026, 7, 23, 13, 5, 0));
  EXPECT_EQ(*ParseApiDate("07-23-2026 13:05:09").time,
            Utc(2026, 7, 23, 13, 5, 9));
}

TEST(ApiDateTest, ParsesIso8601) {
  EXPECT_EQ(*ParseApiDate("2026-07-23T01:50:20").time,
            Utc(2026, 7, 23, 1, 50, 20));
  EXPECT_EQ(*ParseApiDate("2026-07-23T01:50:20.123Z").time,
            Utc(2026, 7, 23, 1, 50, 20));
  EXPECT_EQ(*ParseApiDate("2026-07-23T03:50:20+02:00").time,
            Utc(2026, 7, 23, 1, 50, 20));
  EXPECT_EQ(*ParseApiDate("2026-07-23").time, Utc(2026, 7, 23, 0, 0, 0));
}

TEST(ApiDateTest, ParsesDotNetDates) {
  EXPECT_EQ(*ParseApiDate("/Date(1745280000000)/").time,
            absl::FromUnixMillis(1745280000000));
  // The offset is informational; the milliseconds are UTC.
  EXPECT_EQ(*ParseApiDate("/Date(928164000000-0400)/").time,
            absl::FromUnixMillis(928164000000));
  EXPECT_EQ(*ParseApiDate("/Date(-1000)/").time, absl::FromUnixMillis(-1000));
}

TEST(ApiDateTest, SentinelsAndEmptyAreAbsentNotUnknown) {
  for (const char* text : {"", "   ", "1/1/1900 12:00:00 AM",
                           "01-01-1900 00:00:00", "0001-01-01T00:00:00"}) {
    ApiDate d = ParseApiDate(text);
    EXPECT_FALSE(d.time.has_value()) << text;
    EXPECT_FALSE(d.unparseable) << text;
  }
}

TEST(ApiDateTest, GarbageIsExplicitlyUnknownNeverZero) {
  for (const char* text :
       {"soon", "13/45/2026 1:00:00 AM", "2/30/2026 1:00:00 AM",
        "7/23/2026 25:00:00", "7/23/2026 0:10:00 PM", "7/23/2026 1:00:00 XM",
        "/Date(abc)/", "/Date(99999999999999999999999)/", "2026-13-01",
        "7/23/99999 1:00:00 AM", "7//2026", "2026-07-23T01:50:20+99:00",
        "-1/2/2026", "\xff\xfe"}) {
    ApiDate d = ParseApiDate(text);
    EXPECT_FALSE(d.time.has_value()) << text;
    EXPECT_TRUE(d.unparseable) << text;
  }
}

TEST(ApiDateTest, LeapDayIsValidOnlyInLeapYears) {
  EXPECT_TRUE(ParseApiDate("2/29/2028 1:00:00 AM").time.has_value());
  EXPECT_TRUE(ParseApiDate("2/29/2027 1:00:00 AM").unparseable);
}

TEST(ApiDateTest, FormatsDotNetDateRoundTrip) {
  absl::Time t = absl::FromUnixMillis(1753228800000);
  EXPECT_EQ(FormatDotNetDate(t), "/Date(1753228800000)/");
  EXPECT_EQ(*ParseApiDate(FormatDotNetDate(t)).time, t);
}

}  // namespace
}  // namespace sslstore::client
