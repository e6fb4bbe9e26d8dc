#include "service/sync/resume_token.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "service/config/connection_settings.h"
#include "service/server/grpc_status.h"

namespace sslstore::service::sync {
namespace {

// Version 2 added the anchor; version 1 tokens are still read (no anchor).
constexpr uint8_t kVersion = 2;
constexpr uint8_t kVersionWithoutAnchor = 1;
constexpr uint8_t kFlagFullSync = 1;
constexpr uint8_t kFlagHasLastSync = 2;
constexpr int64_t kMaxPage = int64_t{1} << 40;

void PutVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

// Reads varints from a byte string; every read fails once the input ends.
class Reader {
 public:
  explicit Reader(absl::string_view data) : data_(data) {}

  bool Varint(uint64_t* value) {
    uint64_t result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) return false;
      const uint8_t byte = static_cast<uint8_t>(data_[pos_++]);
      result |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) {
        *value = result;
        return true;
      }
    }
    return false;
  }

  bool Byte(uint8_t* value) {
    if (pos_ >= data_.size()) return false;
    *value = static_cast<uint8_t>(data_[pos_++]);
    return true;
  }

  bool AtEnd() const { return pos_ == data_.size(); }

 private:
  absl::string_view data_;
  size_t pos_ = 0;
};

absl::Status BadToken(absl::string_view why) {
  return InvalidArgumentStatus(
      "invalid resume token",
      {{"resume_token",
        absl::StrCat("not a token issued by SyncCertificates (", why, ")")}});
}

// Zigzag keeps small negative numbers short.
uint64_t Zigzag(int64_t value) {
  return (static_cast<uint64_t>(value) << 1) ^
         static_cast<uint64_t>(value >> 63);
}

int64_t Unzigzag(uint64_t value) {
  return static_cast<int64_t>(value >> 1) ^ -static_cast<int64_t>(value & 1);
}

}  // namespace

int64_t RowsBefore(const SyncPosition& position) {
  return (position.page - 1) * position.page_size + position.done_in_page;
}

std::string EncodeResumeToken(const SyncPosition& position) {
  std::string bytes;
  bytes.push_back(static_cast<char>(kVersion));
  uint8_t flags = 0;
  if (position.full_sync) flags |= kFlagFullSync;
  if (position.last_sync.has_value()) flags |= kFlagHasLastSync;
  bytes.push_back(static_cast<char>(flags));
  PutVarint(position.connection_fingerprint, &bytes);
  PutVarint(static_cast<uint64_t>(position.page), &bytes);
  PutVarint(static_cast<uint64_t>(position.page_size), &bytes);
  PutVarint(static_cast<uint64_t>(position.done_in_page), &bytes);
  const bool anchored = position.anchor_order_id > 0;
  PutVarint(anchored ? static_cast<uint64_t>(position.anchor_order_id) : 0,
            &bytes);
  PutVarint(anchored ? static_cast<uint64_t>(position.anchor_rows_after) : 0,
            &bytes);
  if (position.last_sync.has_value()) {
    const int64_t micros = absl::ToUnixMicros(*position.last_sync);
    PutVarint(Zigzag(micros), &bytes);
  }
  std::vector<int64_t> ids = position.done_order_ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  ids.erase(std::remove_if(ids.begin(), ids.end(),
                           [](int64_t id) { return id <= 0; }),
            ids.end());
  PutVarint(ids.size(), &bytes);
  int64_t previous = 0;
  for (int64_t id : ids) {
    // Ascending and positive: small deltas of at least 1.
    PutVarint(static_cast<uint64_t>(id - previous), &bytes);
    previous = id;
  }
  return absl::WebSafeBase64Escape(bytes);
}

absl::StatusOr<SyncPosition> DecodeResumeToken(absl::string_view token) {
  if (token.size() > (size_t{64} << 10)) return BadToken("too long");
  std::string bytes;
  if (!absl::WebSafeBase64Unescape(token, &bytes)) {
    return BadToken("not base64");
  }
  Reader reader(bytes);
  uint8_t version = 0;
  uint8_t flags = 0;
  if (!reader.Byte(&version) ||
      (version != kVersion && version != kVersionWithoutAnchor)) {
    return BadToken("unknown version");
  }
  if (!reader.Byte(&flags) || (flags & ~(kFlagFullSync | kFlagHasLastSync))) {
    return BadToken("bad flags");
  }
  SyncPosition position;
  position.full_sync = (flags & kFlagFullSync) != 0;
  uint64_t fingerprint = 0, page = 0, page_size = 0, done = 0, count = 0;
  if (!reader.Varint(&fingerprint) || fingerprint > UINT32_MAX ||
      !reader.Varint(&page) || !reader.Varint(&page_size) ||
      !reader.Varint(&done)) {
    return BadToken("truncated");
  }
  if (page < 1 || page > static_cast<uint64_t>(kMaxPage)) {
    return BadToken("page out of range");
  }
  if (page_size < 1 || page_size > static_cast<uint64_t>(kMaxPageSize)) {
    return BadToken("page size out of range");
  }
  if (done >= page_size) return BadToken("position out of range");
  position.connection_fingerprint = static_cast<uint32_t>(fingerprint);
  position.page = static_cast<int64_t>(page);
  position.page_size = static_cast<int>(page_size);
  position.done_in_page = static_cast<int64_t>(done);
  if (version == kVersion) {
    uint64_t anchor = 0, rows_after = 0;
    if (!reader.Varint(&anchor) || !reader.Varint(&rows_after)) {
      return BadToken("truncated");
    }
    const int64_t start =
        (position.page - 1) * position.page_size + position.done_in_page;
    if (anchor > static_cast<uint64_t>(INT64_MAX) ||
        (anchor > 0 && rows_after >= static_cast<uint64_t>(start)) ||
        (anchor == 0 && rows_after != 0)) {
      return BadToken("bad anchor");
    }
    position.anchor_order_id = static_cast<int64_t>(anchor);
    position.anchor_rows_after = static_cast<int64_t>(rows_after);
  }
  if (flags & kFlagHasLastSync) {
    uint64_t micros = 0;
    if (!reader.Varint(&micros)) return BadToken("truncated");
    position.last_sync = absl::FromUnixMicros(Unzigzag(micros));
  }
  if (!position.full_sync && !position.last_sync.has_value()) {
    return BadToken("inconsistent mode");
  }
  if (!reader.Varint(&count) || count > kMaxTokenOrderIds) {
    return BadToken("bad id list");
  }
  int64_t previous = 0;
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t delta = 0;
    if (!reader.Varint(&delta)) return BadToken("truncated");
    if (delta < 1 || delta > static_cast<uint64_t>(INT64_MAX - previous)) {
      return BadToken("bad id list");
    }
    const int64_t id = previous + static_cast<int64_t>(delta);
    position.done_order_ids.push_back(id);
    previous = id;
  }
  if (!reader.AtEnd()) return BadToken("trailing bytes");
  return position;
}

uint32_t ConnectionFingerprint(absl::string_view name, absl::string_view url,
                               absl::string_view partner_code) {
  uint32_t hash = 2166136261u;  // FNV-1a
  for (absl::string_view part : {name, url, partner_code}) {
    for (char c : part) {
      hash ^= static_cast<uint8_t>(c);
      hash *= 16777619u;
    }
    hash ^= 0xff;
    hash *= 16777619u;
  }
  return hash;
}

}  // namespace sslstore::service::sync
