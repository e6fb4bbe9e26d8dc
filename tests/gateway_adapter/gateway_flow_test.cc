// The adapter driven through the gateway's call sequence (Initialize,
// ValidateCAConnectionInfo, GetProductIds, GetTemplateParameterAnnotations,
// Enroll, GetSingleRecord, Synchronize, Revoke) against the real connector
// and the simulator, both in this process on 127.0.0.1:0.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/connector_with_sim.h"
#include "tests/service/x509/test_pki.h"
#include "tools/gateway-adapter/gateway_adapter.h"

namespace sslstore::gateway {
namespace {

namespace pki = sslstore::service::x509::testing;
using ::sslstore::testing::ConnectorWithSim;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSimToken[] = "sim-token";

std::string Csr(const std::string& cn, int key_index = 0) {
  pki::CsrSpec spec;
  spec.subject = {{"CN", cn}};
  return pki::MakeCsrPem(pki::SharedRsa2048Key(key_index), spec);
}

std::map<std::string, std::string> DvParameters() {
  return {{"Admin Contact - Email", "owner@example.com"},
          {"Approver Email", "admin@example.com"},
          {"Validity Period (In Days)", "365"}};
}

// A gateway database holding the serial -> request id pairs it was given.
class FakeReader : public CertificateDataReader {
 public:
  void Put(const std::string& serial, const std::string& id) {
    rows_[serial] = id;
  }
  absl::StatusOr<std::string> GetRequestIDBySerialNumber(
      const std::string& serial) override {
    asked_.push_back(serial);
    auto it = rows_.find(serial);
    return it == rows_.end() ? "" : it->second;
  }
  std::vector<std::string> asked_;

 private:
  std::map<std::string, std::string> rows_;
};

// The gateway's buffer: records in arrival order, skipped orders.
class CollectingSink : public CertificateSink {
 public:
  bool Add(AnyCAPluginCertificate certificate) override {
    if (accept_limit_ >= 0 &&
        static_cast<int>(records_.size()) >= accept_limit_) {
      return false;
    }
    records_.push_back(std::move(certificate));
    return true;
  }
  void OnSkipped(const SkippedRecord& skipped) override {
    skipped_.push_back(skipped);
  }
  void OnProgress(const SyncCounts&) override { ++progress_calls_; }

  int accept_limit_ = -1;
  std::vector<AnyCAPluginCertificate> records_;
  std::vector<SkippedRecord> skipped_;
  int progress_calls_ = 0;
};

class GatewayFlowTest : public ::testing::Test {
 protected:
  void SetUp() override { Start({}); }

  void Start(std::function<void(service::ServerConfig&)> tweak) {
    auto env = ConnectorWithSim::Start({}, std::move(tweak));
    ASSERT_TRUE(env.ok()) << env.status();
    env_ = *std::move(env);
  }

  // The dictionary the gateway would pass: typed and string values mixed,
  // as the gateway does.
  ConfigDictionary Dictionary() {
    return {{"SSLStoreURL", env_->sim().base_url()},
            {"PartnerCode", env_->sim().partner_code()},
            {"AuthToken", std::string(kSimToken)},
            {"PageSize", int64_t{10}},
            {"Enabled", true},
            {"RenewalWindow", std::string("30")},
            {"ConnectorAddress", env_->server().address()},
            {"ConnectorTimeoutSeconds", int64_t{30}}};
  }

  std::unique_ptr<GatewayAdapter> Initialized(
      std::shared_ptr<CertificateDataReader> reader = nullptr) {
    auto adapter = std::make_unique<GatewayAdapter>();
    absl::Status ok = adapter->Initialize(Dictionary(), std::move(reader));
    EXPECT_TRUE(ok.ok()) << ok;
    return adapter;
  }

  std::unique_ptr<ConnectorWithSim> env_;
};

TEST_F(GatewayFlowTest, TheGatewayCallSequence) {
  auto reader = std::make_shared<FakeReader>();
  GatewayAdapter adapter;
  ASSERT_TRUE(adapter.Initialize(Dictionary(), reader).ok());
  EXPECT_TRUE(adapter.ValidateCAConnectionInfo(Dictionary()).ok());
  EXPECT_TRUE(adapter.Ping().ok());

  absl::StatusOr<std::vector<std::string>> ids = adapter.GetProductIds();
  ASSERT_TRUE(ids.ok()) << ids.status();
  EXPECT_GE(ids->size(), 80u);
  EXPECT_THAT(*ids, Contains("positivessl"));

  auto template_annotations = adapter.GetTemplateParameterAnnotations();
  ASSERT_TRUE(template_annotations.ok()) << template_annotations.status();
  ASSERT_EQ(template_annotations->count("Validity Period (In Days)"), 1u);
  ASSERT_EQ(template_annotations->count("CName Auth Domain Validation"), 1u);
  EXPECT_EQ(template_annotations->at("CName Auth Domain Validation").type,
            "Boolean");

  const EnrollmentProductInfo product{"positivessl", DvParameters()};
  EXPECT_TRUE(adapter.ValidateProductInfo(product, Dictionary()).ok());

  absl::StatusOr<EnrollmentResult> enrolled =
      adapter.Enroll(Csr("www.example.com"), "CN=www.example.com",
                     {{"dnsname", {"www.example.com"}}}, product,
                     RequestFormat::kPkcs10, EnrollmentType::kNew);
  ASSERT_TRUE(enrolled.ok()) << enrolled.status();
  EXPECT_EQ(enrolled->status, kStatusGenerated) << enrolled->status_message;
  EXPECT_THAT(enrolled->certificate, HasSubstr("BEGIN CERTIFICATE"));
  EXPECT_EQ(enrolled->enrollment_context["action"], "new_order");
  const std::string order_id =
      enrolled->enrollment_context["ssl_store_order_id"];
  EXPECT_THAT(enrolled->ca_request_id, ::testing::StartsWith(order_id + "-"));

  absl::StatusOr<AnyCAPluginCertificate> record =
      adapter.GetSingleRecord(enrolled->ca_request_id);
  ASSERT_TRUE(record.ok()) << record.status();
  EXPECT_EQ(record->status, kStatusGenerated);
  EXPECT_EQ(record->ca_request_id, enrolled->ca_request_id);
  EXPECT_EQ(record->certificate, enrolled->certificate);
  EXPECT_EQ(record->product_id, "positivessl");
  ASSERT_FALSE(record->serial_number.empty());

  // The gateway renews: PriorCertSN is the serial it holds; the reader turns
  // it into the prior request id (lower case and colons as a user may type
  // them are normalised only when the exact form is unknown).
  reader->Put(record->serial_number, record->ca_request_id);
  EnrollmentProductInfo renewal = product;
  renewal.product_parameters["PriorCertSN"] = record->serial_number;
  absl::StatusOr<EnrollmentResult> renewed = adapter.Enroll(
      Csr("www.example.com", 1), "CN=www.example.com", {}, renewal,
      RequestFormat::kPkcs10, EnrollmentType::kRenewOrReissue);
  ASSERT_TRUE(renewed.ok()) << renewed.status();
  EXPECT_EQ(renewed->status, kStatusGenerated) << renewed->status_message;
  EXPECT_EQ(renewed->enrollment_context["action"], "reissue");
  EXPECT_EQ(renewed->enrollment_context["ssl_store_order_id"], order_id);
  EXPECT_NE(renewed->certificate, enrolled->certificate);
  EXPECT_THAT(reader->asked_, Contains(record->serial_number));

  CollectingSink sink;
  CancellationToken cancel;
  SyncCounts counts;
  absl::Status synced =
      adapter.Synchronize(sink, std::nullopt, true, &cancel, &counts);
  ASSERT_TRUE(synced.ok()) << synced;
  ASSERT_EQ(sink.records_.size(), 1u);
  EXPECT_EQ(sink.records_[0].ca_request_id, renewed->ca_request_id);
  EXPECT_EQ(sink.records_[0].certificate, renewed->certificate);
  EXPECT_EQ(counts.emitted, 1);

  std::string message;
  absl::StatusOr<int> revoked =
      adapter.Revoke(renewed->ca_request_id, sink.records_[0].serial_number,
                     /*keyCompromise=*/1, &message);
  ASSERT_TRUE(revoked.ok()) << revoked.status();
  EXPECT_EQ(*revoked, kStatusRevoked) << message;
  record = adapter.GetSingleRecord(renewed->ca_request_id);
  ASSERT_TRUE(record.ok()) << record.status();
  EXPECT_EQ(record->status, kStatusRevoked);
  EXPECT_FALSE(record->certificate.empty());

  // A second refund of the same order is refused: FAILED, not REVOKED.
  revoked = adapter.Revoke(renewed->ca_request_id, "", 0, &message);
  ASSERT_TRUE(revoked.ok()) << revoked.status();
  EXPECT_EQ(*revoked, kStatusFailed);
  EXPECT_THAT(message, HasSubstr("refused"));
}

TEST_F(GatewayFlowTest, ValidationListsProblemsByGatewayKeyWithoutTheToken) {
  GatewayAdapter adapter;  // never initialized: validation is stateless
  ConfigDictionary bad = Dictionary();
  bad["AuthToken"] = std::string("wrong-token-4711");
  absl::Status status = adapter.ValidateCAConnectionInfo(bad);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("\n  AuthToken: "));
  EXPECT_THAT(status.message(), Not(HasSubstr("wrong-token-4711")));

  bad = Dictionary();
  bad.erase("SSLStoreURL");
  bad["PartnerCode"] = std::string("");
  status = adapter.ValidateCAConnectionInfo(bad);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("\n  SSLStoreURL: "));
  EXPECT_THAT(status.message(), HasSubstr("\n  PartnerCode: "));
  EXPECT_THAT(status.message(), Not(HasSubstr(kSimToken)));

  bad = Dictionary();
  bad["PageSize"] = std::string("many");
  bad["Enabled"] = std::string("maybe");
  status = adapter.ValidateCAConnectionInfo(bad);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("PageSize: expected a whole number"));
  EXPECT_THAT(status.message(), HasSubstr("Enabled: expected true or false"));

  // A disabled connection is valid and Ping skips SSL Store.
  ConfigDictionary disabled = Dictionary();
  disabled["Enabled"] = std::string("False");
  EXPECT_TRUE(adapter.ValidateCAConnectionInfo(disabled).ok());
  ASSERT_TRUE(adapter.Initialize(disabled, nullptr).ok());
  const int64_t health_calls = env_->sim().CallCount("health/validate");
  EXPECT_TRUE(adapter.Ping().ok());
  EXPECT_EQ(env_->sim().CallCount("health/validate"), health_calls);
}

TEST_F(GatewayFlowTest, ProductValidationListsEveryProblem) {
  auto adapter = Initialized();
  EnrollmentProductInfo product{"positivessl", DvParameters()};
  product.product_parameters.erase("Admin Contact - Email");
  product.product_parameters["Validity Period (In Days)"] = "12";
  absl::Status status = adapter->ValidateProductInfo(product, Dictionary());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("Admin Contact - Email"));
  EXPECT_THAT(status.message(), HasSubstr("Validity Period (In Days)"));
  status = adapter->ValidateProductInfo({"no-such-product", {}}, Dictionary());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("no-such-product"));
}

TEST_F(GatewayFlowTest, ConnectorAnnotationsIncludeTheAdapterKeys) {
  auto adapter = Initialized();
  auto annotations = adapter->GetCAConnectorAnnotations();
  ASSERT_TRUE(annotations.ok()) << annotations.status();
  for (const char* key :
       {"SSLStoreURL", "PartnerCode", "AuthToken", "PageSize", "Enabled",
        "RenewalWindow", "ConnectorAddress", "ConnectorTlsCaFile",
        "ConnectorTokenFile", "ConnectorTimeoutSeconds"}) {
    EXPECT_EQ(annotations->count(key), 1u) << key;
  }
  EXPECT_EQ(annotations->at("AuthToken").type, "Secret");
  EXPECT_TRUE(annotations->at("AuthToken").hidden);
  EXPECT_EQ(annotations->at("Enabled").type, "Boolean");
  EXPECT_EQ(std::get<bool>(annotations->at("Enabled").default_value), true);
  EXPECT_EQ(std::get<int64_t>(annotations->at("PageSize").default_value), 100);
}

TEST_F(GatewayFlowTest, RejectedEnrollmentsAreFailedResults) {
  auto reader = std::make_shared<FakeReader>();
  auto adapter = Initialized(reader);
  const int64_t orders_before = env_->sim().CallCount("order/neworder");

  // A CSR that does not parse: FAILED with the field named.
  absl::StatusOr<EnrollmentResult> result =
      adapter->Enroll("not a csr", "", {}, {"positivessl", DvParameters()},
                      RequestFormat::kPkcs10, EnrollmentType::kNew);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->status, kStatusFailed);
  EXPECT_EQ(result->failure_code, absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(result->status_message, HasSubstr("\n  csr: "));

  // Unknown product.
  result = adapter->Enroll(Csr("www.example.com"), "", {},
                           {"no-such-product", DvParameters()},
                           RequestFormat::kPkcs10, EnrollmentType::kNew);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->status, kStatusFailed);
  EXPECT_THAT(result->status_message, HasSubstr("no-such-product"));

  // A renewal without PriorCertSN, and with a serial the gateway lacks.
  result = adapter->Enroll(
      Csr("www.example.com"), "", {}, {"positivessl", DvParameters()},
      RequestFormat::kPkcs10, EnrollmentType::kRenewOrReissue);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->status, kStatusFailed);
  EXPECT_THAT(result->status_message, HasSubstr("PriorCertSN is missing"));
  EnrollmentProductInfo renewal{"positivessl", DvParameters()};
  renewal.product_parameters["PriorCertSN"] = "0a:0b";
  result = adapter->Enroll(Csr("www.example.com"), "", {}, renewal,
                           RequestFormat::kPkcs10, EnrollmentType::kRenew);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->status, kStatusFailed);
  EXPECT_EQ(result->failure_code, absl::StatusCode::kNotFound);
  EXPECT_THAT(reader->asked_, ::testing::ElementsAre("0a:0b", "0A0B"));

  // Without a reader a renewal cannot find its prior request.
  auto readerless = Initialized(nullptr);
  result = readerless->Enroll(Csr("www.example.com"), "", {}, renewal,
                              RequestFormat::kPkcs10, EnrollmentType::kReissue);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->status, kStatusFailed);
  EXPECT_EQ(result->failure_code, absl::StatusCode::kFailedPrecondition);

  result = adapter->Enroll(Csr("www.example.com"), "", {},
                           {"positivessl", DvParameters()},
                           RequestFormat::kOther, EnrollmentType::kNew);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, kStatusFailed);
  EXPECT_EQ(env_->sim().CallCount("order/neworder"), orders_before);
}

TEST_F(GatewayFlowTest, PendingDcvComesBackAsExternalValidationWithRecords) {
  env_->sim().SetApproval(sslstore_sim::ApprovalMode::kManual, 0);
  ConfigDictionary dictionary = Dictionary();
  dictionary["ConnectorEnrollWaitSeconds"] = int64_t{0};
  GatewayAdapter adapter;
  ASSERT_TRUE(adapter.Initialize(dictionary, nullptr).ok());
  EnrollmentProductInfo product{"positivessl", DvParameters()};
  product.product_parameters.erase("Approver Email");
  product.product_parameters["CName Auth Domain Validation"] = "true";
  absl::StatusOr<EnrollmentResult> result =
      adapter.Enroll(Csr("dcv.example.com"), "", {}, product,
                     RequestFormat::kPkcs10, EnrollmentType::kNew);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->status, kStatusExternalValidation)
      << result->status_message;
  EXPECT_TRUE(result->certificate.empty());
  EXPECT_EQ(result->enrollment_context["dcv.dcv.example.com.method"], "cname");
  EXPECT_FALSE(
      result->enrollment_context["dcv.dcv.example.com.cname_name"].empty());
  EXPECT_FALSE(
      result->enrollment_context["dcv.dcv.example.com.cname_value"].empty());

  // The same enrollment again finds the order instead of buying another.
  absl::StatusOr<EnrollmentResult> again =
      adapter.Enroll(Csr("dcv.example.com"), "", {}, product,
                     RequestFormat::kPkcs10, EnrollmentType::kNew);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->ca_request_id, result->ca_request_id);
  EXPECT_EQ(again->enrollment_context["action"], "existing_order");

  // Pending orders sync as EXTERNALVALIDATION; once approved, GENERATED.
  absl::StatusOr<AnyCAPluginCertificate> record =
      adapter.GetSingleRecord(result->ca_request_id);
  ASSERT_TRUE(record.ok()) << record.status();
  EXPECT_EQ(record->status, kStatusExternalValidation);
  int64_t order_id = 0;
  ASSERT_TRUE(absl::SimpleAtoi(result->enrollment_context["ssl_store_order_id"],
                               &order_id));
  ASSERT_TRUE(env_->sim().ApproveOrder(order_id).ok());
  record = adapter.GetSingleRecord(result->ca_request_id);
  ASSERT_TRUE(record.ok()) << record.status();
  EXPECT_EQ(record->status, kStatusGenerated);
  EXPECT_THAT(record->certificate, HasSubstr("BEGIN CERTIFICATE"));
}

TEST_F(GatewayFlowTest,
       SynchronizeDeliversEveryOrderOnceAndNoEmptyCertificate) {
  ASSERT_TRUE(env_->sim().SeedOrders(37, 6, 2, 2).ok());
  auto adapter = Initialized();
  CollectingSink sink;
  SyncCounts counts;
  ASSERT_TRUE(
      adapter->Synchronize(sink, std::nullopt, true, nullptr, &counts).ok());
  std::set<std::string> seen;
  for (const AnyCAPluginCertificate& record : sink.records_) {
    EXPECT_TRUE(seen.insert(record.ca_request_id).second)
        << "twice: " << record.ca_request_id;
    if (record.status == kStatusGenerated || record.status == kStatusRevoked) {
      EXPECT_THAT(record.certificate, HasSubstr("BEGIN CERTIFICATE"))
          << record.ca_request_id;
    }
  }
  for (const SkippedRecord& skipped : sink.skipped_) {
    EXPECT_TRUE(seen.insert(skipped.ca_request_id).second)
        << "twice: " << skipped.ca_request_id;
  }
  EXPECT_EQ(seen.size(), 37u);
  EXPECT_EQ(counts.emitted, static_cast<int64_t>(sink.records_.size()));
  EXPECT_EQ(counts.processed, 37);
  EXPECT_GE(sink.progress_calls_, 3);  // 37 orders in pages of 10
  EXPECT_EQ(counts.resumes, 0);
}

TEST_F(GatewayFlowTest, AnInterruptedSyncIsResumedWithoutLossOrDuplicates) {
  ASSERT_TRUE(env_->sim().SeedOrders(35, 1, 0, 0).ok());
  // Page 2 of /order/query fails more often than the connector retries, so
  // the stream ends with UNAVAILABLE and a resume token.
  sslstore_sim::FaultConfig faults;
  sslstore_sim::FaultRule rule;
  rule.endpoint = "order/query";
  rule.type = sslstore_sim::FaultType::kHttp503;
  rule.nth = 2;
  rule.times = 8;
  faults.rules.push_back(rule);
  env_->sim().SetFaults(faults);

  auto adapter = Initialized();
  CollectingSink sink;
  SyncCounts counts;
  absl::Status status =
      adapter->Synchronize(sink, std::nullopt, true, nullptr, &counts);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_GE(counts.resumes, 1);
  std::set<std::string> seen;
  for (const AnyCAPluginCertificate& record : sink.records_) {
    EXPECT_TRUE(seen.insert(record.ca_request_id).second);
  }
  EXPECT_EQ(seen.size(), 35u);

  // With no resume attempts allowed the failure reaches the caller.
  env_->sim().SetFaults(faults);
  ConfigDictionary dictionary = Dictionary();
  dictionary["ConnectorSyncResumeAttempts"] = int64_t{0};
  GatewayAdapter strict;
  ASSERT_TRUE(strict.Initialize(dictionary, nullptr).ok());
  CollectingSink partial;
  status = strict.Synchronize(partial, std::nullopt, true, nullptr, nullptr);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_THAT(status.message(), Not(HasSubstr(kSimToken)));
}

TEST_F(GatewayFlowTest, SynchronizeStopsOnCancellationAndAFullBuffer) {
  ASSERT_TRUE(env_->sim().SeedOrders(30, 1, 0, 0).ok());
  auto adapter = Initialized();
  CollectingSink sink;
  sink.accept_limit_ = 5;
  absl::Status status =
      adapter->Synchronize(sink, std::nullopt, true, nullptr, nullptr);
  EXPECT_EQ(status.code(), absl::StatusCode::kCancelled) << status;
  EXPECT_EQ(sink.records_.size(), 5u);

  CancellationToken cancel;
  cancel.Cancel();
  CollectingSink never;
  status = adapter->Synchronize(never, std::nullopt, true, &cancel, nullptr);
  EXPECT_EQ(status.code(), absl::StatusCode::kCancelled);
  EXPECT_TRUE(never.records_.empty());
}

TEST_F(GatewayFlowTest, ErrorsNameTheConnectorAndNeverTheTokens) {
  auto adapter = Initialized();
  absl::StatusOr<AnyCAPluginCertificate> record =
      adapter->GetSingleRecord("999999-TSS-1");
  EXPECT_EQ(record.status().code(), absl::StatusCode::kNotFound)
      << record.status();
  EXPECT_EQ(adapter->Revoke("999999-TSS-1", "", 7).status().code(),
            absl::StatusCode::kInvalidArgument);

  // A connector that is not there: UNAVAILABLE naming the address.
  ConfigDictionary down = Dictionary();
  down["ConnectorAddress"] = std::string("127.0.0.1:1");
  GatewayAdapter unreachable;
  ASSERT_TRUE(unreachable.Initialize(down, nullptr).ok());
  absl::Status status = unreachable.Ping();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(status.message(), HasSubstr("127.0.0.1:1"));
  EXPECT_THAT(status.message(), Not(HasSubstr(kSimToken)));
  absl::StatusOr<EnrollmentResult> enrolled = unreachable.Enroll(
      Csr("www.example.com"), "", {}, {"positivessl", DvParameters()},
      RequestFormat::kPkcs10, EnrollmentType::kNew);
  EXPECT_EQ(enrolled.status().code(), absl::StatusCode::kUnavailable);

  // Bad files are reported by key and path at Initialize.
  ConfigDictionary bad_files = Dictionary();
  bad_files["ConnectorTokenFile"] = std::string("/nonexistent/token");
  status = unreachable.Initialize(bad_files, nullptr);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("ConnectorTokenFile"));
}

// --- TLS and bearer tokens --------------------------------------------------

constexpr char kBearer[] = "adapter-bearer-7f3a9c";

// PEM files: a server CA and a "localhost"/127.0.0.1 certificate, a client
// CA and a client certificate, and token files.
struct TlsFiles {
  std::string dir;
  std::string Path(const std::string& name) const { return dir + "/" + name; }
};

const TlsFiles& Files() {
  static const TlsFiles* files = [] {
    auto* out = new TlsFiles;
    // One directory per process: parallel test processes each generate
    // their own keys and must not overwrite each other's files.
    out->dir =
        absl::StrCat(::testing::TempDir(), "/gateway_adapter_tls.", getpid());
    std::filesystem::create_directories(out->dir);
    auto write = [&](const std::string& name, const std::string& text) {
      std::ofstream(out->Path(name)) << text;
    };
    EVP_PKEY* ca_key = pki::SharedRsa2048Key(0);
    EVP_PKEY* server_key = pki::SharedRsa2048Key(1);
    EVP_PKEY* client_ca_key = pki::SharedRsa2048Key(2);
    EVP_PKEY* client_key = pki::SharedRsa2048Key(3);
    auto ca = pki::IssueCertificate(
        pki::Spec({{"CN", "Adapter Test CA"}}, true, "40"), ca_key, nullptr,
        ca_key);
    pki::CertSpec server_spec = pki::Spec({{"CN", "localhost"}}, false, "41");
    server_spec.san = "IP:127.0.0.1,DNS:localhost";
    auto server =
        pki::IssueCertificate(server_spec, server_key, ca.get(), ca_key);
    auto client_ca = pki::IssueCertificate(
        pki::Spec({{"CN", "Adapter Client CA"}}, true, "50"), client_ca_key,
        nullptr, client_ca_key);
    auto client =
        pki::IssueCertificate(pki::Spec({{"CN", "gateway"}}, false, "51"),
                              client_key, client_ca.get(), client_ca_key);
    write("ca.pem", pki::CertPem(ca.get()));
    write("server.pem", pki::CertPem(server.get()));
    write("server.key", pki::KeyPem(server_key));
    write("client_ca.pem", pki::CertPem(client_ca.get()));
    write("client.pem", pki::CertPem(client.get()));
    write("client.key", pki::KeyPem(client_key));
    write("token", absl::StrCat(kBearer, "\n"));
    write("wrong_token", "not-the-bearer-token-31\n");
    return out;
  }();
  return *files;
}

TEST_F(GatewayFlowTest, MutualTlsAndBearerToken) {
  const TlsFiles& files = Files();
  Start([&files](service::ServerConfig& config) {
    config.tls.cert_file = files.Path("server.pem");
    config.tls.key_file = files.Path("server.key");
    config.tls.client_ca_file = files.Path("client_ca.pem");
    config.caller_auth.bearer_tokens = {service::Secret(kBearer)};
  });
  ConfigDictionary dictionary = Dictionary();
  dictionary["ConnectorTlsCaFile"] = files.Path("ca.pem");
  dictionary["ConnectorTlsClientCertFile"] = files.Path("client.pem");
  dictionary["ConnectorTlsClientKeyFile"] = files.Path("client.key");
  dictionary["ConnectorTokenFile"] = files.Path("token");
  GatewayAdapter adapter;
  ASSERT_TRUE(adapter.Initialize(dictionary, nullptr).ok());
  EXPECT_TRUE(adapter.Ping().ok());
  absl::StatusOr<std::vector<std::string>> ids = adapter.GetProductIds();
  ASSERT_TRUE(ids.ok()) << ids.status();

  dictionary["ConnectorTokenFile"] = files.Path("wrong_token");
  ASSERT_TRUE(adapter.Initialize(dictionary, nullptr).ok());
  absl::Status status = adapter.Ping();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnauthenticated) << status;
  EXPECT_THAT(status.message(), HasSubstr("ConnectorTokenFile"));
  EXPECT_THAT(status.message(), Not(HasSubstr("not-the-bearer-token-31")));
  EXPECT_THAT(status.message(), Not(HasSubstr(kBearer)));

  // Without the client certificate the TLS handshake fails.
  dictionary["ConnectorTokenFile"] = files.Path("token");
  dictionary.erase("ConnectorTlsClientCertFile");
  dictionary.erase("ConnectorTlsClientKeyFile");
  ASSERT_TRUE(adapter.Initialize(dictionary, nullptr).ok());
  EXPECT_EQ(adapter.Ping().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace sslstore::gateway
