// The WBAPI request handler: routes /rest/... paths, checks credentials,
// validates requests like the real service, drives the order store, renders
// the three response envelopes (nested AuthResponse, bare array, flat) and
// applies injected faults. Transport-neutral (see http_server.h).
#ifndef TOOLS_SSLSTORE_SIM_WBAPI_SERVICE_H_
#define TOOLS_SSLSTORE_SIM_WBAPI_SERVICE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "rapidjson/document.h"
#include "tools/sslstore-sim/faults.h"
#include "tools/sslstore-sim/http_types.h"
#include "tools/sslstore-sim/order_json.h"
#include "tools/sslstore-sim/order_store.h"
#include "tools/sslstore-sim/products.h"
#include "tools/sslstore-sim/realism.h"
#include "tools/sslstore-sim/sim_ca.h"

namespace sslstore_sim {

// Order of the Certificates entries of /order/download.
enum class ChainOrder {
  kLeafFirst,  // leaf, intermediate, root
  kRootFirst,  // root, intermediate, leaf
  kShuffled,   // a deterministic pseudo-random order per download
};

// Settings of the handler.
struct WbapiSettings {
  std::string partner_code;
  std::string auth_token;
  ChainOrder chain_order = ChainOrder::kLeafFirst;
  uint64_t seed = 1;
  // Quirk 4 of the reference: /order/query does not reject a bad token.
  bool query_ignores_bad_token = false;
  // Quirk 15: /order/download returns TheSSLStoreOrderID and VendorOrderID
  // as JSON numbers.
  bool numeric_ids_in_download = false;
  // The realism knobs in force at start (see SetRealism).
  Realism realism;
};

// Input members not taken under exact member names: (endpoint, dotted path
// as sent) -> times seen.
using UnknownMemberCounts =
    std::map<std::pair<std::string, std::string>, int64_t>;

// Handles WBAPI requests; thread-safe.
class WbapiService {
 public:
  // Every pointer must outlive the service.
  WbapiService(OrderStore* store, const ProductTable* products, const SimCa* ca,
               FaultInjector* faults, WbapiSettings settings);

  // Handles one request (the HttpHandler of the HTTPS listener).
  Dispatched Handle(const HttpRequest& request);

  // Calls per endpoint name ("order/status", ...) since the last reset,
  // faulted calls included; unknown paths are not counted.
  std::map<std::string, int64_t> CallCounts() const;

  // Zeroes the call counters and drops the actions not run yet.
  void ResetCallCounts();

  // Runs `action` once, on the thread serving the call, just before the
  // `nth` call (1-based, counted as CallCounts() counts) to `endpoint` is
  // processed: lets a test change the account at an exact point of a
  // client's sequence of calls.
  void BeforeCall(std::string endpoint, int64_t nth,
                  std::function<void()> action);

  // Changes the download chain order.
  void SetChainOrder(ChainOrder order);

  // Replaces the realism knobs for the calls that follow.
  void SetRealism(const Realism& realism);

  // The realism knobs in force.
  Realism realism() const;

  // Input members ignored under exact member names since the last clear.
  UnknownMemberCounts UnknownMembers() const;

  // Forgets the recorded unknown members.
  void ClearUnknownMembers();

 private:
  // The parsed parts every POST handler needs.
  struct Call {
    std::string endpoint;
    const rapidjson::Value* body = nullptr;
    AuthInfo auth;  // for the response envelope
    bool authenticated = false;
    Realism realism;  // the knobs in force for this call
  };

  HttpResponse Process(const std::string& endpoint, const HttpRequest& req,
                       const rapidjson::Value& body, Realism realism);
  HttpResponse ErrorEnvelope(const std::string& endpoint, const AuthInfo& auth);

  HttpResponse HealthStatus();
  HttpResponse HealthValidate(Call& call);
  HttpResponse NewOrder(Call& call);
  HttpResponse Reissue(Call& call);
  HttpResponse Status(Call& call);
  HttpResponse Query(Call& call);
  HttpResponse Download(Call& call);
  HttpResponse Refund(Call& call, bool request);
  HttpResponse Revoke(Call& call);
  HttpResponse ApproverList(Call& call);
  HttpResponse OrganizationList(Call& call);
  HttpResponse ProductQuery(Call& call);

  // The download reply for an unknown order when not-found is not an error.
  HttpResponse EmptyDownload(Call& call);

  // Renders a nested OrderResponse for `order` or an error envelope (or, for
  // an unknown order under Realism::not_found_as_empty_order, an order
  // without ids).
  HttpResponse OrderReply(Call& call, const absl::StatusOr<Order>& order);

  OrderStore* store_;
  const ProductTable* products_;
  const SimCa* ca_;
  FaultInjector* faults_;
  const WbapiSettings settings_;
  std::atomic<int> chain_order_;
  std::atomic<uint64_t> download_seq_{0};
  mutable std::mutex counts_mu_;
  std::map<std::string, int64_t> counts_;
  // (endpoint, nth) -> the action to run before that call.
  std::multimap<std::pair<std::string, int64_t>, std::function<void()>>
      before_call_;
  mutable std::mutex realism_mu_;
  Realism realism_;
  UnknownMemberCounts unknown_members_;
};

// The endpoint name of a request target ("/rest/Order/Status/?x" ->
// "order/status"), or nullopt when it is not a /rest/ path.
std::optional<std::string> EndpointName(const std::string& target);

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_WBAPI_SERVICE_H_
