// Starts the real server on 127.0.0.1:0 and calls every implemented RPC
// through the generated stub, plus gRPC health and server reflection.

#include "service/connector_server.h"

#include <memory>
#include <set>
#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/impl/codegen/sync_stream.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/byte_buffer.h"
#include "gtest/gtest.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"
#include "tests/integration/bad_request_fields.h"

namespace sslstore::service {
namespace {

namespace v1 = sslstore::connector::v1;
using ::sslstore::testing::BadRequestFields;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

class ConnectorServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerConfig config;
    config.listen_address = "127.0.0.1:0";
    absl::StatusOr<std::unique_ptr<ConnectorServer>> server =
        ConnectorServer::Start(config);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    ASSERT_GT(server_->port(), 0);
    channel_ = grpc::CreateChannel(server_->address(),
                                   grpc::InsecureChannelCredentials());
    stub_ = v1::ConnectorService::NewStub(channel_);
  }

  std::unique_ptr<ConnectorServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::ConnectorService::Stub> stub_;
};

TEST_F(ConnectorServerTest, ListProductsReturnsTheWholeCatalog) {
  grpc::ClientContext context;
  v1::ListProductsResponse response;
  ASSERT_TRUE(stub_->ListProducts(&context, {}, &response).ok());
  EXPECT_GE(response.products_size(), 80);
  std::set<std::string> codes;
  for (const v1::Product& product : response.products()) {
    codes.insert(product.code());
    EXPECT_FALSE(product.name().empty()) << product.code();
    EXPECT_FALSE(product.validity_months().empty()) << product.code();
    EXPECT_EQ(product.validity_months_size(), product.validity_days_size());
  }
  EXPECT_EQ(codes.size(), static_cast<size_t>(response.products_size()));
  for (const char* code : {"digi_securesite_flex-EO", "positivessl",
                           "comodopciscan", "digi_doc_signing_org_5000"}) {
    EXPECT_THAT(codes, Contains(code));
  }
}

TEST_F(ConnectorServerTest, ListProductsFiltersByVendorAndValidation) {
  grpc::ClientContext context;
  v1::ListProductsRequest request;
  request.set_vendor("digicert");
  request.set_validation_type("EV");
  v1::ListProductsResponse response;
  ASSERT_TRUE(stub_->ListProducts(&context, request, &response).ok());
  ASSERT_THAT(response.products(), Not(IsEmpty()));
  for (const v1::Product& product : response.products()) {
    EXPECT_EQ(product.vendor(), "DigiCert") << product.code();
    EXPECT_EQ(product.validation_type(), "EV") << product.code();
  }
}

TEST_F(ConnectorServerTest, GetProductDescribesAnEnterpriseOrgProduct) {
  grpc::ClientContext context;
  v1::GetProductRequest request;
  request.set_product_code("digi_sslwebserver_ev_flex-EO");
  v1::GetProductResponse response;
  ASSERT_TRUE(stub_->GetProduct(&context, request, &response).ok());
  const v1::Product& product = response.product();
  EXPECT_EQ(product.api_code(), "digi_sslwebserver_ev_flex");
  EXPECT_TRUE(product.enterprise_organization());
  std::set<std::string> required;
  for (const v1::EnrollmentField& field : product.fields()) {
    if (field.required()) required.insert(field.name());
  }
  EXPECT_EQ(required, (std::set<std::string>{"Validity Period (In Days)",
                                             "Organization ID"}));
}

TEST_F(ConnectorServerTest, GetProductErrors) {
  {
    grpc::ClientContext context;
    v1::GetProductRequest request;
    request.set_product_code("no_such_product");
    v1::GetProductResponse response;
    grpc::Status status = stub_->GetProduct(&context, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_THAT(status.error_message(), HasSubstr("no_such_product"));
  }
  {
    grpc::ClientContext context;
    v1::GetProductResponse response;
    grpc::Status status = stub_->GetProduct(&context, {}, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(BadRequestFields(status), std::set<std::string>{"product_code"});
  }
}

TEST_F(ConnectorServerTest, ValidateProductAcceptsACompleteDvRequest) {
  grpc::ClientContext context;
  v1::ValidateProductRequest request;
  request.set_product_code("positivessl");
  (*request.mutable_parameters())["Admin Contact - Email"] = "a@example.com";
  (*request.mutable_parameters())["Approver Email"] = "admin@example.com";
  (*request.mutable_parameters())["Validity Period (In Days)"] = "365";
  v1::ValidateProductResponse response;
  ASSERT_TRUE(stub_->ValidateProduct(&context, request, &response).ok());
  EXPECT_TRUE(response.valid()) << response.DebugString();
  EXPECT_THAT(response.violations(), IsEmpty());
  EXPECT_EQ(response.validity_months(), 12);
}

TEST_F(ConnectorServerTest, ValidateProductReportsEveryProblemAtOnce) {
  grpc::ClientContext context;
  v1::ValidateProductRequest request;
  request.set_product_code("sectigoovssl");
  (*request.mutable_parameters())["Admin Contact - Email"] = "not-an-email";
  (*request.mutable_parameters())["Validity Period (In Days)"] = "400";
  (*request.mutable_parameters())["Organization Country"] = "USA";
  v1::ValidateProductResponse response;
  ASSERT_TRUE(stub_->ValidateProduct(&context, request, &response).ok());
  EXPECT_FALSE(response.valid());
  std::set<std::string> fields;
  for (const v1::FieldViolation& violation : response.violations()) {
    fields.insert(violation.field());
    EXPECT_FALSE(violation.description().empty());
  }
  for (const char* field :
       {"Admin Contact - Email", "Validity Period (In Days)",
        "Organization Country", "Approver Email", "Organization Name",
        "Organization Address", "Organization State/Province",
        "Organization Postal Code", "Organization Phone"}) {
    EXPECT_THAT(fields, Contains(field));
  }
}

TEST_F(ConnectorServerTest, ValidateProductRejectsAnUnknownProduct) {
  grpc::ClientContext context;
  v1::ValidateProductRequest request;
  request.set_product_code("bogus");
  v1::ValidateProductResponse response;
  ASSERT_TRUE(stub_->ValidateProduct(&context, request, &response).ok());
  EXPECT_FALSE(response.valid());
  ASSERT_THAT(response.violations(), SizeIs(1));
  EXPECT_EQ(response.violations(0).field(), "product_code");
}

TEST_F(ConnectorServerTest, ConnectorAnnotationsAreTheSeedsSixFields) {
  grpc::ClientContext context;
  v1::GetConnectorAnnotationsResponse response;
  ASSERT_TRUE(stub_->GetConnectorAnnotations(&context, {}, &response).ok());
  std::set<std::string> keys;
  for (const auto& [key, annotation] : response.annotations()) {
    keys.insert(key);
    EXPECT_FALSE(annotation.comments().empty()) << key;
  }
  EXPECT_EQ(keys,
            (std::set<std::string>{"SSLStoreURL", "PartnerCode", "AuthToken",
                                   "PageSize", "Enabled", "RenewalWindow"}));
  const v1::Annotation& token = response.annotations().at("AuthToken");
  EXPECT_TRUE(token.hidden());
  EXPECT_EQ(token.type(), v1::ANNOTATION_TYPE_SECRET);
  const v1::Annotation& page_size = response.annotations().at("PageSize");
  EXPECT_EQ(page_size.type(), v1::ANNOTATION_TYPE_NUMBER);
  EXPECT_EQ(page_size.default_value().number_value(), 100);
  const v1::Annotation& enabled = response.annotations().at("Enabled");
  EXPECT_EQ(enabled.type(), v1::ANNOTATION_TYPE_BOOLEAN);
  EXPECT_TRUE(enabled.default_value().bool_value());
  EXPECT_EQ(
      response.annotations().at("RenewalWindow").default_value().number_value(),
      30);
}

TEST_F(ConnectorServerTest, TemplateParameterAnnotations) {
  grpc::ClientContext all_context;
  v1::GetTemplateParameterAnnotationsResponse all;
  ASSERT_TRUE(
      stub_->GetTemplateParameterAnnotations(&all_context, {}, &all).ok());
  for (const char* key :
       {"Approver Email", "Validity Period (In Days)", "Organization ID",
        "Organization Jurisdiction Country", "Technical Contact - Country",
        "Server Count", "Web Server Type", "Signature Hash Algorithm",
        "File Auth Domain Validation", "CName Auth Domain Validation",
        "Is CU Order?", "Is Renewal Order?", "Is Trial Order?"}) {
    EXPECT_TRUE(all.annotations().contains(key)) << key;
  }
  EXPECT_EQ(all.annotations().at("Is Trial Order?").type(),
            v1::ANNOTATION_TYPE_BOOLEAN);

  grpc::ClientContext one_context;
  v1::GetTemplateParameterAnnotationsRequest request;
  request.set_product_code("digi_securesite_flex-EO");
  v1::GetTemplateParameterAnnotationsResponse one;
  ASSERT_TRUE(
      stub_->GetTemplateParameterAnnotations(&one_context, request, &one).ok());
  EXPECT_TRUE(one.annotations().contains("Organization ID"));
  EXPECT_LT(one.annotations().size(), all.annotations().size());

  grpc::ClientContext bad_context;
  request.set_product_code("nope");
  v1::GetTemplateParameterAnnotationsResponse bad;
  EXPECT_EQ(stub_->GetTemplateParameterAnnotations(&bad_context, request, &bad)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ConnectorServerTest, CaFacingRpcsNeedAConfiguredConnection) {
  // This server has no connections: a CA call names the missing one.
  grpc::ClientContext context;
  v1::PingResponse response;
  grpc::Status status = stub_->Ping(&context, {}, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("\"default\""));
}

TEST_F(ConnectorServerTest, HealthReportsServing) {
  auto health = grpc::health::v1::Health::NewStub(channel_);
  for (const char* service : {"", "sslstore.connector.v1.ConnectorService"}) {
    grpc::ClientContext context;
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    ASSERT_TRUE(health->Check(&context, request, &response).ok()) << service;
    EXPECT_EQ(response.status(),
              grpc::health::v1::HealthCheckResponse::SERVING);
  }
}

// Server reflection, spoken with dynamic messages built from the reflection
// descriptors that grpc++_reflection registers (our binary must not link a
// second copy of them).
TEST_F(ConnectorServerTest, ReflectionListsTheService) {
  const google::protobuf::DescriptorPool* pool =
      google::protobuf::DescriptorPool::generated_pool();
  const google::protobuf::Descriptor* request_type =
      pool->FindMessageTypeByName(
          "grpc.reflection.v1alpha.ServerReflectionRequest");
  const google::protobuf::Descriptor* response_type =
      pool->FindMessageTypeByName(
          "grpc.reflection.v1alpha.ServerReflectionResponse");
  ASSERT_NE(request_type, nullptr);
  ASSERT_NE(response_type, nullptr);
  google::protobuf::DynamicMessageFactory factory(pool);
  std::unique_ptr<google::protobuf::Message> request(
      factory.GetPrototype(request_type)->New());
  request->GetReflection()->SetString(
      request.get(), request_type->FindFieldByName("list_services"), "");

  grpc::ClientContext context;
  const grpc::internal::RpcMethod method(
      "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
      grpc::internal::RpcMethod::BIDI_STREAMING);
  std::unique_ptr<grpc::ClientReaderWriter<grpc::ByteBuffer, grpc::ByteBuffer>>
      stream(grpc::internal::ClientReaderWriterFactory<
             grpc::ByteBuffer, grpc::ByteBuffer>::Create(channel_.get(), method,
                                                         &context));
  grpc::Slice slice(request->SerializeAsString());
  grpc::ByteBuffer request_bytes(&slice, 1);
  ASSERT_TRUE(stream->Write(request_bytes));
  stream->WritesDone();
  grpc::ByteBuffer response_bytes;
  ASSERT_TRUE(stream->Read(&response_bytes));
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(response_bytes.Dump(&slices).ok());
  std::string serialized;
  for (const grpc::Slice& part : slices) {
    serialized.append(reinterpret_cast<const char*>(part.begin()), part.size());
  }
  std::unique_ptr<google::protobuf::Message> response(
      factory.GetPrototype(response_type)->New());
  ASSERT_TRUE(response->ParseFromString(serialized));
  EXPECT_THAT(response->DebugString(),
              HasSubstr("sslstore.connector.v1.ConnectorService"));
  EXPECT_THAT(response->DebugString(), HasSubstr("grpc.health.v1.Health"));
  EXPECT_TRUE(stream->Finish().ok());
}

}  // namespace
}  // namespace sslstore::service
