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
#include "sslstore_client/wbapi.h"

namespace sslstore::client {

namespace internal {
class HttpsTransport;
}  // namespace internal

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
class SslStoreClient final : public Wbapi {
 public:
  // Checks the options (https base URL, credentials present, positive
  // limits, readable CA file) and starts the client's threads.
  static absl::StatusOr<std::unique_ptr<SslStoreClient>> Create(
      const ClientOptions& options);

  // Cancels calls still in flight (their callbacks get CANCELLED) and stops
  // the threads. Must not run on a client thread.
  ~SslStoreClient() override;

  SslStoreClient(const SslStoreClient&) = delete;
  SslStoreClient& operator=(const SslStoreClient&) = delete;

  // POST /rest/order/neworder. Never retried.
  CallHandle NewOrder(const NewOrderRequest& request,
                      Callback<OrderResponse> done) override;
  // POST /rest/order/reissue. Never retried.
  CallHandle Reissue(const ReissueRequest& request,
                     Callback<OrderResponse> done) override;
  // POST /rest/order/status. Note: SSL Store may answer an unknown order
  // without an error; check `the_sslstore_order_id`.
  CallHandle Status(const OrderRef& order,
                    Callback<OrderResponse> done) override;
  // POST /rest/order/query (one page when page number and size are set).
  CallHandle Query(const QueryRequest& request,
                   Callback<QueryResponse> done) override;
  // POST /rest/order/download.
  CallHandle Download(const OrderRef& order,
                      Callback<DownloadResponse> done) override;
  // POST /rest/order/refundrequest. Never retried.
  CallHandle RequestRefund(const RefundRequest& request,
                           Callback<OrderResponse> done) override;
  // POST /rest/order/refundstatus.
  CallHandle RefundStatus(const OrderRef& order,
                          Callback<OrderResponse> done) override;
  // POST /rest/order/certificaterevokerequest. Never retried.
  CallHandle RevokeCertificate(
      const CertificateRevokeRequest& request,
      Callback<CertificateRevokeResponse> done) override;
  // POST /rest/order/approverlist.
  CallHandle ApproverList(const ApproverListRequest& request,
                          Callback<ApproverListResponse> done) override;
  // POST /rest/digicert/organizationlist (flat credentials).
  CallHandle OrganizationList(Callback<OrganizationListResponse> done) override;
  // POST /rest/health/validate (flat credentials): checks the credentials.
  CallHandle HealthValidate(Callback<HealthResponse> done) override;
  // GET /rest/health/status: service status, no credentials.
  CallHandle HealthStatus(Callback<HealthResponse> done) override;
  // POST /rest/product/query.
  CallHandle ProductQuery(const ProductQueryRequest& request,
                          Callback<ProductQueryResponse> done) override;

  // True on one of the client's threads.
  bool OnCallbackThread() const override;

  // A snapshot of the transport's counters.
  ClientStats Stats() const override;

 private:
  SslStoreClient(Credentials credentials,
                 std::unique_ptr<internal::HttpsTransport> transport);

  const Credentials credentials_;
  std::unique_ptr<internal::HttpsTransport> transport_;
};

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_SSLSTORE_CLIENT_H_
