#include "service/observability/message_scrub.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "service/observability/redactor.h"
#include "sslstore/connector/v1/connector_service.pb.h"

namespace sslstore::service::observability {
namespace {

namespace v1 = sslstore::connector::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

v1::PingRequest InlinePing(const std::string& token) {
  v1::PingRequest request;
  v1::ConnectionConfig* config =
      request.mutable_connection()->mutable_inline_();
  config->set_sslstore_url("https://example.com");
  config->set_partner_code("P1");
  config->set_auth_token(token);
  return request;
}

TEST(MessageScrubTest, SecretFieldNames) {
  EXPECT_TRUE(IsSecretFieldName("auth_token"));
  EXPECT_TRUE(IsSecretFieldName("AuthToken"));
  EXPECT_TRUE(IsSecretFieldName("client_secret"));
  EXPECT_TRUE(IsSecretFieldName("password"));
  EXPECT_FALSE(IsSecretFieldName("resume_token"));
  EXPECT_FALSE(IsSecretFieldName("partner_code"));
}

TEST(MessageScrubTest, CollectsNestedAuthTokens) {
  std::vector<std::string> found;
  CollectSecretFields(InlinePing("inline-tok-1"), &found);
  EXPECT_THAT(found, ElementsAre("inline-tok-1"));

  v1::ValidateConnectionRequest validate;
  validate.mutable_config()->set_auth_token("inline-tok-2");
  found.clear();
  CollectSecretFields(validate, &found);
  EXPECT_THAT(found, ElementsAre("inline-tok-2"));

  v1::PingRequest named;
  named.mutable_connection()->set_name("default");
  found.clear();
  CollectSecretFields(named, &found);
  EXPECT_THAT(found, IsEmpty());
}

TEST(MessageScrubTest, BlanksSecretFieldsOnly) {
  v1::PingRequest request = InlinePing("inline-tok-1");
  BlankSecretFields(&request);
  EXPECT_EQ(request.connection().inline_().auth_token(), kRedacted);
  EXPECT_EQ(request.connection().inline_().partner_code(), "P1");
  EXPECT_THAT(request.ShortDebugString(), Not(HasSubstr("inline-tok-1")));
}

TEST(MessageScrubTest, ScrubsStatusDetails) {
  google::rpc::BadRequest bad_request;
  auto* violation = bad_request.add_field_violations();
  violation->set_field("connection.inline.auth_token");
  violation->set_description("token tok-LEAK was refused");
  google::rpc::Status status;
  status.set_code(3);
  status.set_message("tok-LEAK refused");
  status.add_details()->PackFrom(bad_request);
  const std::string details = status.SerializeAsString();

  const StringScrubber scrub = [](absl::string_view text) {
    return sslstore::client::Redact(text, "tok-LEAK");
  };
  const std::string scrubbed = ScrubStatusDetails(details, scrub);
  EXPECT_THAT(scrubbed, Not(HasSubstr("tok-LEAK")));
  google::rpc::Status parsed;
  ASSERT_TRUE(parsed.ParseFromString(scrubbed));
  EXPECT_EQ(parsed.message(), "[REDACTED] refused");
  ASSERT_EQ(parsed.details_size(), 1);
  EXPECT_EQ(parsed.details(0).type_url(), status.details(0).type_url());
  google::rpc::BadRequest parsed_bad;
  ASSERT_TRUE(parsed.details(0).UnpackTo(&parsed_bad));
  ASSERT_EQ(parsed_bad.field_violations_size(), 1);
  EXPECT_EQ(parsed_bad.field_violations(0).field(),
            "connection.inline.auth_token");
  EXPECT_EQ(parsed_bad.field_violations(0).description(),
            "token [REDACTED] was refused");
}

TEST(MessageScrubTest, LeavesCleanOrForeignDetailsAlone) {
  const StringScrubber scrub = [](absl::string_view text) {
    return sslstore::client::Redact(text, "tok-LEAK");
  };
  google::rpc::Status status;
  status.set_message("fine");
  google::protobuf::Any* any = status.add_details();
  any->set_type_url("type.googleapis.com/unknown.Type");
  any->set_value("tok-LEAK raw bytes");
  const std::string details = status.SerializeAsString();
  // The unknown detail cannot be parsed, so it is kept as is.
  EXPECT_EQ(ScrubStatusDetails(details, scrub), details);
  EXPECT_EQ(ScrubStatusDetails("", scrub), "");
  EXPECT_EQ(ScrubStatusDetails("\xff\xff not a proto", scrub),
            "\xff\xff not a proto");
}

}  // namespace
}  // namespace sslstore::service::observability
