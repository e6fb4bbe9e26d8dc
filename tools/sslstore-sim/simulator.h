// sslstore_sim::Simulator: a faithful The SSL Store WBAPI simulator with its
// own CA, served over HTTPS on 127.0.0.1, plus a plain-HTTP admin API on
// 127.0.0.1 (seed, approve, cancel, ground truth, reset, faults, counters).
//
//   auto sim = sslstore_sim::Simulator::Start({});
//   // point a WBAPI client at (*sim)->base_url(), trusting (*sim)->ca_file(),
//   // with partner code "SIMPARTNER" and token "sim-token".
#ifndef TOOLS_SSLSTORE_SIM_SIMULATOR_H_
#define TOOLS_SSLSTORE_SIM_SIMULATOR_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tools/sslstore-sim/faults.h"
#include "tools/sslstore-sim/order_store.h"
#include "tools/sslstore-sim/products.h"
#include "tools/sslstore-sim/realism.h"
#include "tools/sslstore-sim/wbapi_service.h"

namespace sslstore_sim {

// Start-up settings.
struct SimulatorOptions {
  std::string partner_code = "SIMPARTNER";
  std::string auth_token = "sim-token";
  std::string listen_address = "127.0.0.1";  // WBAPI listener address
  uint16_t port = 0;                         // WBAPI HTTPS port, 0 = pick free
  uint16_t admin_port = 0;  // admin HTTP (plain, 127.0.0.1 only), 0 = pick free
  bool enable_admin = true;
  std::string state_dir;  // CA files written/loaded here; empty = fresh temp
                          // dir, removed when the simulator stops
  std::vector<std::string> server_names = {"localhost", "127.0.0.1"};
  int threads = 2;
  ApprovalMode approval = ApprovalMode::kImmediate;
  int approve_after_status_polls = 0;
  ChainOrder chain_order = ChainOrder::kLeafFirst;
  std::string catalog_dir;  // catalog data dir; empty = the build's default
  std::vector<SimProduct> products;  // when non-empty, used instead of the
                                     // catalog (tests)
  uint64_t seed = 1;                 // fault RNG and shuffle seed
  int max_certificate_days = 199;
  int refund_window_days = 30;
  bool new_partner_order_id_on_reissue = true;
  bool query_ignores_bad_token = false;  // reference quirk 4
  bool numeric_ids_in_download = false;  // reference quirk 15
  Realism realism;  // departures toward the real WBAPI (realism.h)
};

// One order as the simulator really holds it (admin ground truth).
struct GroundTruthOrder {
  int64_t id = 0;  // TheSSLStoreOrderID
  std::string partner_order_id;
  std::string custom_order_id;
  std::string product_code;
  std::string major_status;
  std::string minor_status;
  std::string common_name;
  std::vector<std::string> names;  // every DNS name, CN first
  std::string certificate_pem;     // current certificate, empty if none
  std::string serial_hex;          // its serial, empty if none
  absl::Time certificate_not_before = absl::InfinitePast();
  absl::Time certificate_not_after = absl::InfinitePast();
  absl::Time purchase_date;
  absl::Time order_expiry;
  bool is_renewal = false;
  int64_t related_order_id = 0;
  int reissue_count = 0;
  bool reissue_pending = false;
  bool refund_pending = false;  // a refund accepted but not yet carried out
  // The string members of the order's contacts and OrganizationInfo as
  // received (OrganizationAddress's members flattened into the latter).
  std::vector<std::pair<std::string, std::string>> admin_contact,
      technical_contact, organization_info;
  std::vector<std::string> previous_serials;
  std::vector<std::string> revoked_serials;
};

// An input member the simulator did not take under exact member names: a
// name unknown to the endpoint, or a known name in another case.
struct UnknownMember {
  std::string endpoint;  // "order/neworder", ...
  std::string path;      // the member as sent, "OrganizationInfo.orgName"
  int64_t count = 0;     // times seen
};

class AdminService;
class HttpServer;

// A running simulator; destruction stops both listeners and joins threads.
class Simulator {
 public:
  // Creates (or loads) the CA, loads the catalogue and starts listening.
  static absl::StatusOr<std::unique_ptr<Simulator>> Start(
      SimulatorOptions options);

  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // The WBAPI HTTPS port.
  uint16_t port() const;
  // The admin HTTP port (0 when the admin API is disabled).
  uint16_t admin_port() const;
  // "https://127.0.0.1:<port>" (the WBAPI base; paths are /rest/...).
  std::string base_url() const;
  // "http://127.0.0.1:<admin_port>".
  std::string admin_url() const;
  // PEM file of the root CA to trust.
  std::string ca_file() const;
  // PEM of the root CA.
  std::string root_pem() const;
  // PEM of the intermediate CA.
  std::string intermediate_pem() const;
  // The state directory in use.
  const std::string& state_dir() const { return state_dir_; }
  // The configured credentials.
  const std::string& partner_code() const { return options_.partner_code; }

  // Adds `spec.count` orders with the spec's status mix; returns their ids.
  absl::StatusOr<std::vector<int64_t>> SeedOrders(const SeedSpec& spec);
  // Shorthand: `count` positivessl orders, statuses by weight.
  absl::StatusOr<std::vector<int64_t>> SeedOrders(int count, int active_weight,
                                                  int pending_weight,
                                                  int cancelled_weight);
  // Every order, ascending id.
  std::vector<GroundTruthOrder> GroundTruth() const;
  // Approves a Pending order (issues its certificate) or completes a
  // pending reissue.
  absl::Status ApproveOrder(int64_t id);
  // Cancels an order.
  absl::Status CancelOrder(int64_t id);
  // Replaces the fault rules (see faults.h).
  void SetFaults(FaultConfig faults);
  // Removes every fault rule.
  void ClearFaults();
  // Forgets every order, fault rule and call count.
  void Reset();
  // Changes when orders are approved.
  void SetApproval(ApprovalMode mode, int approve_after_status_polls);
  // Changes the order of the download chain.
  void SetChainOrder(ChainOrder order);
  // Replaces the realism knobs (realism.h) for the calls that follow.
  void SetRealism(const Realism& realism);
  // The realism knobs in force.
  Realism realism() const;
  // Input members not taken under exact member names, since start or the
  // last Reset/ClearUnknownMembers, sorted by endpoint and path.
  std::vector<UnknownMember> UnknownMembers() const;
  // The same as "<endpoint> <path>" lines (test messages).
  std::vector<std::string> UnknownMemberLines() const;
  // Forgets the recorded unknown members.
  void ClearUnknownMembers();
  // Completes a pending refund now: the order is cancelled (Refunded).
  absl::Status CompleteRefund(int64_t id);
  // WBAPI calls per endpoint name ("order/status", ...), faulted calls
  // included, since start or the last Reset.
  std::map<std::string, int64_t> CallCounts() const;
  // Runs `action` once, just before the `nth` call to `endpoint` (counted as
  // CallCount counts) is processed, on the thread serving it; Reset drops
  // the actions not run yet. The action may call this simulator.
  void BeforeCall(std::string endpoint, int64_t nth,
                  std::function<void()> action);
  // Calls to one endpoint (0 if none).
  int64_t CallCount(const std::string& endpoint) const;
  // Faults fired since the last SetFaults/ClearFaults.
  int64_t FaultsFired() const;
  // The product table in use.
  const ProductTable& products() const { return *products_; }

 private:
  explicit Simulator(SimulatorOptions options);

  SimulatorOptions options_;
  std::string state_dir_;
  bool remove_state_dir_ = false;
  std::unique_ptr<SimCa> ca_;
  std::unique_ptr<ProductTable> products_;
  std::unique_ptr<OrderStore> store_;
  std::unique_ptr<FaultInjector> faults_;
  std::unique_ptr<WbapiService> service_;
  std::unique_ptr<AdminService> admin_;
  std::unique_ptr<HttpServer> https_;
  std::unique_ptr<HttpServer> admin_http_;
};

// Parses "immediate", "after-polls"/"after_polls", "manual".
std::optional<ApprovalMode> ParseApprovalMode(absl::string_view name);
// Parses "leaf-first", "root-first", "shuffled" ('_' also accepted).
std::optional<ChainOrder> ParseChainOrder(absl::string_view name);

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_SIMULATOR_H_
