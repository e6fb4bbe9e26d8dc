#ifndef SSLSTORE_CLIENT_SSLSTORE_CLIENT_H_
#define SSLSTORE_CLIENT_SSLSTORE_CLIENT_H_

#include <cstdint>
#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "sslstore_client/account_models.h"
#include "sslstore_client/call_handle.h"
#include "sslstore_client/client_options.h"
#include "sslstore_client/errors.h"
#include "sslstore_client/model_writer.h"
#include "sslstore_client/order_models.h"

namespace sslstore::client {

namespace internal {
class HttpsTransport;
}  // namespace internal

// Counters of a client's transport, for tests, metrics and benchmarks.
struct ClientStats {
  // Calls started and not yet completed.
  int active_calls = 0;
  // Connections open (busy or idle), and the idle ones among them.
  int open_connections = 0;
  int idle_connections = 0;
  // Calls queued for a connection.
  int waiting_calls = 0;
  // Totals since creation.
  int64_t connections_opened = 0;
  int64_t attempts = 0;
  int64_t retries = 0;
};

// A typed client of The SSL Store's WBAPI for one connection configuration
// (base URL, partner code, auth token). Thread-safe: any number of calls may
// be in flight from any threads. Calls run asynchronously on the client's
// own threads over a bounded keep-alive connection pool.
//
// Asynchronous methods never block: they return a CallHandle (to cancel)
// and later invoke the callback exactly once, on a client thread, with the
// typed response or an error (see errors.h for the kinds and codes). A
// callback must not block; it may start further calls.
//
// Idempotent calls (status, query, download, refund status, approver list,
// organization list, health, product query) retry transient failures per
// `ClientOptions::retry`. NewOrder, Reissue, RequestRefund and
// RevokeCertificate are sent at most once: after a transient failure the
// caller decides (e.g. looks the order up by CustomOrderID).
//
// The `*Sync` wrappers block the calling thread; calling one on a client
// thread (inside a callback) fails with FAILED_PRECONDITION instead of
// deadlocking.
class SslStoreClient {
 public:
  template <typename T>
  using Callback = std::function<void(absl::StatusOr<T>)>;

  // Checks the options (https base URL, credentials present, positive
  // limits, readable CA file) and starts the client's threads.
  static absl::StatusOr<std::unique_ptr<SslStoreClient>> Create(
      const ClientOptions& options);

  // Cancels calls still in flight (their callbacks get CANCELLED) and stops
  // the threads. Must not run on a client thread.
  ~SslStoreClient();

  SslStoreClient(const SslStoreClient&) = delete;
  SslStoreClient& operator=(const SslStoreClient&) = delete;

  // POST /rest/order/neworder. Never retried.
  CallHandle NewOrder(const NewOrderRequest& request,
                      Callback<OrderResponse> done);
  // POST /rest/order/reissue. Never retried.
  CallHandle Reissue(const ReissueRequest& request,
                     Callback<OrderResponse> done);
  // POST /rest/order/status. Note: SSL Store may answer an unknown order
  // without an error; check `the_ssl_store_order_id`.
  CallHandle Status(const OrderRef& order, Callback<OrderResponse> done);
  // POST /rest/order/query (one page when page number and size are set).
  CallHandle Query(const QueryRequest& request, Callback<QueryResponse> done);
  // POST /rest/order/download.
  CallHandle Download(const OrderRef& order, Callback<DownloadResponse> done);
  // POST /rest/order/refundrequest. Never retried.
  CallHandle RequestRefund(const RefundRequest& request,
                           Callback<OrderResponse> done);
  // POST /rest/order/refundstatus.
  CallHandle RefundStatus(const OrderRef& order, Callback<OrderResponse> done);
  // POST /rest/order/certificaterevokerequest. Never retried.
  CallHandle RevokeCertificate(const CertificateRevokeRequest& request,
                               Callback<CertificateRevokeResponse> done);
  // POST /rest/order/approverlist.
  CallHandle ApproverList(const ApproverListRequest& request,
                          Callback<ApproverListResponse> done);
  // POST /rest/digicert/organizationlist (flat credentials).
  CallHandle OrganizationList(Callback<OrganizationListResponse> done);
  // POST /rest/health/validate (flat credentials): checks the credentials.
  CallHandle HealthValidate(Callback<HealthResponse> done);
  // GET /rest/health/status: service status, no credentials.
  CallHandle HealthStatus(Callback<HealthResponse> done);
  // POST /rest/product/query.
  CallHandle ProductQuery(const ProductQueryRequest& request,
                          Callback<ProductQueryResponse> done);

  // Blocking versions of the calls above.
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

  // A snapshot of the transport's counters.
  ClientStats Stats() const;

 private:
  SslStoreClient(Credentials credentials,
                 std::unique_ptr<internal::HttpsTransport> transport);

  const Credentials credentials_;
  std::unique_ptr<internal::HttpsTransport> transport_;
};

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_SSLSTORE_CLIENT_H_
