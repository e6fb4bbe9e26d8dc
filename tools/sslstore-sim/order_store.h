// The order book and its state machine: Pending -> Active on approval (at
// once, after N status polls, or by an admin call), reissue
// (Active/PENDING_REISSUE, then a new certificate on the same order),
// renewal (a new order linked to the old one), refund and revocation
// (-> Cancelled). Thread-safe: one mutex guards the book; certificates for
// seeded orders are signed outside it.
#ifndef TOOLS_SSLSTORE_SIM_ORDER_STORE_H_
#define TOOLS_SSLSTORE_SIM_ORDER_STORE_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tools/sslstore-sim/order.h"
#include "tools/sslstore-sim/realism.h"
#include "tools/sslstore-sim/sim_ca.h"

namespace sslstore_sim {

// When a Pending order (or a pending reissue) gets its certificate.
enum class ApprovalMode {
  kImmediate,   // during the neworder / reissue call itself
  kAfterPolls,  // on the Nth /order/status call (N =
                // approve_after_status_polls)
  kManual,      // only through the admin "approve" operation
};

// Tunables of the state machine.
struct StoreSettings {
  ApprovalMode approval = ApprovalMode::kImmediate;
  int approve_after_status_polls = 0;
  int max_certificate_days = 199;  // certificate lifetime cap
  int refund_window_days = 30;     // refunds only this long after purchase
  bool new_partner_order_id_on_reissue = true;
  // The realism knobs the store applies: not-found wording, pending refunds,
  // query lag, page cap and order, duplicate CustomOrderIDs.
  Realism realism;
};

// Identifies an order by TheSSLStoreOrderID or, when that is 0, by
// CustomOrderID.
struct OrderRef {
  int64_t id = 0;
  std::string custom_order_id;
};

// A validated /order/neworder request.
struct NewOrderInput {
  std::string custom_order_id;  // empty: none
  std::string product_code, product_name, vendor_name;
  int validity_months = 12;
  int server_count = 1;
  std::string web_server_type = "Other";
  std::string signature_hash_algorithm;
  std::string common_name;
  std::vector<std::string> names;  // common name first, de-duplicated
  std::string public_key_der;
  std::string csr_der;  // for the DCV tokens
  std::string approver_email;
  DcvMethod dcv = DcvMethod::kEmail;
  StringFields admin_contact, technical_contact, organization_info;
  int64_t tss_organization_id = 0;
  bool is_renewal = false;
  int64_t related_order_id = 0;
};

// A validated /order/reissue request.
struct ReissueInput {
  std::string common_name;
  std::vector<std::string> names;
  std::string public_key_der;
};

// /order/query filters; unset members do not filter.
struct QueryFilter {
  std::optional<absl::Time> purchased_from, purchased_to;
  std::optional<absl::Time> expires_from, expires_to;  // certificate end
  std::string product_code;
  std::string domain;  // matches the common name or any SAN
};

// Seeding request: `count` orders whose statuses follow the weights, in a
// deterministic round-robin (so the proportions are exact).
struct SeedSpec {
  int count = 0;
  int active_weight = 1;
  int pending_weight = 0;
  int cancelled_weight = 0;
  int pending_reissue_weight = 0;
  std::string product_code = "positivessl";
  std::string product_name = "Sectigo PositiveSSL";
  std::string vendor_name = "SECTIGO";
  int validity_months = 12;
  std::string domain_suffix = "seed.sim.test";
};

// The order book.
class OrderStore {
 public:
  // `ca` must outlive the store.
  OrderStore(const SimCa* ca, StoreSettings settings);

  // Creates an order. AlreadyExists for a duplicate CustomOrderID, NotFound
  // for an unknown RelatedTheSSLStoreOrderID; nothing is stored on error.
  absl::StatusOr<Order> Create(NewOrderInput input);

  // Returns a copy of the order.
  absl::StatusOr<Order> Get(const OrderRef& ref) const;

  // Counts one /order/status poll (approving the order when the approval
  // mode says so) and returns the order.
  absl::StatusOr<Order> PollStatus(const OrderRef& ref);

  // Starts a reissue on an Active order.
  absl::StatusOr<Order> Reissue(const OrderRef& ref, ReissueInput input);

  // Refunds a Pending or Active order inside the refund window.
  absl::StatusOr<Order> RequestRefund(const OrderRef& ref);

  // Revokes the current certificate (or the one with `serial_hex`).
  absl::StatusOr<Order> RevokeCertificate(const OrderRef& ref,
                                          const std::string& serial_hex);

  // Approves a Pending order or completes a pending reissue.
  absl::Status Approve(int64_t id);

  // Cancels an order (keeps its certificate, if any).
  absl::Status Cancel(int64_t id);

  // One page (1-based) of the orders matching `filter`, ascending id.
  // page_number <= 0 or page_size <= 0 returns every match.
  std::vector<Order> Query(const QueryFilter& filter, int64_t page_number,
                           int64_t page_size) const;

  // Adds seeded orders; returns their ids.
  absl::StatusOr<std::vector<int64_t>> Seed(const SeedSpec& spec);

  // Copies of every order, ascending id.
  std::vector<Order> Snapshot() const;

  // Number of orders.
  size_t size() const;

  // Forgets every order (ids restart).
  void Reset();

  // Changes the approval mode.
  void SetApproval(ApprovalMode mode, int after_polls);

  // Replaces the realism knobs for the calls that follow.
  void SetRealism(const Realism& realism);

  // Carries out a pending refund now (the order becomes Cancelled/Refunded).
  // NotFound for an unknown id, FailedPrecondition when none is pending.
  absl::Status CompleteRefund(int64_t id);

  // Current settings.
  StoreSettings settings() const;

 private:
  Order* FindLocked(const OrderRef& ref);
  const Order* FindLocked(const OrderRef& ref) const;
  absl::Status IssueLocked(Order& order);
  absl::Status CompleteReissueLocked(Order& order);
  void CompleteRefundLocked(Order& order);
  absl::Status NotFoundLocked() const;
  std::string NextPartnerOrderIdLocked();

  const SimCa* ca_;
  mutable std::mutex mu_;
  StoreSettings settings_;
  std::map<int64_t, Order> orders_;
  std::unordered_map<std::string, int64_t> by_custom_id_;
  int64_t next_id_;
  int64_t next_partner_seq_;
  int64_t next_refund_seq_;
};

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_ORDER_STORE_H_
