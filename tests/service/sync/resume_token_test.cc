#include "service/sync/resume_token.h"

#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace sslstore::service::sync {
namespace {

TEST(ResumeTokenTest, RoundTripsEveryField) {
  SyncPosition position;
  position.page = 7;
  position.page_size = 50;
  position.done_in_page = 13;
  position.done_order_ids = {900, 17, 905, 17};  // unsorted, duplicate
  position.full_sync = false;
  position.last_sync = absl::FromUnixMicros(1700000000123456);
  position.connection_fingerprint = 0xdeadbeef;
  position.anchor_order_id = 4242;
  position.anchor_rows_after = 2;
  absl::StatusOr<SyncPosition> decoded =
      DecodeResumeToken(EncodeResumeToken(position));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->anchor_order_id, 4242);
  EXPECT_EQ(decoded->anchor_rows_after, 2);
  EXPECT_EQ(decoded->page, 7);
  EXPECT_EQ(decoded->page_size, 50);
  EXPECT_EQ(decoded->done_in_page, 13);
  EXPECT_EQ(decoded->done_order_ids, (std::vector<int64_t>{17, 900, 905}));
  EXPECT_FALSE(decoded->full_sync);
  ASSERT_TRUE(decoded->last_sync.has_value());
  EXPECT_EQ(*decoded->last_sync, *position.last_sync);
  EXPECT_EQ(decoded->connection_fingerprint, 0xdeadbeefu);
}

TEST(ResumeTokenTest, FullSyncHasNoLastSync) {
  SyncPosition position;
  position.page = 1;
  absl::StatusOr<SyncPosition> decoded =
      DecodeResumeToken(EncodeResumeToken(position));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_TRUE(decoded->full_sync);
  EXPECT_FALSE(decoded->last_sync.has_value());
  EXPECT_TRUE(decoded->done_order_ids.empty());
}

TEST(ResumeTokenTest, RejectsGarbageNamingTheField) {
  for (const std::string& bad :
       {std::string("!!!"), std::string("AAAA"), std::string("x"),
        absl::WebSafeBase64Escape(std::string("\x02\x01", 2))}) {
    absl::StatusOr<SyncPosition> decoded = DecodeResumeToken(bad);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(decoded.status().message().find("resume_token"),
              std::string::npos);
  }
}

TEST(ResumeTokenTest, RejectsEveryTruncationAndTrailingBytes) {
  SyncPosition position;
  position.page = 3;
  position.page_size = 10;
  position.done_in_page = 2;
  position.done_order_ids = {5, 6};
  std::string bytes;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(EncodeResumeToken(position), &bytes));
  for (size_t length = 0; length < bytes.size(); ++length) {
    EXPECT_FALSE(
        DecodeResumeToken(absl::WebSafeBase64Escape(bytes.substr(0, length)))
            .ok())
        << length;
  }
  EXPECT_FALSE(DecodeResumeToken(absl::WebSafeBase64Escape(bytes + "x")).ok());
}

TEST(ResumeTokenTest, RejectsOutOfRangeValues) {
  SyncPosition position;
  position.page_size = 10;
  position.done_in_page = 10;  // must be < page size
  EXPECT_FALSE(DecodeResumeToken(EncodeResumeToken(position)).ok());
  position.done_in_page = 0;
  position.page_size = 501;
  EXPECT_FALSE(DecodeResumeToken(EncodeResumeToken(position)).ok());
  position.page_size = 10;
  position.page = 0;
  EXPECT_FALSE(DecodeResumeToken(EncodeResumeToken(position)).ok());
}

TEST(ResumeTokenTest, RejectsAnAnchorBeforeTheFirstRow) {
  SyncPosition position;
  position.page = 1;
  position.page_size = 10;
  position.done_in_page = 2;
  position.anchor_order_id = 5;
  position.anchor_rows_after = 1;  // the anchor is row 0: fine
  EXPECT_TRUE(DecodeResumeToken(EncodeResumeToken(position)).ok());
  position.anchor_rows_after = 2;  // the anchor would be row -1
  EXPECT_FALSE(DecodeResumeToken(EncodeResumeToken(position)).ok());
}

TEST(ResumeTokenTest, ReadsVersionOneTokensWithoutAnAnchor) {
  // Version 1, full sync, fingerprint 7, page 2, size 10, 3 rows in, ids {5}.
  const std::string v1("\x01\x01\x07\x02\x0a\x03\x01\x05", 8);
  absl::StatusOr<SyncPosition> decoded =
      DecodeResumeToken(absl::WebSafeBase64Escape(v1));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->page, 2);
  EXPECT_EQ(decoded->done_in_page, 3);
  EXPECT_EQ(decoded->anchor_order_id, 0);
  EXPECT_EQ(decoded->done_order_ids, std::vector<int64_t>{5});
}

TEST(ResumeTokenTest, FingerprintDependsOnIdentityOnly) {
  EXPECT_EQ(ConnectionFingerprint("a", "https://x", "P"),
            ConnectionFingerprint("a", "https://x", "P"));
  EXPECT_NE(ConnectionFingerprint("a", "https://x", "P"),
            ConnectionFingerprint("b", "https://x", "P"));
  EXPECT_NE(ConnectionFingerprint("ab", "", "P"),
            ConnectionFingerprint("a", "b", "P"));
}

}  // namespace
}  // namespace sslstore::service::sync
