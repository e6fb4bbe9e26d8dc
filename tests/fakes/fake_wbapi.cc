#include "tests/fakes/fake_wbapi.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "openssl/pem.h"
#include "openssl/x509.h"
#include "sslstore_client/errors.h"
#include "sslstore_client/openssl/openssl_ptr.h"
#include "tests/service/x509/test_pki.h"

namespace sslstore::testing {
namespace {

using client::OrderResponse;
namespace pki = service::x509::testing;

thread_local const FakeWbapi* callback_thread_of = nullptr;

// The test CA every fake order is issued under, made once per process
// (EC P-256 keys: generated in microseconds, unlike RSA).
struct FakeCa {
  FakeCa() {
    root = pki::IssueCertificate(
        pki::Spec({{"C", "US"}, {"O", "Fake CA"}, {"CN", "Fake Root"}}, true,
                  "10"),
        root_key.get(), nullptr, root_key.get());
    intermediate = pki::IssueCertificate(
        pki::Spec({{"C", "US"}, {"O", "Fake CA"}, {"CN", "Fake Issuing CA"}},
                  true, "20"),
        intermediate_key.get(), root.get(), root_key.get());
  }
  openssl::EvpPkeyPtr root_key = pki::GenerateEcKey("prime256v1");
  openssl::EvpPkeyPtr intermediate_key = pki::GenerateEcKey("prime256v1");
  openssl::X509Ptr root;
  openssl::X509Ptr intermediate;
};

const FakeCa& Ca() {
  static const FakeCa* ca = new FakeCa();
  return *ca;
}

// The public key of a PEM CSR; null when it does not parse.
EVP_PKEY* CsrKey(const std::string& csr_pem) {
  openssl::BioPtr bio(
      BIO_new_mem_buf(csr_pem.data(), static_cast<int>(csr_pem.size())));
  if (bio == nullptr) return nullptr;
  X509_REQ* req = PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr);
  if (req == nullptr) return nullptr;
  EVP_PKEY* key = X509_REQ_get_pubkey(req);
  X509_REQ_free(req);
  return key;
}

client::ApiDate Date(absl::Time time) {
  client::ApiDate date;
  date.time = time;
  date.text = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
  return date;
}

}  // namespace

const char* WbapiPath(WbapiCall call) {
  switch (call) {
    case WbapiCall::kNewOrder:
      return "/rest/order/neworder";
    case WbapiCall::kReissue:
      return "/rest/order/reissue";
    case WbapiCall::kStatus:
      return "/rest/order/status";
    case WbapiCall::kQuery:
      return "/rest/order/query";
    case WbapiCall::kDownload:
      return "/rest/order/download";
    case WbapiCall::kRequestRefund:
      return "/rest/order/refundrequest";
    case WbapiCall::kRefundStatus:
      return "/rest/order/refundstatus";
    case WbapiCall::kRevokeCertificate:
      return "/rest/order/certificaterevokerequest";
    case WbapiCall::kApproverList:
      return "/rest/order/approverlist";
    case WbapiCall::kOrganizationList:
      return "/rest/digicert/organizationlist";
    case WbapiCall::kHealthValidate:
      return "/rest/health/validate";
    case WbapiCall::kHealthStatus:
      return "/rest/health/status";
    case WbapiCall::kProductQuery:
      return "/rest/product/query";
  }
  return "?";
}

// One order in the store.
struct FakeWbapi::StoredOrder {
  OrderResponse order;
  // The CSR the current certificate is (or will be) issued for.
  std::string csr;
  // Polls left before issuance; negative = never.
  int polls_left = -1;
  bool issued = false;
  // PEM of the leaf; the chain is the fake CA's.
  std::string leaf_pem;
};

// A scripted outcome of one call.
struct FakeWbapi::Script {
  Fate fate = Fate::kFail;
  absl::Status error;
};

// A reply on its way to the caller's callback.
class FakeWbapi::PendingReply final : public client::internal::Cancellable {
 public:
  PendingReply(FakeWbapi& fake, std::function<void(absl::Status)> deliver)
      : fake_(fake), deliver_(std::move(deliver)) {}

  void Cancel() override {
    absl::MutexLock lock(&fake_.mutex_);
    if (delivered) return;
    cancelled = true;
    auto held = std::find(fake_.held_replies_.begin(),
                          fake_.held_replies_.end(), shared_from_self);
    if (held != fake_.held_replies_.end()) {
      fake_.held_replies_.erase(held);
      fake_.ready_.push_back(shared_from_self);
      fake_.changed_.SignalAll();
    }
  }

  // Runs the callback: with the result, or CANCELLED.
  void Deliver(bool was_cancelled) {
    deliver_(was_cancelled ? absl::CancelledError("the call was cancelled")
                           : absl::OkStatus());
    deliver_ = nullptr;
  }

  // Guarded by the fake's mutex.
  bool cancelled = false;
  bool delivered = false;
  // Set right after creation; cleared when delivered (breaks the cycle).
  std::shared_ptr<PendingReply> shared_from_self;

 private:
  FakeWbapi& fake_;
  std::function<void(absl::Status)> deliver_;
};

FakeWbapi::FakeWbapi() : thread_([this] { RunCallbacks(); }) {}

FakeWbapi::~FakeWbapi() {
  {
    absl::MutexLock lock(&mutex_);
    for (auto& reply : held_replies_) {
      reply->cancelled = true;
      ready_.push_back(reply);
    }
    held_replies_.clear();
    stopping_ = true;
    changed_.SignalAll();
  }
  thread_.join();
}

void FakeWbapi::RunCallbacks() {
  callback_thread_of = this;
  mutex_.Lock();
  for (;;) {
    if (ready_.empty()) {
      if (stopping_) break;
      changed_.Wait(&mutex_);
      continue;
    }
    std::shared_ptr<PendingReply> reply = std::move(ready_.front());
    ready_.pop_front();
    reply->delivered = true;
    const bool cancelled = reply->cancelled;
    reply->shared_from_self.reset();
    --unanswered_;  // answered from here on, callback included
    changed_.SignalAll();
    mutex_.Unlock();
    reply->Deliver(cancelled);
    mutex_.Lock();
  }
  mutex_.Unlock();
}

bool FakeWbapi::OnCallbackThread() const { return callback_thread_of == this; }

client::ClientStats FakeWbapi::Stats() const {
  absl::MutexLock lock(&mutex_);
  client::ClientStats stats;
  stats.active_calls = unanswered_;
  for (const auto& [call, count] : counts_) stats.attempts += count;
  return stats;
}

FakeWbapi::Fate FakeWbapi::Receive(WbapiCall call, absl::Status* error) {
  ++counts_[call];
  changed_.SignalAll();
  std::deque<Script>& scripts = scripts_[call];
  if (!scripts.empty()) {
    Script script = std::move(scripts.front());
    scripts.pop_front();
    *error = std::move(script.error);
    return script.fate;
  }
  return held_[call] ? Fate::kHold : Fate::kAnswer;
}

template <typename T>
client::CallHandle FakeWbapi::Reply(WbapiCall call,
                                    std::function<absl::StatusOr<T>()> effect,
                                    Callback<T> done) {
  auto result = std::make_shared<std::optional<absl::StatusOr<T>>>();
  auto reply = std::make_shared<PendingReply>(
      *this, [result, done = std::move(done)](absl::Status override_status) {
        if (!override_status.ok()) return done(std::move(override_status));
        done(std::move(**result));
      });
  reply->shared_from_self = reply;
  absl::MutexLock lock(&mutex_);
  ++unanswered_;
  absl::Status error;
  const Fate fate = Receive(call, &error);
  switch (fate) {
    case Fate::kFail:
      *result = std::move(error);
      break;
    case Fate::kLose:
      (void)effect();
      *result = std::move(error);
      break;
    case Fate::kAnswer:
    case Fate::kHold:
      *result = effect();
      break;
  }
  if (fate == Fate::kHold) {
    held_replies_.push_back(reply);
  } else {
    ready_.push_back(reply);
    changed_.SignalAll();
  }
  return client::CallHandle(reply);
}

// --- Scripting ---

void FakeWbapi::set_issuance(IssuancePlan plan) {
  absl::MutexLock lock(&mutex_);
  plan_ = plan;
}

void FakeWbapi::FailNext(WbapiCall call, absl::Status error, int times,
                         int after) {
  absl::MutexLock lock(&mutex_);
  for (int i = 0; i < after; ++i) {
    scripts_[call].push_back(Script{Fate::kAnswer, absl::OkStatus()});
  }
  for (int i = 0; i < times; ++i) {
    scripts_[call].push_back(Script{Fate::kFail, error});
  }
}

void FakeWbapi::LoseNextReply(WbapiCall call, absl::Status error, int times) {
  absl::MutexLock lock(&mutex_);
  for (int i = 0; i < times; ++i) {
    scripts_[call].push_back(Script{Fate::kLose, error});
  }
}

void FakeWbapi::Hold(WbapiCall call, bool held) {
  absl::MutexLock lock(&mutex_);
  held_[call] = held;
  if (held) return;
  for (auto& reply : held_replies_) ready_.push_back(reply);
  held_replies_.clear();
  changed_.SignalAll();
}

void FakeWbapi::SetApprovers(const std::string& domain,
                             std::vector<std::string> emails) {
  absl::MutexLock lock(&mutex_);
  approvers_[domain] = std::move(emails);
}

absl::Status FakeWbapi::BusinessError(WbapiCall call,
                                      const std::string& message, int code) {
  return client::internal::AddCallContext(
      client::internal::MakeError(
          client::ErrorKind::kBusiness,
          absl::StrCat("SSL Store error ", code, ": ", message),
          /*transient=*/false, code),
      WbapiPath(call), 1, 200);
}

absl::Status FakeWbapi::Timeout(WbapiCall call) {
  return client::internal::AddCallContext(
      client::internal::MakeError(client::ErrorKind::kDeadline,
                                  "request timed out", /*transient=*/true),
      WbapiPath(call), 1, 0);
}

absl::Status FakeWbapi::Unavailable(WbapiCall call) {
  return client::internal::AddCallContext(
      client::internal::MakeError(client::ErrorKind::kTransport,
                                  "HTTP 503 Service Unavailable",
                                  /*transient=*/true),
      WbapiPath(call), 1, 503);
}

// --- Orders ---

std::string FakeWbapi::NextIdLocked() { return absl::StrCat(next_id_++); }

FakeWbapi::StoredOrder* FakeWbapi::FindLocked(const client::OrderRef& ref) {
  if (!ref.the_sslstore_order_id.empty()) {
    int64_t id = 0;
    if (!absl::SimpleAtoi(ref.the_sslstore_order_id, &id)) return nullptr;
    auto found = orders_.find(id);
    return found == orders_.end() ? nullptr : found->second.get();
  }
  for (auto& [id, stored] : orders_) {
    if (!ref.custom_order_id.empty() &&
        stored->order.custom_order_id == ref.custom_order_id) {
      return stored.get();
    }
  }
  return nullptr;
}

void FakeWbapi::IssueLocked(StoredOrder& stored) {
  const FakeCa& ca = Ca();
  OrderResponse& order = stored.order;
  EVP_PKEY* key = CsrKey(stored.csr);
  const bool own_key = key != nullptr;
  if (!own_key) key = pki::SharedEcP256Key();
  std::vector<std::string> sans;
  for (const std::string& name : order.dns_names) {
    sans.push_back(absl::StrCat("DNS:", name));
  }
  pki::CertSpec spec;
  spec.subject = {{"CN", order.common_name}};
  spec.serial_hex = absl::StrCat(absl::Hex(next_id_++));
  std::transform(spec.serial_hex.begin(), spec.serial_hex.end(),
                 spec.serial_hex.begin(), ::toupper);
  spec.san = absl::StrJoin(sans, ",");
  spec.days = 365;
  openssl::X509Ptr leaf = pki::IssueCertificate(
      spec, key, ca.intermediate.get(), ca.intermediate_key.get());
  if (own_key) EVP_PKEY_free(key);
  stored.leaf_pem = leaf != nullptr ? pki::CertPem(leaf.get()) : "";
  stored.issued = true;
  order.order_status.major_status = "Active";
  order.order_status.minor_status = "COMPLETED";
  order.has_order_status = true;
  const absl::Time now = absl::Now();
  order.certificate_start_date_utc = Date(now);
  order.certificate_end_date_utc = Date(now + absl::Hours(24 * 365));
  order.order_expiry_date_utc = Date(now + absl::Hours(24 * 365));
  order.serial_number = spec.serial_hex;
}

OrderResponse FakeWbapi::PollLocked(StoredOrder& stored) {
  if (!stored.issued ||
      stored.order.order_status.minor_status == "PENDING_REISSUE") {
    if (stored.polls_left > 0) --stored.polls_left;
    if (stored.polls_left == 0) IssueLocked(stored);
  }
  return stored.order;
}

std::string FakeWbapi::AddIssuedOrder(const std::string& product_code,
                                      const std::vector<std::string>& dns_names,
                                      absl::Time start, absl::Time end,
                                      const std::string& custom_order_id) {
  absl::MutexLock lock(&mutex_);
  auto stored = std::make_unique<StoredOrder>();
  const std::string id = NextIdLocked();
  OrderResponse& order = stored->order;
  order.the_sslstore_order_id = id;
  order.partner_order_id = absl::StrCat("P", id);
  order.custom_order_id = custom_order_id;
  order.product_code = product_code;
  order.common_name = dns_names.empty() ? "" : dns_names.front();
  order.dns_names = dns_names;
  order.validity = 12;
  order.purchase_date_utc = Date(start);
  IssueLocked(*stored);
  order.certificate_start_date_utc = Date(start);
  order.certificate_end_date_utc = Date(end);
  order.order_expiry_date_utc = Date(end);
  int64_t key = 0;
  (void)absl::SimpleAtoi(id, &key);
  orders_.emplace(key, std::move(stored));
  return id;
}

std::string FakeWbapi::AddPendingOrder(const std::string& product_code,
                                       const std::string& common_name) {
  absl::MutexLock lock(&mutex_);
  auto stored = std::make_unique<StoredOrder>();
  const std::string id = NextIdLocked();
  OrderResponse& order = stored->order;
  order.the_sslstore_order_id = id;
  order.partner_order_id = absl::StrCat("P", id);
  order.product_code = product_code;
  order.common_name = common_name;
  order.dns_names = {common_name};
  order.order_status.major_status = "Pending";
  order.has_order_status = true;
  order.purchase_date_utc = Date(absl::Now());
  stored->polls_left = -1;
  int64_t key = 0;
  (void)absl::SimpleAtoi(id, &key);
  orders_.emplace(key, std::move(stored));
  return id;
}

bool FakeWbapi::SetLeafPem(const std::string& id, const std::string& pem) {
  absl::MutexLock lock(&mutex_);
  int64_t key = 0;
  if (!absl::SimpleAtoi(id, &key)) return false;
  auto found = orders_.find(key);
  if (found == orders_.end()) return false;
  found->second->leaf_pem = pem;
  return true;
}

OrderResponse FakeWbapi::OrderSnapshot(const std::string& id) const {
  absl::MutexLock lock(&mutex_);
  int64_t key = 0;
  if (!absl::SimpleAtoi(id, &key)) return {};
  auto found = orders_.find(key);
  return found == orders_.end() ? OrderResponse{} : found->second->order;
}

int FakeWbapi::order_count() const {
  absl::MutexLock lock(&mutex_);
  return static_cast<int>(orders_.size());
}

// --- Observing ---

int FakeWbapi::calls(WbapiCall call) const {
  absl::MutexLock lock(&mutex_);
  auto found = counts_.find(call);
  return found == counts_.end() ? 0 : found->second;
}

bool FakeWbapi::WaitForCalls(WbapiCall call, int count,
                             absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  absl::MutexLock lock(&mutex_);
  while (counts_[call] < count) {
    if (changed_.WaitWithDeadline(&mutex_, deadline) &&
        absl::Now() >= deadline) {
      return counts_[call] >= count;
    }
  }
  return true;
}

int FakeWbapi::pending_replies() const {
  absl::MutexLock lock(&mutex_);
  return unanswered_;
}

std::vector<client::NewOrderRequest> FakeWbapi::new_orders() const {
  absl::MutexLock lock(&mutex_);
  return new_orders_;
}

std::vector<client::ReissueRequest> FakeWbapi::reissues() const {
  absl::MutexLock lock(&mutex_);
  return reissues_;
}

// --- Wbapi ---

client::CallHandle FakeWbapi::NewOrder(const client::NewOrderRequest& request,
                                       Callback<OrderResponse> done) {
  return Reply<OrderResponse>(
      WbapiCall::kNewOrder,
      [this, request]()
          ABSL_NO_THREAD_SAFETY_ANALYSIS -> absl::StatusOr<OrderResponse> {
            new_orders_.push_back(request);
            if (!request.custom_order_id.empty()) {
              client::OrderRef ref;
              ref.custom_order_id = request.custom_order_id;
              if (FindLocked(ref) != nullptr) {
                return BusinessError(WbapiCall::kNewOrder,
                                     "CustomOrderID already exists", -1009);
              }
            }
            auto stored = std::make_unique<StoredOrder>();
            const std::string id = NextIdLocked();
            OrderResponse& order = stored->order;
            order.the_sslstore_order_id = id;
            order.partner_order_id = absl::StrCat("P", id);
            order.custom_order_id = request.custom_order_id;
            order.product_code = request.product_code;
            order.common_name =
                request.domain_name.empty() && !request.dns_names.empty()
                    ? request.dns_names.front()
                    : request.domain_name;
            order.dns_names = request.dns_names;
            if (order.dns_names.empty() && !order.common_name.empty()) {
              order.dns_names = {order.common_name};
            }
            order.validity = request.validity_period;
            order.approver_email = request.approver_email;
            order.purchase_date_utc = Date(absl::Now());
            order.order_status.major_status = "Pending";
            order.has_order_status = true;
            if (request.cname_auth_dv_indicator) {
              order.cname_auth_name = absl::StrCat("_fake.", order.common_name);
              order.cname_auth_value = absl::StrCat(id, ".dcv.fake.example");
            }
            stored->csr = request.csr;
            stored->polls_left = plan_.polls_until_issued;
            if (plan_.polls_until_issued == 0) IssueLocked(*stored);
            OrderResponse reply = stored->order;
            int64_t key = 0;
            (void)absl::SimpleAtoi(id, &key);
            orders_.emplace(key, std::move(stored));
            return reply;
          },
      std::move(done));
}

client::CallHandle FakeWbapi::Reissue(const client::ReissueRequest& request,
                                      Callback<OrderResponse> done) {
  return Reply<OrderResponse>(
      WbapiCall::kReissue,
      [this, request]()
          ABSL_NO_THREAD_SAFETY_ANALYSIS -> absl::StatusOr<OrderResponse> {
            reissues_.push_back(request);
            client::OrderRef ref;
            ref.the_sslstore_order_id = request.the_sslstore_order_id;
            StoredOrder* stored = FindLocked(ref);
            if (stored == nullptr) {
              return BusinessError(WbapiCall::kReissue, "Order not found");
            }
            stored->csr = request.csr;
            if (!request.dns_names.empty()) {
              stored->order.dns_names = request.dns_names;
            }
            stored->polls_left = plan_.polls_until_issued;
            if (plan_.polls_until_issued == 0) {
              IssueLocked(*stored);
            } else {
              stored->order.order_status.major_status = "Active";
              stored->order.order_status.minor_status = "PENDING_REISSUE";
            }
            return stored->order;
          },
      std::move(done));
}

client::CallHandle FakeWbapi::Status(const client::OrderRef& ref,
                                     Callback<OrderResponse> done) {
  return Reply<OrderResponse>(
      WbapiCall::kStatus,
      [this, ref]()
          ABSL_NO_THREAD_SAFETY_ANALYSIS -> absl::StatusOr<OrderResponse> {
            StoredOrder* stored = FindLocked(ref);
            if (stored == nullptr) {
              return BusinessError(WbapiCall::kStatus, "Order not found");
            }
            return PollLocked(*stored);
          },
      std::move(done));
}

client::CallHandle FakeWbapi::Query(const client::QueryRequest& request,
                                    Callback<client::QueryResponse> done) {
  return Reply<client::QueryResponse>(
      WbapiCall::kQuery,
      [this, request]() ABSL_NO_THREAD_SAFETY_ANALYSIS
      -> absl::StatusOr<client::QueryResponse> {
        client::QueryResponse response;
        std::vector<OrderResponse> all;
        for (const auto& [id, stored] : orders_) all.push_back(stored->order);
        size_t begin = 0;
        size_t end = all.size();
        if (request.page_number > 0 && request.page_size > 0) {
          begin = std::min(all.size(),
                           static_cast<size_t>(request.page_number - 1) *
                               static_cast<size_t>(request.page_size));
          end = std::min(all.size(),
                         begin + static_cast<size_t>(request.page_size));
        }
        response.orders.assign(all.begin() + static_cast<ptrdiff_t>(begin),
                               all.begin() + static_cast<ptrdiff_t>(end));
        response.row_count = static_cast<int>(response.orders.size());
        return response;
      },
      std::move(done));
}

client::CallHandle FakeWbapi::Download(
    const client::OrderRef& ref, Callback<client::DownloadResponse> done) {
  return Reply<client::DownloadResponse>(
      WbapiCall::kDownload,
      [this, ref]() ABSL_NO_THREAD_SAFETY_ANALYSIS
      -> absl::StatusOr<client::DownloadResponse> {
        StoredOrder* stored = FindLocked(ref);
        if (stored == nullptr) {
          return BusinessError(WbapiCall::kDownload, "Order not found");
        }
        if (!stored->issued) {
          return BusinessError(WbapiCall::kDownload,
                               "Certificate is not issued yet", -1010);
        }
        const FakeCa& ca = Ca();
        client::DownloadResponse response;
        response.the_sslstore_order_id = stored->order.the_sslstore_order_id;
        response.partner_order_id = stored->order.partner_order_id;
        response.certificate_status = "Active";
        // Chain first: the order of the files says nothing about the leaf.
        response.certificates.push_back(
            {"Root.crt", pki::CertPem(ca.root.get())});
        response.certificates.push_back(
            {"Intermediate.crt", pki::CertPem(ca.intermediate.get())});
        response.certificates.push_back({"Certificate.crt", stored->leaf_pem});
        response.certificate_start_date_utc =
            stored->order.certificate_start_date_utc;
        response.certificate_end_date_utc =
            stored->order.certificate_end_date_utc;
        return response;
      },
      std::move(done));
}

client::CallHandle FakeWbapi::RequestRefund(
    const client::RefundRequest& request, Callback<OrderResponse> done) {
  return Reply<OrderResponse>(
      WbapiCall::kRequestRefund,
      [this, request]()
          ABSL_NO_THREAD_SAFETY_ANALYSIS -> absl::StatusOr<OrderResponse> {
            StoredOrder* stored = FindLocked(request.order);
            if (stored == nullptr) {
              return BusinessError(WbapiCall::kRequestRefund,
                                   "Order not found");
            }
            stored->order.refund_request_id =
                absl::StrCat("R", stored->order.the_sslstore_order_id);
            stored->order.is_refund_approved = true;
            stored->order.order_status.major_status = "Cancelled";
            return stored->order;
          },
      std::move(done));
}

client::CallHandle FakeWbapi::RefundStatus(const client::OrderRef& ref,
                                           Callback<OrderResponse> done) {
  return Reply<OrderResponse>(
      WbapiCall::kRefundStatus,
      [this, ref]()
          ABSL_NO_THREAD_SAFETY_ANALYSIS -> absl::StatusOr<OrderResponse> {
            StoredOrder* stored = FindLocked(ref);
            if (stored == nullptr) {
              return BusinessError(WbapiCall::kRefundStatus, "Order not found");
            }
            return stored->order;
          },
      std::move(done));
}

client::CallHandle FakeWbapi::RevokeCertificate(
    const client::CertificateRevokeRequest& request,
    Callback<client::CertificateRevokeResponse> done) {
  return Reply<client::CertificateRevokeResponse>(
      WbapiCall::kRevokeCertificate,
      [this, request]() ABSL_NO_THREAD_SAFETY_ANALYSIS
      -> absl::StatusOr<client::CertificateRevokeResponse> {
        StoredOrder* stored = FindLocked(request.order);
        if (stored == nullptr) {
          return BusinessError(WbapiCall::kRevokeCertificate,
                               "Order not found");
        }
        stored->order.order_status.major_status = "Cancelled";
        return client::CertificateRevokeResponse{};
      },
      std::move(done));
}

client::CallHandle FakeWbapi::ApproverList(
    const client::ApproverListRequest& request,
    Callback<client::ApproverListResponse> done) {
  return Reply<client::ApproverListResponse>(
      WbapiCall::kApproverList,
      [this, request]() ABSL_NO_THREAD_SAFETY_ANALYSIS
      -> absl::StatusOr<client::ApproverListResponse> {
        client::ApproverListResponse response;
        response.base_domain_name = request.domain_name;
        auto found = approvers_.find(request.domain_name);
        if (found != approvers_.end()) {
          response.approver_emails = found->second;
        } else {
          // The domain and each parent domain down to two labels.
          std::string domain = request.domain_name;
          for (;;) {
            for (const char* box : {"admin", "administrator", "hostmaster",
                                    "postmaster", "webmaster"}) {
              response.approver_emails.push_back(
                  absl::StrCat(box, "@", domain));
            }
            const size_t dot = domain.find('.');
            if (dot == std::string::npos ||
                domain.find('.', dot + 1) == std::string::npos) {
              break;
            }
            domain = domain.substr(dot + 1);
          }
        }
        return response;
      },
      std::move(done));
}

client::CallHandle FakeWbapi::OrganizationList(
    Callback<client::OrganizationListResponse> done) {
  return Reply<client::OrganizationListResponse>(
      WbapiCall::kOrganizationList,
      []() -> absl::StatusOr<client::OrganizationListResponse> {
        return client::OrganizationListResponse{};
      },
      std::move(done));
}

client::CallHandle FakeWbapi::HealthValidate(
    Callback<client::HealthResponse> done) {
  return Reply<client::HealthResponse>(
      WbapiCall::kHealthValidate,
      []() -> absl::StatusOr<client::HealthResponse> {
        client::HealthResponse response;
        response.status = "true";
        return response;
      },
      std::move(done));
}

client::CallHandle FakeWbapi::HealthStatus(
    Callback<client::HealthResponse> done) {
  return Reply<client::HealthResponse>(
      WbapiCall::kHealthStatus,
      []() -> absl::StatusOr<client::HealthResponse> {
        client::HealthResponse response;
        response.status = "true";
        return response;
      },
      std::move(done));
}

client::CallHandle FakeWbapi::ProductQuery(
    const client::ProductQueryRequest& request,
    Callback<client::ProductQueryResponse> done) {
  (void)request;
  return Reply<client::ProductQueryResponse>(
      WbapiCall::kProductQuery,
      []() -> absl::StatusOr<client::ProductQueryResponse> {
        return client::ProductQueryResponse{};
      },
      std::move(done));
}

}  // namespace sslstore::testing
