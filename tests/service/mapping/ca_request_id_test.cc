// service/mapping/ca_request_id: formatting and parsing of ca_request_id
// values (round trips, legacy custom order ids, malformed ids).
#include "service/mapping/ca_request_id.h"

#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sslstore::service {
namespace {

using ::testing::HasSubstr;

TEST(CaRequestIdTest, FormatJoinsOrderAndPartnerIds) {
  EXPECT_EQ(FormatCaRequestId("123456", "ABC789"), "123456-ABC789");
}

TEST(CaRequestIdTest, FormatWithoutPartnerIdIsTheOrderId) {
  EXPECT_EQ(FormatCaRequestId("123456", ""), "123456");
}

TEST(CaRequestIdTest, RoundTripWithPartnerId) {
  absl::StatusOr<CaRequestId> id =
      ParseCaRequestId(FormatCaRequestId("98765", "P-1-2"), "ca_request_id");
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->order_id, "98765");
  // Only the first dash separates: the partner id keeps its own dashes.
  EXPECT_EQ(id->partner_order_id, "P-1-2");
  EXPECT_EQ(id->custom_order_id, "");
  EXPECT_EQ(FormatCaRequestId(id->order_id, id->partner_order_id),
            "98765-P-1-2");
}

TEST(CaRequestIdTest, RoundTripWithoutPartnerId) {
  absl::StatusOr<CaRequestId> id =
      ParseCaRequestId(FormatCaRequestId("42", ""), "ca_request_id");
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->order_id, "42");
  EXPECT_EQ(id->partner_order_id, "");
  EXPECT_EQ(id->custom_order_id, "");
}

TEST(CaRequestIdTest, NonNumericPrefixIsALegacyCustomOrderId) {
  absl::StatusOr<CaRequestId> id =
      ParseCaRequestId("ord-2024-abc", "ca_request_id");
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->order_id, "");
  EXPECT_EQ(id->partner_order_id, "");
  EXPECT_EQ(id->custom_order_id, "ord-2024-abc");
}

TEST(CaRequestIdTest, LeadingDashIsALegacyCustomOrderId) {
  absl::StatusOr<CaRequestId> id = ParseCaRequestId("-123", "ca_request_id");
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->order_id, "");
  EXPECT_EQ(id->custom_order_id, "-123");
}

TEST(CaRequestIdTest, ToOrderRefUsesOrderIdOrCustomId) {
  absl::StatusOr<CaRequestId> modern = ParseCaRequestId("555-X", "id");
  ASSERT_TRUE(modern.ok()) << modern.status();
  client::OrderRef ref = modern->ToOrderRef();
  EXPECT_EQ(ref.the_sslstore_order_id, "555");
  EXPECT_EQ(ref.custom_order_id, "");

  absl::StatusOr<CaRequestId> legacy = ParseCaRequestId("legacy7", "id");
  ASSERT_TRUE(legacy.ok()) << legacy.status();
  ref = legacy->ToOrderRef();
  EXPECT_EQ(ref.the_sslstore_order_id, "");
  EXPECT_EQ(ref.custom_order_id, "legacy7");
}

TEST(CaRequestIdTest, EmptyIdIsRequiredAndNamesTheField) {
  absl::StatusOr<CaRequestId> id =
      ParseCaRequestId("", "request.ca_request_id");
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(id.status().message(), HasSubstr("request.ca_request_id"));
  EXPECT_THAT(id.status().message(), HasSubstr("required"));
}

TEST(CaRequestIdTest, TooLongIdIsRejected) {
  ASSERT_TRUE(ParseCaRequestId(std::string(200, '7'), "id").ok());
  absl::StatusOr<CaRequestId> id =
      ParseCaRequestId(std::string(201, '7'), "revoke.ca_request_id");
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(id.status().message(), HasSubstr("revoke.ca_request_id"));
  EXPECT_THAT(id.status().message(), HasSubstr("at most 200"));
}

TEST(CaRequestIdTest, SpacesAndControlCharactersAreRejected) {
  for (const std::string& text :
       {std::string("123 456"), std::string("123\t4"), std::string("12\n3"),
        std::string("12\x00"
                    "3",
                    4),
        std::string("12\x7f"), std::string("12\xc3\xa9")}) {
    absl::StatusOr<CaRequestId> id = ParseCaRequestId(text, "my_field");
    ASSERT_FALSE(id.ok()) << "accepted: " << text;
    EXPECT_EQ(id.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(id.status().message(), HasSubstr("my_field"));
    EXPECT_THAT(id.status().message(), HasSubstr("not a ca_request_id"));
  }
}

}  // namespace
}  // namespace sslstore::service
