#include "service/server/error_reason.h"

#include <string>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace sslstore::service {
namespace {

namespace v1 = sslstore::connector::v1;

// The payload holding the tagged ErrorInfo; never sent as is (ToGrpcStatus
// completes it).
constexpr char kTaggedErrorInfoUrl[] =
    "type.sslstore/sslstore.service.TaggedErrorInfo";

absl::Status WithTaggedErrorInfo(absl::Status status,
                                 const google::rpc::ErrorInfo& info) {
  status.SetPayload(kTaggedErrorInfoUrl, absl::Cord(info.SerializeAsString()));
  return status;
}

}  // namespace

google::rpc::ErrorInfo TaggedErrorInfo(const absl::Status& status) {
  google::rpc::ErrorInfo info;
  if (auto payload = status.GetPayload(kTaggedErrorInfoUrl)) {
    info.ParseFromString(std::string(*payload));
  }
  return info;
}

absl::Status WithReason(absl::Status status, v1::ErrorReason reason) {
  if (status.ok()) return status;
  google::rpc::ErrorInfo info = TaggedErrorInfo(status);
  info.set_reason(v1::ErrorReason_Name(reason));
  return WithTaggedErrorInfo(std::move(status), info);
}

absl::Status WithConnection(absl::Status status, absl::string_view connection) {
  if (status.ok()) return status;
  google::rpc::ErrorInfo info = TaggedErrorInfo(status);
  info.mutable_metadata()->insert(
      {kConnectionMetadataKey, std::string(connection)});
  return WithTaggedErrorInfo(std::move(status), info);
}

absl::Status WithDetail(absl::Status status,
                        const google::protobuf::Message& detail) {
  if (status.ok()) return status;
  status.SetPayload(
      absl::StrCat("type.googleapis.com/", detail.GetDescriptor()->full_name()),
      absl::Cord(detail.SerializeAsString()));
  return status;
}

}  // namespace sslstore::service
