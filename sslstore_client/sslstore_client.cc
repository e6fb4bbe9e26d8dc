#include "sslstore_client/sslstore_client.h"

#include <optional>
#include <string>
#include <utility>

#include "sslstore_client/https_transport.h"
#include "sslstore_client/model_parser.h"

namespace sslstore::client {
namespace {

using internal::HttpRequest;
using internal::HttpsTransport;

constexpr char kNewOrder[] = "/rest/order/neworder";
constexpr char kReissue[] = "/rest/order/reissue";
constexpr char kStatus[] = "/rest/order/status";
constexpr char kQuery[] = "/rest/order/query";
constexpr char kDownload[] = "/rest/order/download";
constexpr char kRefundRequest[] = "/rest/order/refundrequest";
constexpr char kRefundStatus[] = "/rest/order/refundstatus";
constexpr char kRevoke[] = "/rest/order/certificaterevokerequest";
constexpr char kApproverList[] = "/rest/order/approverlist";
constexpr char kOrganizationList[] = "/rest/digicert/organizationlist";
constexpr char kHealthValidate[] = "/rest/health/validate";
constexpr char kHealthStatus[] = "/rest/health/status";
constexpr char kProductQuery[] = "/rest/product/query";

enum class Retry { kIdempotent, kOnce };

HttpRequest Post(const char* path, std::string body, Retry retry) {
  HttpRequest request;
  request.path = path;
  request.body = std::move(body);
  request.idempotent = retry == Retry::kIdempotent;
  return request;
}

// Sends `request`, reading each HTTP 200 body with `parse`; `done` gets the
// typed result of the attempt that succeeded, or the final error.
template <typename T>
CallHandle Run(HttpsTransport& transport, HttpRequest&& request,
               absl::StatusOr<T> (*parse)(absl::string_view),
               SslStoreClient::Callback<T> done) {
  auto result = std::make_shared<std::optional<T>>();
  return transport.Execute(
      std::move(request),
      [parse, result](std::string& body) -> absl::Status {
        absl::StatusOr<T> parsed = parse(body);
        if (!parsed.ok()) return parsed.status();
        *result = *std::move(parsed);
        return absl::OkStatus();
      },
      [result, done = std::move(done)](absl::Status status) {
        if (!status.ok()) return done(std::move(status));
        done(std::move(**result));
      });
}

}  // namespace

absl::StatusOr<std::unique_ptr<SslStoreClient>> SslStoreClient::Create(
    const ClientOptions& options) {
  if (options.partner_code.empty()) {
    return absl::InvalidArgumentError("partner_code is required");
  }
  if (options.auth_token.empty()) {
    return absl::InvalidArgumentError("auth_token is required");
  }
  Credentials credentials{options.partner_code, options.auth_token,
                          options.user_agent};
  absl::StatusOr<std::unique_ptr<HttpsTransport>> transport =
      HttpsTransport::Create(options);
  if (!transport.ok()) return transport.status();
  return std::unique_ptr<SslStoreClient>(
      new SslStoreClient(std::move(credentials), *std::move(transport)));
}

SslStoreClient::SslStoreClient(Credentials credentials,
                               std::unique_ptr<HttpsTransport> transport)
    : credentials_(std::move(credentials)), transport_(std::move(transport)) {}

SslStoreClient::~SslStoreClient() = default;

CallHandle SslStoreClient::NewOrder(const NewOrderRequest& request,
                                    Callback<OrderResponse> done) {
  return Run(*transport_,
             Post(kNewOrder, WriteNewOrderRequest(credentials_, request),
                  Retry::kOnce),
             ParseOrderResponse, std::move(done));
}

CallHandle SslStoreClient::Reissue(const ReissueRequest& request,
                                   Callback<OrderResponse> done) {
  return Run(
      *transport_,
      Post(kReissue, WriteReissueRequest(credentials_, request), Retry::kOnce),
      ParseOrderResponse, std::move(done));
}

CallHandle SslStoreClient::Status(const OrderRef& order,
                                  Callback<OrderResponse> done) {
  return Run(*transport_,
             Post(kStatus, WriteOrderRefRequest(credentials_, order),
                  Retry::kIdempotent),
             ParseOrderResponse, std::move(done));
}

CallHandle SslStoreClient::Query(const QueryRequest& request,
                                 Callback<QueryResponse> done) {
  return Run(*transport_,
             Post(kQuery, WriteQueryRequest(credentials_, request),
                  Retry::kIdempotent),
             ParseQueryResponse, std::move(done));
}

CallHandle SslStoreClient::Download(const OrderRef& order,
                                    Callback<DownloadResponse> done) {
  return Run(*transport_,
             Post(kDownload, WriteOrderRefRequest(credentials_, order),
                  Retry::kIdempotent),
             ParseDownloadResponse, std::move(done));
}

CallHandle SslStoreClient::RequestRefund(const RefundRequest& request,
                                         Callback<OrderResponse> done) {
  return Run(*transport_,
             Post(kRefundRequest, WriteRefundRequest(credentials_, request),
                  Retry::kOnce),
             ParseOrderResponse, std::move(done));
}

CallHandle SslStoreClient::RefundStatus(const OrderRef& order,
                                        Callback<OrderResponse> done) {
  return Run(*transport_,
             Post(kRefundStatus, WriteOrderRefRequest(credentials_, order),
                  Retry::kIdempotent),
             ParseOrderResponse, std::move(done));
}

CallHandle SslStoreClient::RevokeCertificate(
    const CertificateRevokeRequest& request,
    Callback<CertificateRevokeResponse> done) {
  return Run(*transport_,
             Post(kRevoke, WriteCertificateRevokeRequest(credentials_, request),
                  Retry::kOnce),
             ParseCertificateRevokeResponse, std::move(done));
}

CallHandle SslStoreClient::ApproverList(const ApproverListRequest& request,
                                        Callback<ApproverListResponse> done) {
  return Run(
      *transport_,
      Post(kApproverList, WriteApproverListRequest(credentials_, request),
           Retry::kIdempotent),
      ParseApproverListResponse, std::move(done));
}

CallHandle SslStoreClient::OrganizationList(
    Callback<OrganizationListResponse> done) {
  return Run(*transport_,
             Post(kOrganizationList, WriteFlatAuthRequest(credentials_),
                  Retry::kIdempotent),
             ParseOrganizationListResponse, std::move(done));
}

CallHandle SslStoreClient::HealthValidate(Callback<HealthResponse> done) {
  return Run(*transport_,
             Post(kHealthValidate, WriteFlatAuthRequest(credentials_),
                  Retry::kIdempotent),
             ParseHealthResponse, std::move(done));
}

CallHandle SslStoreClient::HealthStatus(Callback<HealthResponse> done) {
  HttpRequest request;
  request.get = true;
  request.path = kHealthStatus;
  request.idempotent = true;
  return Run(*transport_, std::move(request), ParseHealthResponse,
             std::move(done));
}

CallHandle SslStoreClient::ProductQuery(const ProductQueryRequest& request,
                                        Callback<ProductQueryResponse> done) {
  return Run(
      *transport_,
      Post(kProductQuery, WriteProductQueryRequest(credentials_, request),
           Retry::kIdempotent),
      ParseProductQueryResponse, std::move(done));
}

bool SslStoreClient::OnCallbackThread() const {
  return HttpsTransport::OnTransportThread();
}

ClientStats SslStoreClient::Stats() const { return transport_->Stats(); }

}  // namespace sslstore::client
