// Setting the realism knobs (realism.h) by name, as the sslstore-sim flags
// and the admin API's /admin/settings do, and rendering them as JSON.
#ifndef TOOLS_SSLSTORE_SIM_REALISM_SETTINGS_H_
#define TOOLS_SSLSTORE_SIM_REALISM_SETTINGS_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "tools/sslstore-sim/realism.h"
#include "tools/sslstore-sim/sim_json.h"

namespace sslstore_sim {

// The knob names, snake_case: exact_member_names, not_found_code,
// not_found_message, not_found_as_empty_order, refund_pending_polls,
// query_lag_ms, query_page_size_cap, query_newest_first,
// duplicate_custom_order_id, reissue_refuses_existing_names,
// health_validate_status_only.
const std::vector<absl::string_view>& RealismKnobNames();

// Sets the knob `name` from its text `value` (booleans: true/false/1/0;
// duplicate_custom_order_id: refuse/accept; numbers in decimal).
// InvalidArgument naming the knob when the name or value is bad.
absl::Status SetRealismKnob(absl::string_view name, absl::string_view value,
                            Realism& realism);

// Writes the knobs as a JSON object {"exact_member_names":false,...}.
void WriteRealism(JsonWriter& w, const Realism& realism);

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_REALISM_SETTINGS_H_
