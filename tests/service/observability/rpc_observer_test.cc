#include "service/observability/rpc_observer.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "service/observability/observability.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"

namespace sslstore::service::observability {
namespace {

namespace v1 = sslstore::connector::v1;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kConfiguredToken[] = "configured-TOKEN-1";
constexpr char kInlineToken[] = "inline-TOKEN-2";

// A service that leaks what it is given: Ping fails with the inline token in
// its message and details (the observer must scrub both).
class LeakyService final : public v1::ConnectorService::CallbackService {
 public:
  grpc::ServerUnaryReactor* Ping(grpc::CallbackServerContext* context,
                                 const v1::PingRequest* request,
                                 v1::PingResponse* /*response*/) override {
    const std::string token = request->connection().inline_().auth_token();
    google::rpc::BadRequest bad;
    auto* violation = bad.add_field_violations();
    violation->set_field("connection.inline.auth_token");
    violation->set_description("refused " + token);
    google::rpc::Status rich;
    rich.set_code(grpc::StatusCode::UNAUTHENTICATED);
    rich.set_message("bad token " + token + " and " + kConfiguredToken);
    rich.add_details()->PackFrom(bad);
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                                 rich.message(), rich.SerializeAsString()));
    return reactor;
  }

  grpc::ServerUnaryReactor* ListProducts(
      grpc::CallbackServerContext* context,
      const v1::ListProductsRequest* /*request*/,
      v1::ListProductsResponse* /*response*/) override {
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

class RpcObserverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ObservabilityConfig config;
    config.logging.level = LogLevel::kTrace;
    config.logging.sink = [this](absl::string_view line) {
      absl::MutexLock lock(&mutex_);
      lines_.emplace_back(line);
    };
    auto obs = Observability::Start(config, {kConfiguredToken});
    ASSERT_TRUE(obs.ok()) << obs.status();
    obs_ = *std::move(obs);
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port_);
    builder.RegisterService(&service_);
    obs_->InstallOn(builder);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = v1::ConnectorService::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(port_),
                            grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
  }

  std::vector<std::string> Lines() {
    absl::MutexLock lock(&mutex_);
    return lines_;
  }

  // The "rpc" lines (one per finished call).
  std::vector<rapidjson::Document> RpcLines() {
    std::vector<rapidjson::Document> out;
    for (const std::string& line : Lines()) {
      rapidjson::Document doc;
      doc.Parse(line.c_str());
      EXPECT_FALSE(doc.HasParseError()) << line;
      if (doc.IsObject() && doc.HasMember("msg") && doc["msg"].IsString() &&
          std::string(doc["msg"].GetString()) == "rpc") {
        out.push_back(std::move(doc));
      }
    }
    return out;
  }

  absl::Mutex mutex_;
  std::vector<std::string> lines_ ABSL_GUARDED_BY(mutex_);
  std::unique_ptr<Observability> obs_;
  LeakyService service_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::ConnectorService::Stub> stub_;
};

std::string Str(const rapidjson::Value& doc, const char* key) {
  if (!doc.HasMember(key) || !doc[key].IsString()) return "<missing>";
  return doc[key].GetString();
}

TEST_F(RpcObserverTest, ScrubsTheStatusAndLogsOneLinePerCall) {
  v1::PingRequest request;
  auto* inline_config = request.mutable_connection()->mutable_inline_();
  inline_config->set_partner_code("P1");
  inline_config->set_auth_token(kInlineToken);
  grpc::ClientContext context;
  context.AddMetadata("x-request-id", "req-42");
  v1::PingResponse response;
  grpc::Status status = stub_->Ping(&context, request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(status.error_message(), "bad token [REDACTED] and [REDACTED]");
  EXPECT_THAT(status.error_details(), Not(HasSubstr(kInlineToken)));
  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(status.error_details()));
  google::rpc::BadRequest bad;
  ASSERT_EQ(rich.details_size(), 1);
  ASSERT_TRUE(rich.details(0).UnpackTo(&bad));
  EXPECT_EQ(bad.field_violations(0).description(), "refused [REDACTED]");
  // The request id is echoed.
  auto echoed = context.GetServerInitialMetadata().find("x-request-id");
  ASSERT_NE(echoed, context.GetServerInitialMetadata().end());
  EXPECT_EQ(std::string(echoed->second.data(), echoed->second.size()),
            "req-42");

  for (const std::string& line : Lines()) {
    EXPECT_THAT(line, Not(HasSubstr(kInlineToken)));
    EXPECT_THAT(line, Not(HasSubstr(kConfiguredToken)));
  }
  std::vector<rapidjson::Document> rpcs = RpcLines();
  ASSERT_EQ(rpcs.size(), 1u);
  const rapidjson::Document& line = rpcs[0];
  EXPECT_EQ(Str(line, "level"), "warn");
  EXPECT_EQ(Str(line, "rpc"), "/sslstore.connector.v1.ConnectorService/Ping");
  EXPECT_EQ(Str(line, "status"), "UNAUTHENTICATED");
  EXPECT_EQ(Str(line, "request_id"), "req-42");
  EXPECT_EQ(Str(line, "error"), "bad token [REDACTED] and [REDACTED]");
  ASSERT_TRUE(line.HasMember("duration_ms") && line["duration_ms"].IsNumber());
  EXPECT_GE(line["duration_ms"].GetDouble(), 0.0);
  EXPECT_THAT(Str(line, "peer"), HasSubstr("127.0.0.1"));
  // The trace line of the request shows it, token blanked.
  bool traced = false;
  for (const std::string& text : Lines()) {
    traced = traced || (text.find("\"msg\":\"request\"") != std::string::npos &&
                        text.find("partner_code") != std::string::npos);
  }
  EXPECT_TRUE(traced);
  // The inline token is now a recent secret of the redactor.
  EXPECT_EQ(obs_->redactor().Scrub(kInlineToken), "[REDACTED]");
  EXPECT_THAT(obs_->metrics().ScrapeText(),
              HasSubstr("sslstore_rpc_requests_total{code=\"UNAUTHENTICATED\","
                        "method=\"Ping\",service=\"sslstore.connector.v1."
                        "ConnectorService\"} 1"));
}

TEST_F(RpcObserverTest, GeneratesARequestIdAndLevelsByCode) {
  grpc::ClientContext ok_context;
  v1::ListProductsResponse products;
  ASSERT_TRUE(
      stub_->ListProducts(&ok_context, v1::ListProductsRequest(), &products)
          .ok());
  grpc::ClientContext bad_id_context;
  bad_id_context.AddMetadata("x-request-id", "has space");
  v1::GetProductResponse product;
  grpc::Status unimplemented =
      stub_->GetProduct(&bad_id_context, v1::GetProductRequest(), &product);
  EXPECT_EQ(unimplemented.error_code(), grpc::StatusCode::UNIMPLEMENTED);

  std::vector<rapidjson::Document> rpcs = RpcLines();
  ASSERT_EQ(rpcs.size(), 2u);
  EXPECT_EQ(Str(rpcs[0], "level"), "info");
  EXPECT_EQ(Str(rpcs[0], "status"), "OK");
  EXPECT_FALSE(rpcs[0].HasMember("error"));
  const std::string generated = Str(rpcs[0], "request_id");
  EXPECT_EQ(generated.size(), 16u) << generated;
  EXPECT_EQ(generated.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(Str(rpcs[1], "level"), "error");
  EXPECT_EQ(Str(rpcs[1], "status"), "UNIMPLEMENTED");
  EXPECT_NE(Str(rpcs[1], "request_id"), "has space");
  EXPECT_NE(Str(rpcs[1], "request_id"), generated);
  const std::string metrics = obs_->metrics().ScrapeText();
  EXPECT_THAT(metrics, HasSubstr("sslstore_rpc_requests_total{code=\"OK\","
                                 "method=\"ListProducts\""));
  EXPECT_THAT(metrics, HasSubstr("sslstore_rpc_requests_total{code="
                                 "\"UNIMPLEMENTED\",method=\"GetProduct\""));
}

}  // namespace
}  // namespace sslstore::service::observability
