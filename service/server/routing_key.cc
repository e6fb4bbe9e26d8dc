#include "service/server/routing_key.h"

#include <iterator>
#include <string>

#include "absl/strings/str_cat.h"
#include "service/server/grpc_status.h"

namespace sslstore::service {

grpc::Status CheckRoutingKey(const grpc::ServerContextBase& context,
                             absl::string_view request_id) {
  const auto& metadata = context.client_metadata();
  const auto range = metadata.equal_range(grpc::string_ref(
      kRequestIdMetadataKey.data(), kRequestIdMetadataKey.size()));
  if (range.first == range.second) return grpc::Status::OK;
  std::string problem;
  if (std::next(range.first) != range.second) {
    problem = absl::StrCat("the ", kRequestIdMetadataKey,
                           " metadata was sent more than once");
  } else if (!request_id.empty() &&
             absl::string_view(range.first->second.data(),
                               range.first->second.size()) != request_id) {
    problem = absl::StrCat("differs from the ", kRequestIdMetadataKey,
                           " metadata a load balancer routes by; send the "
                           "same value in both or leave the metadata out");
  }
  if (problem.empty()) return grpc::Status::OK;
  return InvalidArgumentWithViolations("invalid Enroll request",
                                       {{"request_id", problem}});
}

}  // namespace sslstore::service
