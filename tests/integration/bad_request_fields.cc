#include "tests/integration/bad_request_fields.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace sslstore::testing {

std::set<std::string> BadRequestFields(const grpc::Status& status) {
  google::rpc::Status rich;
  std::set<std::string> fields;
  if (!rich.ParseFromString(status.error_details())) return fields;
  for (const auto& detail : rich.details()) {
    google::rpc::BadRequest bad_request;
    if (!detail.UnpackTo(&bad_request)) continue;
    for (const auto& violation : bad_request.field_violations()) {
      fields.insert(violation.field());
    }
  }
  return fields;
}

}  // namespace sslstore::testing
