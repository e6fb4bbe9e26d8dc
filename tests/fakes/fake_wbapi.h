#ifndef TESTS_FAKES_FAKE_WBAPI_H_
#define TESTS_FAKES_FAKE_WBAPI_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "sslstore_client/wbapi.h"

namespace sslstore::testing {

// The WBAPI calls a FakeWbapi counts and scripts.
enum class WbapiCall {
  kNewOrder,
  kReissue,
  kStatus,
  kQuery,
  kDownload,
  kRequestRefund,
  kRefundStatus,
  kRevokeCertificate,
  kApproverList,
  kOrganizationList,
  kHealthValidate,
  kHealthStatus,
  kProductQuery,
};

// The WBAPI path of `call`, e.g. "/rest/order/status".
const char* WbapiPath(WbapiCall call);

// An in-memory WBAPI: an order store with real X.509 certificates (a leaf
// for the order's CSR key, issued by a test intermediate under a test root,
// made with the x509 tests' PKI helpers), scripted failures per call, call
// counts, and issuance after a set number of status polls. Callbacks run on the
// fake's own thread, in the order the calls were made, never inline, like
// SslStoreClient's. Thread-safe.
class FakeWbapi final : public client::Wbapi {
 public:
  // How a new order's issuance goes.
  struct IssuancePlan {
    // Status polls of the order (by any reference) after which it is
    // issued: 0 = issued when placed; negative = never.
    int polls_until_issued = 0;
  };

  FakeWbapi();
  // Cancels the calls held (their callbacks get CANCELLED) and joins the
  // callback thread.
  ~FakeWbapi() override;

  FakeWbapi(const FakeWbapi&) = delete;
  FakeWbapi& operator=(const FakeWbapi&) = delete;

  // --- Wbapi ---
  client::CallHandle NewOrder(const client::NewOrderRequest& request,
                              Callback<client::OrderResponse> done) override;
  client::CallHandle Reissue(const client::ReissueRequest& request,
                             Callback<client::OrderResponse> done) override;
  client::CallHandle Status(const client::OrderRef& order,
                            Callback<client::OrderResponse> done) override;
  client::CallHandle Query(const client::QueryRequest& request,
                           Callback<client::QueryResponse> done) override;
  client::CallHandle Download(const client::OrderRef& order,
                              Callback<client::DownloadResponse> done) override;
  client::CallHandle RequestRefund(
      const client::RefundRequest& request,
      Callback<client::OrderResponse> done) override;
  client::CallHandle RefundStatus(
      const client::OrderRef& order,
      Callback<client::OrderResponse> done) override;
  client::CallHandle RevokeCertificate(
      const client::CertificateRevokeRequest& request,
      Callback<client::CertificateRevokeResponse> done) override;
  client::CallHandle ApproverList(
      const client::ApproverListRequest& request,
      Callback<client::ApproverListResponse> done) override;
  client::CallHandle OrganizationList(
      Callback<client::OrganizationListResponse> done) override;
  client::CallHandle HealthValidate(
      Callback<client::HealthResponse> done) override;
  client::CallHandle HealthStatus(
      Callback<client::HealthResponse> done) override;
  client::CallHandle ProductQuery(
      const client::ProductQueryRequest& request,
      Callback<client::ProductQueryResponse> done) override;
  bool OnCallbackThread() const override;
  client::ClientStats Stats() const override;

  // --- Scripting ---
  // How orders placed from now on are issued.
  void set_issuance(IssuancePlan plan);
  // After `after` more calls of `call` are answered, the next `times` fail
  // with `error` and change nothing.
  void FailNext(WbapiCall call, absl::Status error, int times = 1,
                int after = 0);
  // The next `times` calls of `call` take effect, but their reply is lost:
  // the caller gets `error` (e.g. a timeout).
  void LoseNextReply(WbapiCall call, absl::Status error, int times = 1);
  // While held, calls of `call` get no answer until cancelled.
  void Hold(WbapiCall call, bool held);
  // The approvers SSL Store lists for `domain` (default: admin@,
  // administrator@, hostmaster@, postmaster@ and webmaster@ of the domain
  // and of each parent domain down to two labels).
  void SetApprovers(const std::string& domain, std::vector<std::string> emails);

  // A business error (isError) as SslStoreClient reports it for `call`.
  static absl::Status BusinessError(WbapiCall call, const std::string& message,
                                    int code = -1006);
  // A transport timeout as SslStoreClient reports it for `call` (the
  // outcome of a never-retried call is then unknown).
  static absl::Status Timeout(WbapiCall call);

  // A transient failure (HTTP 503 after the client's retries) as
  // SslStoreClient reports it for `call`.
  static absl::Status Unavailable(WbapiCall call);

  // --- Orders ---
  // Adds an order as if placed earlier: issued (with a certificate for a
  // shared test key, for `dns_names`), its certificate valid from `start` to
  // `end`. Returns its TheSSLStoreOrderID.
  std::string AddIssuedOrder(const std::string& product_code,
                             const std::vector<std::string>& dns_names,
                             absl::Time start, absl::Time end,
                             const std::string& custom_order_id = "");
  // Adds a pending order (never issued unless polled per the plan).
  std::string AddPendingOrder(const std::string& product_code,
                              const std::string& common_name);
  // Replaces the certificate file that Download serves for issued order
  // `id` (e.g. with bytes that are no certificate); false when unknown.
  bool SetLeafPem(const std::string& id, const std::string& pem);
  // The current state of order `id`, as Status would answer it (without
  // counting a poll); an empty order when unknown.
  client::OrderResponse OrderSnapshot(const std::string& id) const;
  // Orders in the store.
  int order_count() const;

  // --- Observing ---
  // Calls of `call` received so far.
  int calls(WbapiCall call) const;
  // Blocks until calls(call) >= count or `timeout` passes; true when
  // reached.
  bool WaitForCalls(WbapiCall call, int count,
                    absl::Duration timeout = absl::Seconds(10));
  // Calls received and not yet answered.
  int pending_replies() const;
  // Bodies received, in order.
  std::vector<client::NewOrderRequest> new_orders() const;
  std::vector<client::ReissueRequest> reissues() const;

 private:
  struct StoredOrder;
  struct Script;
  class PendingReply;

  // What to do with one received call.
  enum class Fate { kAnswer, kFail, kLose, kHold };

  Fate Receive(WbapiCall call, absl::Status* error);
  template <typename T>
  client::CallHandle Reply(WbapiCall call,
                           std::function<absl::StatusOr<T>()> effect,
                           Callback<T> done);
  void Post(std::shared_ptr<PendingReply> reply);
  void RunCallbacks();

  StoredOrder* FindLocked(const client::OrderRef& ref)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  client::OrderResponse PollLocked(StoredOrder& order)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void IssueLocked(StoredOrder& order) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  std::string NextIdLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  mutable absl::Mutex mutex_;
  absl::CondVar changed_;
  IssuancePlan plan_ ABSL_GUARDED_BY(mutex_);
  std::map<WbapiCall, std::deque<Script>> scripts_ ABSL_GUARDED_BY(mutex_);
  std::map<WbapiCall, bool> held_ ABSL_GUARDED_BY(mutex_);
  std::map<WbapiCall, int> counts_ ABSL_GUARDED_BY(mutex_);
  std::map<std::string, std::vector<std::string>> approvers_
      ABSL_GUARDED_BY(mutex_);
  std::map<int64_t, std::unique_ptr<StoredOrder>> orders_
      ABSL_GUARDED_BY(mutex_);
  int64_t next_id_ ABSL_GUARDED_BY(mutex_) = 5000001;
  std::vector<client::NewOrderRequest> new_orders_ ABSL_GUARDED_BY(mutex_);
  std::vector<client::ReissueRequest> reissues_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::shared_ptr<PendingReply>> held_replies_
      ABSL_GUARDED_BY(mutex_);
  std::deque<std::shared_ptr<PendingReply>> ready_ ABSL_GUARDED_BY(mutex_);
  int unanswered_ ABSL_GUARDED_BY(mutex_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread thread_;
};

}  // namespace sslstore::testing

#endif  // TESTS_FAKES_FAKE_WBAPI_H_
