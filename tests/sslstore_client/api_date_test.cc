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

TEST(ApiDateTest, AmbiguousDayAndMonthAreReadMonthFirst) {
  // 3/4/2026 is the 4th of March (en-US), never the 3rd of April.
  EXPECT_EQ(*ParseApiDate("3/4/2026 5:06:07 PM").time,
            Utc(2026, 3, 4, 17, 6, 7));
  EXPECT_EQ(*ParseApiDate("3/4/2026 05:06:07").time, Utc(2026, 3, 4, 5, 6, 7));
  EXPECT_EQ(*ParseApiDate("03-04-2026 05:06:07").time,
            Utc(2026, 3, 4, 5, 6, 7));
  EXPECT_EQ(*ParseApiDate("12/1/2026 12:00:00 AM").time,
            Utc(2026, 12, 1, 0, 0, 0));
  // A day-first date is not silently swapped: 25/3/2026 has no month 25.
  EXPECT_TRUE(ParseApiDate("25/3/2026 1:00:00 AM").unparseable);
  EXPECT_FALSE(ParseApiDate("25/3/2026 1:00:00 AM").time.has_value());
}

TEST(ApiDateTest, DatesWithoutAnOffsetAreUtc) {
  // "M/d/yyyy h:mm:ss tt" and ISO-8601 without an offset name the same UTC
  // instant as the explicit Z and +00:00 forms, whatever the local zone.
  const absl::Time expected = Utc(2026, 3, 4, 5, 6, 7);
  for (const char* text :
       {"3/4/2026 5:06:07 AM", "3/4/2026 05:06:07", "2026-03-04T05:06:07",
        "2026-03-04 05:06:07", "2026-03-04T05:06:07.250",
        "2026-03-04T05:06:07Z", "2026-03-04T05:06:07+00:00"}) {
    SCOPED_TRACE(text);
    ApiDate date = ParseApiDate(text);
    ASSERT_TRUE(date.time.has_value());
    EXPECT_EQ(*date.time, expected);
  }
  EXPECT_EQ(absl::ToUnixSeconds(*ParseApiDate("1/2/2026 3:04:05 PM").time),
            1767366245);  // 2026-01-02T15:04:05Z
  // With an offset, the offset is honoured.
  EXPECT_EQ(*ParseApiDate("2026-03-04T00:06:07-05:00").time, expected);
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
