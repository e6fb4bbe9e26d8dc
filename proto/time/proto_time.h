#ifndef PROTO_TIME_PROTO_TIME_H_
#define PROTO_TIME_PROTO_TIME_H_

#include "absl/time/time.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/timestamp.pb.h"

// The one adapter between absl's time types and protobuf's well-known
// Timestamp and Duration. Everything else converts with protobuf's
// google::protobuf::util::TimeUtil (google/protobuf/util/time_util.h), which
// these functions use too. Seconds and nanoseconds travel separately, so
// times after 2262 (a certificate's "no expiry" 9999-12-31) convert exactly.

namespace sslstore::proto_time {

// `time` as a Timestamp (whole seconds floored, the rest in nanos).
google::protobuf::Timestamp ToProtoTimestamp(absl::Time time);

// `timestamp` as an absl::Time.
absl::Time FromProtoTimestamp(const google::protobuf::Timestamp& timestamp);

// `duration` as a Duration (whole seconds and the nanoseconds left).
google::protobuf::Duration ToProtoDuration(absl::Duration duration);

// `duration` as an absl::Duration.
absl::Duration FromProtoDuration(const google::protobuf::Duration& duration);

}  // namespace sslstore::proto_time

#endif  // PROTO_TIME_PROTO_TIME_H_
