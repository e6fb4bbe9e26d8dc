// Observability end to end: every ConnectorService RPC, successes
// and failures (bad input, a connection with a wrong token, upstream faults,
// inline connections carrying a token), runs at trace level with the log
// captured in memory. No token may appear in a log line, a returned error
// (message or details) or a response; each RPC gets a structured line; and
// /metrics, scraped over HTTP, counts RPCs, upstream attempts, retries and
// sync progress.

#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "tests/integration/connector_with_sim.h"
#include "tests/service/observability/captured_log.h"
#include "tests/service/observability/http_get.h"
#include "tests/service/x509/test_pki.h"
#include "version/version.h"

namespace sslstore::testing {
namespace {

namespace v1 = sslstore::connector::v1;
namespace obs = sslstore::service::observability;
namespace pki = sslstore::service::x509::testing;
using obs::testing::CapturedLog;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSimToken[] = "sim-SECRET-4d7f2a61";
constexpr char kWrongToken[] = "wrong-SECRET-9b1c33";
constexpr char kInlineWrongToken[] = "inline-SECRET-e5a0d7";
// Known to nobody; appears only as an AuthToken field value.
constexpr char kUnknownToken[] = "unknown-SECRET-77c4";
constexpr char kServicePrefix[] = "/sslstore.connector.v1.ConnectorService/";

// Every RPC of ConnectorService, read from its descriptor so that an RPC
// added later without a call in this test fails it.
const std::vector<std::string>& AllRpcs() {
  static const auto* const kRpcs = [] {
    auto* names = new std::vector<std::string>;
    const google::protobuf::ServiceDescriptor* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            "sslstore.connector.v1.ConnectorService");
    if (service == nullptr) return names;
    for (int i = 0; i < service->method_count(); ++i) {
      names->push_back(service->method(i)->name());
    }
    return names;
  }();
  return *kRpcs;
}

std::string StringMember(const rapidjson::Value& doc, const char* key) {
  if (!doc.IsObject() || !doc.HasMember(key) || !doc[key].IsString()) {
    return "";
  }
  return doc[key].GetString();
}

class ObservabilityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sslstore_sim::SimulatorOptions options = RealisticSimOptions();
    options.auth_token = kSimToken;
    auto env =
        ConnectorWithSim::Start(options, [this](service::ServerConfig& config) {
          config.observability.logging.level = obs::LogLevel::kTrace;
          config.observability.logging.sink = log_.sink();
          config.observability.metrics.listen_address = "127.0.0.1:0";
          service::ConnectionSettings wrong = config.connections.at("default");
          wrong.name = "wrong";
          wrong.auth_token = service::Secret(kWrongToken);
          config.connections.emplace("wrong", wrong);
        });
    ASSERT_TRUE(env.ok()) << env.status();
    env_ = *std::move(env);
  }

  // Remembers what a call returned, to search it for secrets later.
  void Keep(const grpc::Status& status,
            const google::protobuf::Message& response) {
    returned_.push_back(status.error_message());
    returned_.push_back(status.error_details());
    returned_.push_back(response.ShortDebugString());
  }

  v1::ConnectionRef Named(const std::string& name) {
    v1::ConnectionRef ref;
    ref.set_name(name);
    return ref;
  }

  v1::ConnectionRef Inline(const std::string& token) {
    v1::ConnectionRef ref;
    v1::ConnectionConfig* config = ref.mutable_inline_();
    config->set_sslstore_url(env_->sim().base_url());
    config->set_partner_code(env_->sim().partner_code());
    config->set_auth_token(token);
    return ref;
  }

  // The connections every CA-facing RPC is tried with: good, wrong token
  // (named and inline) and good inline.
  std::vector<v1::ConnectionRef> Connections() {
    return {Named("default"), Named("wrong"), Inline(kSimToken),
            Inline(kInlineWrongToken)};
  }

  template <typename Request, typename Response, typename Method>
  grpc::Status Call(Method method, const Request& request,
                    const std::string& request_id = "") {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
    if (!request_id.empty()) context.AddMetadata("x-request-id", request_id);
    Response response;
    ++calls_;
    grpc::Status status = (env_->stub().*method)(&context, request, &response);
    Keep(status, response);
    return status;
  }

  grpc::Status Sync(const v1::ConnectionRef& connection, int* records) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
    v1::SyncCertificatesRequest request;
    *request.mutable_connection() = connection;
    request.set_full_sync(true);
    ++calls_;
    auto reader = env_->stub().SyncCertificates(&context, request);
    v1::SyncCertificatesResponse message;
    *records = 0;
    while (reader->Read(&message)) {
      if (message.has_record()) ++*records;
      returned_.push_back(message.ShortDebugString());
    }
    grpc::Status status = reader->Finish();
    Keep(status, message);
    return status;
  }

  std::string Scrape() {
    const int port = env_->server().observability().metrics_port();
    EXPECT_GT(port, 0);
    absl::StatusOr<std::string> response =
        obs::testing::HttpGet(port, "/metrics");
    EXPECT_TRUE(response.ok()) << response.status();
    if (!response.ok()) return "";
    EXPECT_THAT(*response, HasSubstr(" 200 "));
    return obs::testing::HttpBody(*response);
  }

  // The value of one exact series line ("name{labels} value"), or -1.
  static double Value(const std::string& text, const std::string& series) {
    const std::string prefix = series + " ";
    size_t at = 0;
    while ((at = text.find(prefix, at)) != std::string::npos) {
      if (at == 0 || text[at - 1] == '\n') {
        const size_t end = text.find('\n', at);
        return std::stod(
            text.substr(at + prefix.size(), end - at - prefix.size()));
      }
      at += prefix.size();
    }
    return -1;
  }

  // The sum over every series of `name` whose labels contain `labels`.
  static double Sum(const std::string& text, const std::string& name,
                    const std::string& labels) {
    double sum = 0;
    size_t at = 0;
    while ((at = text.find(name + "{", at)) != std::string::npos) {
      const size_t end = text.find('\n', at);
      const std::string line = text.substr(at, end - at);
      at = end;
      if (line.find(labels) == std::string::npos) continue;
      sum += std::stod(line.substr(line.rfind(' ') + 1));
    }
    return sum;
  }

  CapturedLog log_;  // declared first: outlives the server
  std::unique_ptr<ConnectorWithSim> env_;
  std::vector<std::string> returned_;
  int calls_ = 0;  // RPCs made
};

std::string IdOf(const sslstore_sim::GroundTruthOrder& order) {
  return absl::StrCat(order.id, "-", order.partner_order_id);
}

std::map<std::string, std::string> DvParameters() {
  return {{"Admin Contact - Email", "owner@example.com"},
          {"Approver Email", "admin@example.com"},
          {"Validity Period (In Days)", "365"}};
}

TEST_F(ObservabilityTest, NoTokenInAnyLogLineErrorOrResponse) {
  ASSERT_TRUE(env_->sim().SeedOrders(6, 4, 1, 1).ok());
  std::vector<sslstore_sim::GroundTruthOrder> truth = env_->sim().GroundTruth();
  std::string active_id;
  for (const auto& order : truth) {
    if (order.major_status == "Active" && active_id.empty()) {
      active_id = IdOf(order);
    }
  }
  ASSERT_FALSE(active_id.empty());
  using Stub = v1::ConnectorService::Stub;

  // Ping and ValidateConnection.
  for (const v1::ConnectionRef& connection : Connections()) {
    v1::PingRequest ping;
    *ping.mutable_connection() = connection;
    Call<v1::PingRequest, v1::PingResponse>(&Stub::Ping, ping);
    v1::ValidateConnectionRequest validate;
    if (connection.has_inline_()) {
      *validate.mutable_config() = connection.inline_();
    }
    Call<v1::ValidateConnectionRequest, v1::ValidateConnectionResponse>(
        &Stub::ValidateConnection, validate);
  }
  v1::ValidateConnectionRequest bad_url;
  bad_url.mutable_config()->set_sslstore_url("http://not-https");
  bad_url.mutable_config()->set_auth_token(kInlineWrongToken);
  Call<v1::ValidateConnectionRequest, v1::ValidateConnectionResponse>(
      &Stub::ValidateConnection, bad_url);

  // The catalog RPCs, good and bad.
  Call<v1::ListProductsRequest, v1::ListProductsResponse>(
      &Stub::ListProducts, v1::ListProductsRequest(), "req-list-products");
  v1::ListProductsRequest bad_vendor;
  bad_vendor.set_vendor("NoSuchVendor");
  Call<v1::ListProductsRequest, v1::ListProductsResponse>(&Stub::ListProducts,
                                                          bad_vendor);
  for (const char* code : {"positivessl", "no-such-product"}) {
    v1::GetProductRequest product;
    product.set_product_code(code);
    Call<v1::GetProductRequest, v1::GetProductResponse>(&Stub::GetProduct,
                                                        product);
    v1::ValidateProductRequest validate;
    validate.set_product_code(code);
    (*validate.mutable_parameters())["Validity Period (In Days)"] = "365";
    Call<v1::ValidateProductRequest, v1::ValidateProductResponse>(
        &Stub::ValidateProduct, validate);
    v1::GetTemplateParameterAnnotationsRequest annotations;
    annotations.set_product_code(code);
    Call<v1::GetTemplateParameterAnnotationsRequest,
         v1::GetTemplateParameterAnnotationsResponse>(
        &Stub::GetTemplateParameterAnnotations, annotations);
  }
  Call<v1::GetConnectorAnnotationsRequest, v1::GetConnectorAnnotationsResponse>(
      &Stub::GetConnectorAnnotations, v1::GetConnectorAnnotationsRequest());
  v1::ValidateProductRequest oversized;  // beyond the field size limit
  oversized.set_product_code("positivessl");
  (*oversized.mutable_parameters())["Organization Name"] =
      std::string(64 << 10, 'x');
  EXPECT_EQ((Call<v1::ValidateProductRequest, v1::ValidateProductResponse>(
                 &Stub::ValidateProduct, oversized)
                 .error_code()),
            grpc::StatusCode::INVALID_ARGUMENT);

  // CA-facing RPCs on every connection.
  pki::CsrSpec spec;
  spec.subject = {{"CN", "www.example.com"}};
  const std::string csr = pki::MakeCsrPem(pki::SharedRsa2048Key(0), spec);
  int enroll_index = 0;
  for (const v1::ConnectionRef& connection : Connections()) {
    v1::ListApproverEmailsRequest approvers;
    *approvers.mutable_connection() = connection;
    approvers.set_product_code("positivessl");
    approvers.set_domain("www.example.com");
    Call<v1::ListApproverEmailsRequest, v1::ListApproverEmailsResponse>(
        &Stub::ListApproverEmails, approvers);
    v1::ListOrganizationsRequest organizations;
    *organizations.mutable_connection() = connection;
    Call<v1::ListOrganizationsRequest, v1::ListOrganizationsResponse>(
        &Stub::ListOrganizations, organizations);
    v1::EnrollRequest enroll;
    *enroll.mutable_connection() = connection;
    enroll.set_product_code("positivessl");
    enroll.set_csr(csr);
    enroll.set_request_id(absl::StrCat("obs-enroll-", enroll_index++));
    for (const auto& [key, value] : DvParameters()) {
      (*enroll.mutable_parameters())[key] = value;
    }
    Call<v1::EnrollRequest, v1::EnrollResponse>(&Stub::Enroll, enroll);
    v1::GetCertificateRequest get;
    *get.mutable_connection() = connection;
    get.set_ca_request_id(active_id);
    Call<v1::GetCertificateRequest, v1::GetCertificateResponse>(
        &Stub::GetCertificate, get);
    int records = 0;
    Sync(connection, &records);
  }
  // Bad input on CA-facing RPCs (nothing reaches SSL Store).
  v1::EnrollRequest bad_enroll;
  bad_enroll.set_product_code("positivessl");
  bad_enroll.set_csr("not a csr");
  *bad_enroll.mutable_connection() = Inline(kInlineWrongToken);
  Call<v1::EnrollRequest, v1::EnrollResponse>(&Stub::Enroll, bad_enroll);
  v1::GetCertificateRequest bad_get;
  bad_get.set_ca_request_id("");
  Call<v1::GetCertificateRequest, v1::GetCertificateResponse>(
      &Stub::GetCertificate, bad_get);
  v1::PingRequest bad_inline;
  bad_inline.mutable_connection()->mutable_inline_()->set_auth_token(
      kInlineWrongToken);
  Call<v1::PingRequest, v1::PingResponse>(&Stub::Ping, bad_inline);

  // Revocation: refused with the wrong token, bad id, then accepted.
  for (const char* connection : {"wrong", "default"}) {
    v1::RevokeCertificateRequest revoke;
    *revoke.mutable_connection() = Named(connection);
    revoke.set_ca_request_id(active_id);
    Call<v1::RevokeCertificateRequest, v1::RevokeCertificateResponse>(
        &Stub::RevokeCertificate, revoke);
  }
  v1::RevokeCertificateRequest bad_revoke;
  bad_revoke.set_ca_request_id("12-AB");
  *bad_revoke.mutable_connection() = Inline(kInlineWrongToken);
  Call<v1::RevokeCertificateRequest, v1::RevokeCertificateResponse>(
      &Stub::RevokeCertificate, bad_revoke);

  // Upstream faults: 5xx (retried) and an SSL Store error.
  sslstore_sim::FaultConfig faults;
  sslstore_sim::FaultRule unavailable;
  unavailable.endpoint = "*";
  unavailable.type = sslstore_sim::FaultType::kHttp503;
  unavailable.rate = 1.0;
  faults.rules.push_back(unavailable);
  env_->sim().SetFaults(faults);
  for (const v1::ConnectionRef& connection : Connections()) {
    v1::GetCertificateRequest get;
    *get.mutable_connection() = connection;
    get.set_ca_request_id(active_id);
    Call<v1::GetCertificateRequest, v1::GetCertificateResponse>(
        &Stub::GetCertificate, get);
  }
  sslstore_sim::FaultConfig api_error;
  sslstore_sim::FaultRule refused;
  refused.endpoint = "*";
  refused.type = sslstore_sim::FaultType::kApiError;
  refused.rate = 1.0;
  // SSL Store echoing secrets the client does not know it holds (another
  // connection's token, an inline one, an AuthToken field): only the
  // redactor can catch these, in the WBAPI trace and in the gRPC error.
  refused.error_message =
      absl::StrCat("echoed ", kSimToken, " ", kWrongToken, " ",
                   kInlineWrongToken, " AuthToken=", kUnknownToken);
  api_error.rules.push_back(refused);
  env_->sim().SetFaults(api_error);
  for (const v1::ConnectionRef& connection :
       {Inline(kSimToken), Named("default")}) {
    v1::ListApproverEmailsRequest approvers;
    *approvers.mutable_connection() = connection;
    approvers.set_product_code("positivessl");
    approvers.set_domain("www.example.com");
    const grpc::Status echoed =
        Call<v1::ListApproverEmailsRequest, v1::ListApproverEmailsResponse>(
            &Stub::ListApproverEmails, approvers);
    EXPECT_FALSE(echoed.ok());
  }
  env_->sim().ClearFaults();

  const std::vector<std::string> lines = log_.lines();
  ASSERT_FALSE(lines.empty());
  const std::vector<std::string> secrets = {kSimToken, kWrongToken,
                                            kInlineWrongToken, kUnknownToken};
  for (const std::string& secret : secrets) {
    for (const std::string& line : lines) {
      ASSERT_THAT(line, Not(HasSubstr(secret))) << "in a log line";
    }
    for (const std::string& text : returned_) {
      ASSERT_THAT(text, Not(HasSubstr(secret))) << "in a returned message";
    }
  }

  // One structured line per RPC, every RPC seen, failures included.
  std::set<std::string> seen;
  std::set<std::string> failed;
  bool request_id_echoed = false;
  bool upstream_auth_error = false;
  bool upstream_5xx = false;
  bool wbapi_trace_redacted = false;
  int rpc_lines = 0;
  for (const std::string& line : lines) {
    rapidjson::Document doc;
    doc.Parse(line.c_str());
    ASSERT_FALSE(doc.HasParseError()) << line;
    ASSERT_TRUE(doc.IsObject()) << line;
    ASSERT_FALSE(StringMember(doc, "time").empty()) << line;
    ASSERT_FALSE(StringMember(doc, "level").empty()) << line;
    const std::string msg = StringMember(doc, "msg");
    if (msg == "rpc") {
      const std::string rpc = StringMember(doc, "rpc");
      if (!absl::StartsWith(rpc, kServicePrefix)) continue;
      ++rpc_lines;
      const std::string method = rpc.substr(strlen(kServicePrefix));
      seen.insert(method);
      const std::string status = StringMember(doc, "status");
      ASSERT_FALSE(status.empty()) << line;
      ASSERT_TRUE(doc.HasMember("duration_ms") && doc["duration_ms"].IsNumber())
          << line;
      ASSERT_FALSE(StringMember(doc, "request_id").empty()) << line;
      if (status != "OK") {
        failed.insert(method);
        EXPECT_FALSE(StringMember(doc, "error").empty()) << line;
        EXPECT_NE(StringMember(doc, "level"), "info") << line;
      }
      if (method == "ListProducts" &&
          StringMember(doc, "request_id") == "req-list-products") {
        request_id_echoed = true;
      }
    } else if (msg == "upstream call") {
      upstream_auth_error |= StringMember(doc, "outcome") == "auth_error";
      upstream_5xx |= StringMember(doc, "outcome") == "http_5xx";
    } else if (msg == "wbapi") {
      const std::string text = StringMember(doc, "line");
      wbapi_trace_redacted |= absl::StrContains(text, "WBAPI request") &&
                              absl::StrContains(text, "[REDACTED]");
    }
  }
  ASSERT_FALSE(AllRpcs().empty());
  for (const std::string& rpc : AllRpcs()) {
    EXPECT_EQ(seen.count(rpc), 1u) << "no log line for " << rpc;
  }
  EXPECT_EQ(rpc_lines, calls_);  // exactly one line per call
  for (const char* rpc :
       {"ValidateProduct", "GetProduct", "Enroll", "GetCertificate",
        "RevokeCertificate", "ListApproverEmails", "SyncCertificates"}) {
    EXPECT_EQ(failed.count(rpc), 1u) << "no failing call of " << rpc;
  }
  EXPECT_TRUE(request_id_echoed);
  EXPECT_TRUE(upstream_auth_error);
  EXPECT_TRUE(upstream_5xx);
  EXPECT_TRUE(wbapi_trace_redacted);

  // Nor in the metrics.
  const std::string metrics = Scrape();
  for (const std::string& secret : secrets) {
    EXPECT_THAT(metrics, Not(HasSubstr(secret)));
  }
}

TEST_F(ObservabilityTest, MetricsEndpointCarriesTheBuildVersion) {
  EXPECT_EQ(Value(Scrape(), absl::StrCat("sslstore_build_info{version=\"",
                                         version::VersionString(), "\"}")),
            1);
}

TEST_F(ObservabilityTest, MetricsEndpointCountsRpcsUpstreamRetriesAndSyncs) {
  ASSERT_TRUE(env_->sim().SeedOrders(12, 3, 1, 0).ok());
  using Stub = v1::ConnectorService::Stub;
  for (int i = 0; i < 3; ++i) {
    Call<v1::ListProductsRequest, v1::ListProductsResponse>(
        &Stub::ListProducts, v1::ListProductsRequest());
  }
  v1::GetProductRequest unknown;
  unknown.set_product_code("no-such-product");
  const grpc::Status not_found =
      Call<v1::GetProductRequest, v1::GetProductResponse>(&Stub::GetProduct,
                                                          unknown);
  const std::string not_found_code =
      not_found.error_code() == grpc::StatusCode::NOT_FOUND
          ? "NOT_FOUND"
          : "INVALID_ARGUMENT";
  ASSERT_FALSE(not_found.ok());

  // The wrong token: one refused /rest/health/validate attempt, no retry.
  v1::PingRequest wrong;
  *wrong.mutable_connection() = Named("wrong");
  Call<v1::PingRequest, v1::PingResponse>(&Stub::Ping, wrong);

  // Two injected 503s on order/status: retried, then answered.
  std::string active_id;
  for (const auto& order : env_->sim().GroundTruth()) {
    if (order.major_status == "Active") {
      active_id = IdOf(order);
      break;
    }
  }
  ASSERT_FALSE(active_id.empty());
  sslstore_sim::FaultConfig faults;
  sslstore_sim::FaultRule rule;
  rule.endpoint = "order/status";
  rule.type = sslstore_sim::FaultType::kHttp503;
  rule.nth = 1;
  rule.times = 2;
  faults.rules.push_back(rule);
  env_->sim().SetFaults(faults);
  v1::GetCertificateRequest get;
  get.set_ca_request_id(active_id);
  ASSERT_TRUE((Call<v1::GetCertificateRequest, v1::GetCertificateResponse>(
                   &Stub::GetCertificate, get)
                   .ok()));
  ASSERT_EQ(env_->sim().FaultsFired(), 2);
  env_->sim().ClearFaults();

  int records = 0;
  ASSERT_TRUE(Sync(Named("default"), &records).ok());
  EXPECT_GT(records, 0);

  const std::string text = Scrape();
  const std::string service =
      "service=\"sslstore.connector.v1.ConnectorService\"";
  EXPECT_EQ(Value(text, absl::StrCat("sslstore_rpc_requests_total{code=\"OK\","
                                     "method=\"ListProducts\",",
                                     service, "}")),
            3);
  EXPECT_EQ(
      Value(text,
            absl::StrCat("sslstore_rpc_requests_total{code=\"", not_found_code,
                         "\",method=\"GetProduct\",", service, "}")),
      1);
  EXPECT_EQ(Value(text, absl::StrCat("sslstore_rpc_duration_seconds_count{"
                                     "code=\"OK\",method=\"ListProducts\",",
                                     service, "}")),
            3);
  EXPECT_EQ(Value(text, absl::StrCat("sslstore_rpc_requests_total{code=\"OK\","
                                     "method=\"SyncCertificates\",",
                                     service, "}")),
            1);
  EXPECT_EQ(Value(text, absl::StrCat("sslstore_rpc_requests_total{code=\"OK\","
                                     "method=\"GetCertificate\",",
                                     service, "}")),
            1);
  EXPECT_EQ(Value(text,
                  "sslstore_upstream_calls_total{endpoint=\"/rest/health/"
                  "validate\",outcome=\"auth_error\"}"),
            1);
  EXPECT_EQ(Value(text,
                  "sslstore_upstream_calls_total{endpoint=\"/rest/order/"
                  "status\",outcome=\"http_5xx\"}"),
            2);
  EXPECT_EQ(Value(text,
                  "sslstore_upstream_retries_total{endpoint=\"/rest/order/"
                  "status\"}"),
            2);
  EXPECT_EQ(Value(text,
                  "sslstore_upstream_retries_total{endpoint=\"/rest/health/"
                  "validate\"}"),
            -1);  // auth failures are not retried
  // Every /rest/order/status attempt the simulator saw was counted.
  EXPECT_EQ(Sum(text, "sslstore_upstream_calls_total",
                "endpoint=\"/rest/order/status\""),
            env_->sim().CallCount("order/status"));
  EXPECT_EQ(Value(text,
                  "sslstore_upstream_call_duration_seconds_count{endpoint="
                  "\"/rest/order/status\"}"),
            env_->sim().CallCount("order/status"));
  EXPECT_EQ(Sum(text, "sslstore_upstream_calls_total",
                "endpoint=\"/rest/order/query\""),
            env_->sim().CallCount("order/query"));

  // Sync progress: 12 orders, no failures, the stream ended.
  EXPECT_EQ(Value(text, "sslstore_sync_orders_processed_total"), 12);
  EXPECT_EQ(Value(text, "sslstore_sync_records_emitted_total"), records);
  EXPECT_EQ(Value(text, "sslstore_sync_orders_failed_total"), 0);
  EXPECT_EQ(Value(text, "sslstore_syncs_started_total"), 1);
  EXPECT_EQ(Value(text, "sslstore_syncs_running"), 0);
}

}  // namespace
}  // namespace sslstore::testing
