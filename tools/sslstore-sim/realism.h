// How far the simulator departs from its lenient defaults to act like the
// plausible variants of the real WBAPI where its behaviour is unknown. Each
// knob is selectable on its own; Realism::Realistic() turns on the profile
// the integration, polyglot and gateway-plugin suites run against.
#ifndef TOOLS_SSLSTORE_SIM_REALISM_H_
#define TOOLS_SSLSTORE_SIM_REALISM_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sslstore_sim {

// What /order/neworder does with a CustomOrderID already on an order.
enum class DuplicateCustomOrderId {
  kRefuse,  // isError with -1010 (the default)
  kAccept,  // worst case: a second order with the same CustomOrderID
};

// The knobs; the defaults are the lenient simulator of old.
struct Realism {
  // Input member names match exactly (WBAPI casing). A member whose name
  // differs only in case is ignored as if absent; an unknown member is
  // ignored. Both are recorded (see Simulator::UnknownMembers).
  bool exact_member_names = false;

  // The error an order lookup (/order/status, /order/download,
  // /order/refundrequest, /order/refundstatus, certificaterevokerequest) of
  // an id SSL Store does not know gets: "ErrorCode:<code>|Message:<text>".
  int not_found_code = -1006;
  std::string not_found_message = "Order not found";
  // Instead of an error: isError false and an order object whose
  // TheSSLStoreOrderID is empty (quirk 5 of the reference).
  bool not_found_as_empty_order = false;

  // An accepted /order/refundrequest leaves the order Active with a refund
  // pending until this many /order/status polls of that order (or an admin
  // complete-refund) cancel it; 0 cancels at once, -1 waits for the admin.
  int refund_pending_polls = 0;

  // /order/query rows show an order as it was before its latest change
  // until this long after that change (new orders show at once).
  absl::Duration query_lag = absl::ZeroDuration();

  // /order/query silently serves at most this many rows per page (the
  // effective page size, offsets included); 0 = no cap.
  int query_page_size_cap = 0;

  // /order/query lists newest order first (descending TheSSLStoreOrderID).
  bool query_newest_first = false;

  DuplicateCustomOrderId duplicate_custom_order_id =
      DuplicateCustomOrderId::kRefuse;

  // /order/reissue refuses (-1011) an AddSAN or DNSNames entry that adds a
  // name already on the order, and an empty EditSAN/AddSAN/DeleteSAN list.
  bool reissue_refuses_existing_names = false;

  // /health/validate answers {"Status": ...} only (the PHP SDK's shape),
  // without the AuthResponse members.
  bool health_validate_status_only = false;

  // The profile the suites run against: exact member names, a not-found
  // wording without "not found" in it, refunds pending for 2 polls, query
  // rows lagging by 10 minutes, pages capped at 50 rows, newest first,
  // duplicate CustomOrderIDs refused, existing names refused on reissue,
  // health/validate with Status only.
  static Realism Realistic();
};

// Parses a profile name: "lenient" (the defaults) or "realistic".
std::optional<Realism> ParseRealismProfile(absl::string_view name);

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_REALISM_H_
