#ifndef TESTS_INTEGRATION_BAD_REQUEST_FIELDS_H_
#define TESTS_INTEGRATION_BAD_REQUEST_FIELDS_H_

#include <set>
#include <string>

#include "grpcpp/support/status.h"

namespace sslstore::testing {

// The fields named by the google.rpc.BadRequest detail of a gRPC error; empty
// when it carries none.
std::set<std::string> BadRequestFields(const grpc::Status& status);

}  // namespace sslstore::testing

#endif  // TESTS_INTEGRATION_BAD_REQUEST_FIELDS_H_
