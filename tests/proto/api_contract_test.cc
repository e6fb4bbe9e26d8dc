// Checks the parts of the sslstore.connector.v1 API that other code and
// clients depend on and that buf lint cannot see: RPC names and streaming
// shape, RFC 5280 reason numbers, field presence and oneof membership.

#include <set>
#include <string>

#include "gtest/gtest.h"
#include "sslstore/connector/v1/certificate.pb.h"
#include "sslstore/connector/v1/connection.pb.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"
#include "sslstore/connector/v1/connector_service.pb.h"

namespace sslstore::connector::v1 {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::MethodDescriptor;
using ::google::protobuf::ServiceDescriptor;

TEST(ConnectorServiceTest, HasEveryRpcOfTheDesignWithStandardNames) {
  const ServiceDescriptor* service =
      ::google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          ConnectorService::service_full_name());
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(service->full_name(), "sslstore.connector.v1.ConnectorService");
  EXPECT_EQ(service->file()->name(),
            "sslstore/connector/v1/connector_service.proto");

  const std::set<std::string> expected = {"Ping",
                                          "ValidateConnection",
                                          "ListProducts",
                                          "GetProduct",
                                          "ValidateProduct",
                                          "GetConnectorAnnotations",
                                          "GetTemplateParameterAnnotations",
                                          "ListApproverEmails",
                                          "ListOrganizations",
                                          "Enroll",
                                          "GetCertificate",
                                          "RevokeCertificate",
                                          "SyncCertificates"};
  std::set<std::string> actual;
  for (int i = 0; i < service->method_count(); ++i) {
    const MethodDescriptor* method = service->method(i);
    actual.insert(method->name());
    EXPECT_EQ(method->input_type()->name(), method->name() + "Request");
    EXPECT_EQ(method->output_type()->name(), method->name() + "Response");
    EXPECT_FALSE(method->client_streaming()) << method->name();
    EXPECT_EQ(method->server_streaming(), method->name() == "SyncCertificates")
        << method->name();
  }
  EXPECT_EQ(actual, expected);
}

TEST(RevocationReasonTest, UsesRfc5280CrlReasonNumbers) {
  EXPECT_EQ(REVOCATION_REASON_UNSPECIFIED, 0);
  EXPECT_EQ(REVOCATION_REASON_KEY_COMPROMISE, 1);
  EXPECT_EQ(REVOCATION_REASON_CA_COMPROMISE, 2);
  EXPECT_EQ(REVOCATION_REASON_AFFILIATION_CHANGED, 3);
  EXPECT_EQ(REVOCATION_REASON_SUPERSEDED, 4);
  EXPECT_EQ(REVOCATION_REASON_CESSATION_OF_OPERATION, 5);
  EXPECT_EQ(REVOCATION_REASON_CERTIFICATE_HOLD, 6);
  EXPECT_FALSE(RevocationReason_IsValid(7));  // Unused by RFC 5280.
  EXPECT_EQ(REVOCATION_REASON_REMOVE_FROM_CRL, 8);
  EXPECT_EQ(REVOCATION_REASON_PRIVILEGE_WITHDRAWN, 9);
  EXPECT_EQ(REVOCATION_REASON_AA_COMPROMISE, 10);
}

TEST(ConnectionConfigTest, EnabledDistinguishesAbsentFromFalse) {
  ConnectionConfig config;
  EXPECT_FALSE(config.has_enabled());
  config.set_enabled(false);
  EXPECT_TRUE(config.has_enabled());

  ConnectionConfig parsed;
  ASSERT_TRUE(parsed.ParseFromString(config.SerializeAsString()));
  EXPECT_TRUE(parsed.has_enabled());
  EXPECT_FALSE(parsed.enabled());
}

TEST(ConnectionRefTest, NameAndInlineShareOneOneof) {
  ConnectionRef ref;
  EXPECT_EQ(ref.target_case(), ConnectionRef::TARGET_NOT_SET);
  ref.set_name("prod");
  EXPECT_EQ(ref.target_case(), ConnectionRef::kName);
  ref.mutable_inline_()->set_partner_code("12345678");
  EXPECT_EQ(ref.target_case(), ConnectionRef::kInline);
  EXPECT_TRUE(ref.name().empty());
}

TEST(SyncCertificatesResponseTest, EveryEventIsInTheOneof) {
  const Descriptor* descriptor = SyncCertificatesResponse::descriptor();
  ASSERT_EQ(descriptor->oneof_decl_count(), 1);
  EXPECT_EQ(descriptor->oneof_decl(0)->name(), "event");
  for (const char* name : {"record", "progress", "skipped", "summary"}) {
    const FieldDescriptor* field = descriptor->FindFieldByName(name);
    ASSERT_NE(field, nullptr) << name;
    EXPECT_EQ(field->containing_oneof(), descriptor->oneof_decl(0)) << name;
  }
  EXPECT_EQ(descriptor->field_count(), 4);
}

}  // namespace
}  // namespace sslstore::connector::v1
