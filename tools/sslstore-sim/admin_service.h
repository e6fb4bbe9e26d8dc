// The simulator's admin API (plain HTTP, JSON, 127.0.0.1 only):
//   GET  /admin/health                      {"ok":true}
//   POST /admin/seed       {"count":10000,"active":7,"pending":2,"cancelled":1,
//                           "pending_reissue":0,"product_code":"positivessl",
//                           "validity_months":12,"domain_suffix":"seed.sim.test"}
//   POST /admin/approve    {"id":4500000}
//   POST /admin/cancel     {"id":4500000}
//   GET  /admin/ground-truth[?certificates=0]
//   POST /admin/reset      (keeps the realism knobs; forgets unknown members)
//   POST /admin/faults     {"seed":7,"rules":[{...}]}   (see faults.h)
//   POST /admin/faults/clear   (DELETE /admin/faults also clears)
//   GET  /admin/counters   {"calls":{"order/status":3,...},"faults_fired":1}
//   POST /admin/settings   {"approval":"manual","approve_after_status_polls":2,
//                           "chain_order":"shuffled","profile":"realistic",
//                           <realism knob>:<value>, ...}  (realism_settings.h;
//                           the profile first, then the knobs)
//   GET  /admin/settings   {"realism":{<every knob>}}
//   POST /admin/complete-refund {"id":4500000}   (carries out a pending refund)
//   GET  /admin/unknown-members {"members":[{"endpoint","path","count"}]}
//   POST /admin/unknown-members/clear   (DELETE /admin/unknown-members too)
// Errors are HTTP 4xx with {"error":"..."}.
#ifndef TOOLS_SSLSTORE_SIM_ADMIN_SERVICE_H_
#define TOOLS_SSLSTORE_SIM_ADMIN_SERVICE_H_

#include "tools/sslstore-sim/http_types.h"

namespace sslstore_sim {

class Simulator;

// Handles admin requests against a Simulator (which must outlive it).
class AdminService {
 public:
  explicit AdminService(Simulator* simulator) : sim_(simulator) {}

  // The HttpHandler of the admin listener.
  Dispatched Handle(const HttpRequest& request);

 private:
  Simulator* sim_;
};

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_ADMIN_SERVICE_H_
