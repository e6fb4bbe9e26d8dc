#ifndef SERVICE_SYNC_RESUME_TOKEN_H_
#define SERVICE_SYNC_RESUME_TOKEN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sslstore::service::sync {

// Where an interrupted sync continues: everything before position
// `done_in_page` of `page` was delivered, and so were the orders listed in
// `done_order_ids` (which lie at or after that position). A resumed sync
// fetches `page` again, skips its first `done_in_page` rows and every row
// whose id is in `done_order_ids`, so no record is streamed twice and none
// is missed. Orders placed meanwhile may have moved the rows (newest-first
// listings): the resumed sync looks for `anchor_order_id`, the last order
// delivered before the position, and continues after wherever it now is.
struct SyncPosition {
  // 1-based /rest/order/query page the resumed sync starts with.
  int64_t page = 1;
  // Page size the positions refer to (the resumed sync uses it).
  int page_size = 100;
  // Rows at the start of `page` already delivered.
  int64_t done_in_page = 0;
  // TheSSLStoreOrderIDs delivered beyond the first undelivered row.
  std::vector<int64_t> done_order_ids;
  // The last order with an id delivered before the position (0: unknown),
  // and the rows without an id (rejected rows) between it and the position.
  int64_t anchor_order_id = 0;
  int64_t anchor_rows_after = 0;
  // Full sync (true) or incremental (false).
  bool full_sync = true;
  // Incremental mode's last_sync; unset in full mode.
  std::optional<absl::Time> last_sync;
  // Fingerprint of the connection the token belongs to.
  uint32_t connection_fingerprint = 0;
};

// The inventory position where `position` continues, i.e. the rows listed
// before it: (page - 1) * page_size + done_in_page.
int64_t RowsBefore(const SyncPosition& position);

// Most order ids a token may carry.
inline constexpr int kMaxTokenOrderIds = 4096;

// Encodes `position` as an opaque, URL-safe token (versioned binary, base64).
std::string EncodeResumeToken(const SyncPosition& position);

// Decodes a token made by EncodeResumeToken. INVALID_ARGUMENT with a
// BadRequest violation on field "resume_token" when it is not one (bad
// encoding, version, truncation, out-of-range values).
absl::StatusOr<SyncPosition> DecodeResumeToken(absl::string_view token);

// A stable fingerprint of a connection's identity (name, URL, partner code;
// never the auth token), so a token is not used on another connection.
uint32_t ConnectionFingerprint(absl::string_view name, absl::string_view url,
                               absl::string_view partner_code);

}  // namespace sslstore::service::sync

#endif  // SERVICE_SYNC_RESUME_TOKEN_H_
