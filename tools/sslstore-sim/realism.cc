#include "tools/sslstore-sim/realism.h"

namespace sslstore_sim {

Realism Realism::Realistic() {
  Realism realism;
  realism.exact_member_names = true;
  realism.not_found_code = -9009;
  realism.not_found_message = "Invalid OrderID or CustomOrderID";
  realism.refund_pending_polls = 2;
  realism.query_lag = absl::Minutes(10);
  realism.query_page_size_cap = 50;
  realism.query_newest_first = true;
  realism.duplicate_custom_order_id = DuplicateCustomOrderId::kRefuse;
  realism.reissue_refuses_existing_names = true;
  realism.health_validate_status_only = true;
  return realism;
}

std::optional<Realism> ParseRealismProfile(absl::string_view name) {
  if (name == "lenient") return Realism();
  if (name == "realistic") return Realism::Realistic();
  return std::nullopt;
}

}  // namespace sslstore_sim
