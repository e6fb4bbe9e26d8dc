#include "proto/time/proto_time.h"

#include "absl/time/civil_time.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"

namespace sslstore::proto_time {
namespace {

using google::protobuf::util::TimeUtil;

TEST(ProtoTimeTest, TimestampsRoundTripWithNanos) {
  const absl::Time time =
      absl::FromUnixSeconds(1700000000) + absl::Nanoseconds(123456789);
  const google::protobuf::Timestamp timestamp = ToProtoTimestamp(time);
  EXPECT_EQ(timestamp.seconds(), 1700000000);
  EXPECT_EQ(timestamp.nanos(), 123456789);
  EXPECT_EQ(FromProtoTimestamp(timestamp), time);
}

TEST(ProtoTimeTest, TimesBeforeTheEpochAndAfter2262AreExact) {
  const absl::Time before = absl::FromUnixSeconds(-1) + absl::Milliseconds(1);
  EXPECT_EQ(ToProtoTimestamp(before).seconds(), -1);
  EXPECT_EQ(ToProtoTimestamp(before).nanos(), 1000000);
  EXPECT_EQ(FromProtoTimestamp(ToProtoTimestamp(before)), before);
  const absl::Time no_expiry = absl::FromCivil(
      absl::CivilSecond(9999, 12, 31, 23, 59, 59), absl::UTCTimeZone());
  EXPECT_EQ(TimeUtil::ToString(ToProtoTimestamp(no_expiry)),
            "9999-12-31T23:59:59Z");
  EXPECT_EQ(FromProtoTimestamp(ToProtoTimestamp(no_expiry)), no_expiry);
}

TEST(ProtoTimeTest, DurationsRoundTripBothSigns) {
  for (absl::Duration duration :
       {absl::Milliseconds(1500), -absl::Milliseconds(1500),
        absl::ZeroDuration(), absl::Hours(24 * 365 * 400)}) {
    EXPECT_EQ(FromProtoDuration(ToProtoDuration(duration)), duration)
        << duration;
  }
  EXPECT_EQ(ToProtoDuration(absl::Milliseconds(1500)).nanos(), 500000000);
}

}  // namespace
}  // namespace sslstore::proto_time
