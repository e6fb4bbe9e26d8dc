// The WBAPI request members each endpoint knows, spelt as SSL Store spells
// them (the reference's request tables), and the exact-name filter the
// simulator applies when Realism::exact_member_names is on.
#ifndef TOOLS_SSLSTORE_SIM_MEMBER_NAMES_H_
#define TOOLS_SSLSTORE_SIM_MEMBER_NAMES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "rapidjson/document.h"

namespace sslstore_sim {

// Removes from `body` (the request of `endpoint`, e.g. "order/neworder")
// every member whose name is not one the endpoint knows with exactly that
// spelling, at every nesting level (AuthRequest, OrganizationInfo,
// OrganizationAddress, contacts, SAN edit entries), and returns the removed
// members' dotted paths as sent ("OrganizationInfo.OrganizationAddress.city";
// an element of an array of objects is "AddSAN[].newValue"). A member whose
// value is null is checked like any other. Endpoints without a table keep
// their body.
std::vector<std::string> RemoveInexactMembers(absl::string_view endpoint,
                                              rapidjson::Value& body);

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_MEMBER_NAMES_H_
