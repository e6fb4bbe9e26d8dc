#include "proto/time/proto_time.h"

#include <cstdint>

#include "google/protobuf/util/time_util.h"

namespace sslstore::proto_time {

using google::protobuf::util::TimeUtil;

google::protobuf::Timestamp ToProtoTimestamp(absl::Time time) {
  const int64_t seconds = absl::ToUnixSeconds(time);
  return TimeUtil::SecondsToTimestamp(seconds) +
         TimeUtil::NanosecondsToDuration(
             absl::ToInt64Nanoseconds(time - absl::FromUnixSeconds(seconds)));
}

absl::Time FromProtoTimestamp(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixSeconds(TimeUtil::TimestampToSeconds(timestamp)) +
         absl::Nanoseconds(timestamp.nanos());
}

google::protobuf::Duration ToProtoDuration(absl::Duration duration) {
  absl::Duration rest;
  const int64_t seconds = absl::IDivDuration(duration, absl::Seconds(1), &rest);
  return TimeUtil::SecondsToDuration(seconds) +
         TimeUtil::NanosecondsToDuration(absl::ToInt64Nanoseconds(rest));
}

absl::Duration FromProtoDuration(const google::protobuf::Duration& duration) {
  // Seconds and nanos share their sign in a valid Duration.
  return absl::Seconds(TimeUtil::DurationToSeconds(duration)) +
         absl::Nanoseconds(duration.nanos());
}

}  // namespace sslstore::proto_time
