#include "tests/fakes/fake_connector.h"

#include <utility>

#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace sslstore::testing {
namespace {

namespace v1 = sslstore::connector::v1;
using client::CallHandle;

class ForwardingWbapi final : public client::Wbapi {
 public:
  explicit ForwardingWbapi(std::shared_ptr<FakeWbapi> fake)
      : fake_(std::move(fake)) {}

  CallHandle NewOrder(const client::NewOrderRequest& r,
                      Callback<client::OrderResponse> d) override {
    return fake_->NewOrder(r, std::move(d));
  }
  CallHandle Reissue(const client::ReissueRequest& r,
                     Callback<client::OrderResponse> d) override {
    return fake_->Reissue(r, std::move(d));
  }
  CallHandle Status(const client::OrderRef& r,
                    Callback<client::OrderResponse> d) override {
    return fake_->Status(r, std::move(d));
  }
  CallHandle Query(const client::QueryRequest& r,
                   Callback<client::QueryResponse> d) override {
    return fake_->Query(r, std::move(d));
  }
  CallHandle Download(const client::OrderRef& r,
                      Callback<client::DownloadResponse> d) override {
    return fake_->Download(r, std::move(d));
  }
  CallHandle RequestRefund(const client::RefundRequest& r,
                           Callback<client::OrderResponse> d) override {
    return fake_->RequestRefund(r, std::move(d));
  }
  CallHandle RefundStatus(const client::OrderRef& r,
                          Callback<client::OrderResponse> d) override {
    return fake_->RefundStatus(r, std::move(d));
  }
  CallHandle RevokeCertificate(
      const client::CertificateRevokeRequest& r,
      Callback<client::CertificateRevokeResponse> d) override {
    return fake_->RevokeCertificate(r, std::move(d));
  }
  CallHandle ApproverList(const client::ApproverListRequest& r,
                          Callback<client::ApproverListResponse> d) override {
    return fake_->ApproverList(r, std::move(d));
  }
  CallHandle OrganizationList(
      Callback<client::OrganizationListResponse> d) override {
    return fake_->OrganizationList(std::move(d));
  }
  CallHandle HealthValidate(Callback<client::HealthResponse> d) override {
    return fake_->HealthValidate(std::move(d));
  }
  CallHandle HealthStatus(Callback<client::HealthResponse> d) override {
    return fake_->HealthStatus(std::move(d));
  }
  CallHandle ProductQuery(const client::ProductQueryRequest& r,
                          Callback<client::ProductQueryResponse> d) override {
    return fake_->ProductQuery(r, std::move(d));
  }
  bool OnCallbackThread() const override { return fake_->OnCallbackThread(); }
  client::ClientStats Stats() const override { return fake_->Stats(); }

 private:
  std::shared_ptr<FakeWbapi> fake_;
};

}  // namespace

std::unique_ptr<client::Wbapi> ForwardTo(std::shared_ptr<FakeWbapi> fake) {
  return std::make_unique<ForwardingWbapi>(std::move(fake));
}

service::ConnectionSettings FakeConnectionSettings() {
  service::ConnectionSettings settings;
  settings.name = "default";
  settings.sslstore_url = "https://wbapi.fake.invalid";
  settings.partner_code = "FAKEPARTNER";
  settings.auth_token = service::Secret("fake-token");
  return settings;
}

absl::StatusOr<std::unique_ptr<FakeConnector>> FakeConnector::Start(
    std::function<void(service::ServerConfig&)> tweak_config) {
  std::unique_ptr<FakeConnector> env(new FakeConnector());
  env->fake_ = std::make_shared<FakeWbapi>();
  service::ServerConfig config;
  config.listen_address = "127.0.0.1:0";
  config.connections.emplace("default", FakeConnectionSettings());
  if (tweak_config) tweak_config(config);
  std::shared_ptr<FakeWbapi> fake = env->fake_;
  absl::StatusOr<std::unique_ptr<service::ConnectorServer>> server =
      service::ConnectorServer::Start(
          std::move(config),
          [fake](const client::ClientOptions&,
                 const service::ConnectionSettings&)
              -> absl::StatusOr<std::unique_ptr<client::Wbapi>> {
            return ForwardTo(fake);
          });
  if (!server.ok()) return server.status();
  env->server_ = *std::move(server);
  env->channel_ = grpc::CreateChannel(env->server_->address(),
                                      grpc::InsecureChannelCredentials());
  env->stub_ = v1::ConnectorService::NewStub(env->channel_);
  return env;
}

FakeConnector::~FakeConnector() {
  if (server_ != nullptr) server_->Shutdown(absl::ZeroDuration());
  server_.reset();
}

}  // namespace sslstore::testing
