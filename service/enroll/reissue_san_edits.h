#ifndef SERVICE_ENROLL_REISSUE_SAN_EDITS_H_
#define SERVICE_ENROLL_REISSUE_SAN_EDITS_H_

#include <string>
#include <vector>

#include "sslstore_client/order_models.h"

namespace sslstore::service::enroll {

// The name changes a reissue asks for, as AddSAN and DeleteSAN entries.
struct SanEdits {
  // `{OldValue: "", NewValue: name}` for each name the order lacks.
  std::vector<client::OldNewPair> add;
  // `{OldValue: name, NewValue: ""}` for each name to drop from the order.
  std::vector<client::OldNewPair> remove;
};

// The edits that turn the order's current names (its CommonName and its
// DNSNames) into `wanted`, compared without regard to case: additions in
// the order of `wanted`, deletions in the order's own order. No edits when
// the sets are equal, and none when the order reports no names at all (the
// edits could not be computed; the CSR then says which names it wants).
SanEdits ComputeSanEdits(const client::OrderResponse& order,
                         const std::vector<std::string>& wanted);

}  // namespace sslstore::service::enroll

#endif  // SERVICE_ENROLL_REISSUE_SAN_EDITS_H_
