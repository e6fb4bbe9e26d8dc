// service/server/routing_key: the optional x-sslstore-request-id metadata of
// Enroll against the request's request_id.
#include "service/server/routing_key.h"

#include <initializer_list>
#include <string>

#include "gmock/gmock.h"
#include "grpcpp/server_context.h"
#include "grpcpp/test/server_context_test_spouse.h"
#include "gtest/gtest.h"

namespace sslstore::service {
namespace {

using ::testing::HasSubstr;

// Runs the check on a context carrying `values` as routing metadata.
grpc::Status CheckWith(std::initializer_list<std::string> values,
                       const std::string& request_id) {
  grpc::ServerContext context;
  grpc::testing::ServerContextTestSpouse spouse(&context);
  for (const std::string& value : values) {
    spouse.AddClientMetadata("x-sslstore-request-id", value);
  }
  return CheckRoutingKey(context, request_id);
}

TEST(RoutingKeyTest, TheMetadataIsOptional) {
  EXPECT_TRUE(CheckWith({}, "").ok());
  EXPECT_TRUE(CheckWith({}, "gw-1").ok());
}

TEST(RoutingKeyTest, MatchingOrFreeWithoutARequestId) {
  EXPECT_TRUE(CheckWith({"gw-1"}, "gw-1").ok());
  // Without a request_id a client may route by a key of its own.
  EXPECT_TRUE(CheckWith({"sha256:0a1b"}, "").ok());
}

TEST(RoutingKeyTest, AMismatchOrTwoValuesNameRequestId) {
  for (const grpc::Status& status :
       {CheckWith({"gw-2"}, "gw-1"), CheckWith({"gw-1", "gw-1"}, "gw-1")}) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("x-sslstore-request-id"));
    // The message lists the violations; the details carry them as a
    // BadRequest (grpc_status_test), here on request_id.
    EXPECT_THAT(status.error_message(), HasSubstr("request_id: "));
    EXPECT_FALSE(status.error_details().empty());
  }
}

}  // namespace
}  // namespace sslstore::service
