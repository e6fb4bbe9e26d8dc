#include "sslstore_client/wbapi.h"

#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/synchronization/notification.h"

namespace sslstore::client {
namespace {

// Runs an asynchronous call of `api` and waits for its callback.
template <typename T, typename Start>
absl::StatusOr<T> Wait(const Wbapi& api, Start start) {
  if (api.OnCallbackThread()) {
    return absl::FailedPreconditionError(
        "a blocking SslStoreClient call was made on a client thread");
  }
  absl::Notification done;
  std::optional<absl::StatusOr<T>> result;
  start([&](absl::StatusOr<T> r) {
    result = std::move(r);
    done.Notify();
  });
  done.WaitForNotification();
  return *std::move(result);
}

}  // namespace

absl::StatusOr<OrderResponse> Wbapi::NewOrderSync(
    const NewOrderRequest& request) {
  return Wait<OrderResponse>(*this, [&](auto cb) { NewOrder(request, cb); });
}
absl::StatusOr<OrderResponse> Wbapi::ReissueSync(
    const ReissueRequest& request) {
  return Wait<OrderResponse>(*this, [&](auto cb) { Reissue(request, cb); });
}
absl::StatusOr<OrderResponse> Wbapi::StatusSync(const OrderRef& order) {
  return Wait<OrderResponse>(*this, [&](auto cb) { Status(order, cb); });
}
absl::StatusOr<QueryResponse> Wbapi::QuerySync(const QueryRequest& request) {
  return Wait<QueryResponse>(*this, [&](auto cb) { Query(request, cb); });
}
absl::StatusOr<DownloadResponse> Wbapi::DownloadSync(const OrderRef& order) {
  return Wait<DownloadResponse>(*this, [&](auto cb) { Download(order, cb); });
}
absl::StatusOr<OrderResponse> Wbapi::RequestRefundSync(
    const RefundRequest& request) {
  return Wait<OrderResponse>(*this,
                             [&](auto cb) { RequestRefund(request, cb); });
}
absl::StatusOr<OrderResponse> Wbapi::RefundStatusSync(const OrderRef& order) {
  return Wait<OrderResponse>(*this, [&](auto cb) { RefundStatus(order, cb); });
}
absl::StatusOr<CertificateRevokeResponse> Wbapi::RevokeCertificateSync(
    const CertificateRevokeRequest& request) {
  return Wait<CertificateRevokeResponse>(
      *this, [&](auto cb) { RevokeCertificate(request, cb); });
}
absl::StatusOr<ApproverListResponse> Wbapi::ApproverListSync(
    const ApproverListRequest& request) {
  return Wait<ApproverListResponse>(
      *this, [&](auto cb) { ApproverList(request, cb); });
}
absl::StatusOr<OrganizationListResponse> Wbapi::OrganizationListSync() {
  return Wait<OrganizationListResponse>(*this,
                                        [&](auto cb) { OrganizationList(cb); });
}
absl::StatusOr<HealthResponse> Wbapi::HealthValidateSync() {
  return Wait<HealthResponse>(*this, [&](auto cb) { HealthValidate(cb); });
}
absl::StatusOr<HealthResponse> Wbapi::HealthStatusSync() {
  return Wait<HealthResponse>(*this, [&](auto cb) { HealthStatus(cb); });
}
absl::StatusOr<ProductQueryResponse> Wbapi::ProductQuerySync(
    const ProductQueryRequest& request) {
  return Wait<ProductQueryResponse>(
      *this, [&](auto cb) { ProductQuery(request, cb); });
}

}  // namespace sslstore::client
