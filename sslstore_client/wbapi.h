#ifndef SSLSTORE_CLIENT_WBAPI_H_
#define SSLSTORE_CLIENT_WBAPI_H_

#include <cstdint>
#include <functional>

#include "absl/status/statusor.h"
#include "sslstore_client/account_models.h"
#include "sslstore_client/call_handle.h"
#include "sslstore_client/client_stats.h"
#include "sslstore_client/order_models.h"

namespace sslstore::client {

// The SSL Store WBAPI as the service uses it: one asynchronous call per
// endpoint. SslStoreClient implements it over HTTPS; tests implement it in
// memory. Implementations are thread-safe.
//
// Every call returns a CallHandle (to cancel it) and later invokes its
// callback exactly once, on one of the implementation's callback threads
// (never inline), with the typed response or an error (see errors.h). A
// callback must not block; it may start further calls.
class Wbapi {
 public:
  template <typename T>
  using Callback = std::function<void(absl::StatusOr<T>)>;

  virtual ~Wbapi() = default;

  // /rest/order/neworder. Never retried.
  virtual CallHandle NewOrder(const NewOrderRequest& request,
                              Callback<OrderResponse> done) = 0;
  // /rest/order/reissue. Never retried.
  virtual CallHandle Reissue(const ReissueRequest& request,
                             Callback<OrderResponse> done) = 0;
  // /rest/order/status. SSL Store may answer an unknown order without an
  // error; check `the_sslstore_order_id`.
  virtual CallHandle Status(const OrderRef& order,
                            Callback<OrderResponse> done) = 0;
  // /rest/order/query (one page when page number and size are set).
  virtual CallHandle Query(const QueryRequest& request,
                           Callback<QueryResponse> done) = 0;
  // /rest/order/download.
  virtual CallHandle Download(const OrderRef& order,
                              Callback<DownloadResponse> done) = 0;
  // /rest/order/refundrequest. Never retried.
  virtual CallHandle RequestRefund(const RefundRequest& request,
                                   Callback<OrderResponse> done) = 0;
  // /rest/order/refundstatus.
  virtual CallHandle RefundStatus(const OrderRef& order,
                                  Callback<OrderResponse> done) = 0;
  // /rest/order/certificaterevokerequest. Never retried.
  virtual CallHandle RevokeCertificate(
      const CertificateRevokeRequest& request,
      Callback<CertificateRevokeResponse> done) = 0;
  // /rest/order/approverlist.
  virtual CallHandle ApproverList(const ApproverListRequest& request,
                                  Callback<ApproverListResponse> done) = 0;
  // /rest/digicert/organizationlist.
  virtual CallHandle OrganizationList(
      Callback<OrganizationListResponse> done) = 0;
  // /rest/health/validate: checks the credentials.
  virtual CallHandle HealthValidate(Callback<HealthResponse> done) = 0;
  // /rest/health/status: service status, no credentials.
  virtual CallHandle HealthStatus(Callback<HealthResponse> done) = 0;
  // /rest/product/query.
  virtual CallHandle ProductQuery(const ProductQueryRequest& request,
                                  Callback<ProductQueryResponse> done) = 0;

  // True on one of this implementation's callback threads, where blocking
  // (and so every `*Sync` call) is not allowed.
  virtual bool OnCallbackThread() const = 0;

  // A snapshot of the transport's counters.
  virtual ClientStats Stats() const = 0;

  // Blocking versions of the calls above, written once on top of them.
  // On a callback thread they fail with FAILED_PRECONDITION instead of
  // deadlocking.
  absl::StatusOr<OrderResponse> NewOrderSync(const NewOrderRequest& request);
  absl::StatusOr<OrderResponse> ReissueSync(const ReissueRequest& request);
  absl::StatusOr<OrderResponse> StatusSync(const OrderRef& order);
  absl::StatusOr<QueryResponse> QuerySync(const QueryRequest& request);
  absl::StatusOr<DownloadResponse> DownloadSync(const OrderRef& order);
  absl::StatusOr<OrderResponse> RequestRefundSync(const RefundRequest& request);
  absl::StatusOr<OrderResponse> RefundStatusSync(const OrderRef& order);
  absl::StatusOr<CertificateRevokeResponse> RevokeCertificateSync(
      const CertificateRevokeRequest& request);
  absl::StatusOr<ApproverListResponse> ApproverListSync(
      const ApproverListRequest& request);
  absl::StatusOr<OrganizationListResponse> OrganizationListSync();
  absl::StatusOr<HealthResponse> HealthValidateSync();
  absl::StatusOr<HealthResponse> HealthStatusSync();
  absl::StatusOr<ProductQueryResponse> ProductQuerySync(
      const ProductQueryRequest& request);
};

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_WBAPI_H_
