// What an order lookup's answer means: by CustomOrderID any refusal or an
// empty order is "no such order", whatever SSL Store's wording; by a named
// id it is NOT_FOUND carrying SSL Store's message. Other failures stay
// errors.

#include "service/upstream/order_lookup.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sslstore_client/errors.h"

namespace sslstore::service {
namespace {

using ::testing::HasSubstr;

absl::Status Refusal(const std::string& text, int code) {
  return client::internal::MakeError(client::ErrorKind::kBusiness,
                                     "SSL Store error " + text, false, code);
}

client::OrderResponse Order(const std::string& id) {
  client::OrderResponse order;
  order.the_sslstore_order_id = id;
  return order;
}

TEST(OrderLookupTest, AnyRefusalByCustomOrderIdMeansNoOrder) {
  for (const std::string text :
       {"Order not found", "Invalid OrderID or CustomOrderID",
        "Vendor returns error", ""}) {
    SCOPED_TRACE(text);
    absl::StatusOr<std::optional<client::OrderResponse>> found =
        FoundByCustomOrderId(Refusal(text, -9009));
    ASSERT_TRUE(found.ok()) << found.status();
    EXPECT_FALSE(found->has_value());
  }
}

TEST(OrderLookupTest, AnEmptyOrderByCustomOrderIdMeansNoOrder) {
  absl::StatusOr<std::optional<client::OrderResponse>> found =
      FoundByCustomOrderId(Order(""));
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
  found = FoundByCustomOrderId(Order("4500001"));
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->the_sslstore_order_id, "4500001");
}

TEST(OrderLookupTest, OtherFailuresByCustomOrderIdStayErrors) {
  const absl::Status failures[] = {
      client::internal::MakeError(client::ErrorKind::kAuthentication,
                                  "SSL Store rejected the credentials", false,
                                  -9008),
      client::internal::MakeError(client::ErrorKind::kTransport,
                                  "connection reset", true),
      client::internal::MakeError(client::ErrorKind::kBadResponse,
                                  "unexpected response"),
      client::internal::MakeError(client::ErrorKind::kDeadline, "timeout"),
      absl::DeadlineExceededError("the call's deadline has passed"),
  };
  for (const absl::Status& failure : failures) {
    SCOPED_TRACE(failure.message());
    absl::StatusOr<std::optional<client::OrderResponse>> found =
        FoundByCustomOrderId(failure);
    EXPECT_EQ(found.status(), failure);
  }
}

TEST(OrderLookupTest, ARefusalOfANamedOrderIsNotFoundWithSslStoresWords) {
  absl::StatusOr<client::OrderResponse> order =
      RequireOrder(Refusal("Invalid OrderID or CustomOrderID", -9009),
                   "ca_request_id", "4599999-TSS-1");
  EXPECT_EQ(order.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(order.status().message(), HasSubstr("ca_request_id"));
  EXPECT_THAT(order.status().message(), HasSubstr("4599999-TSS-1"));
  EXPECT_THAT(order.status().message(),
              HasSubstr("Invalid OrderID or CustomOrderID"));

  order = RequireOrder(Order(""), "prior_ca_request_id", "4599999");
  EXPECT_EQ(order.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(order.status().message(), HasSubstr("prior_ca_request_id"));

  order = RequireOrder(Order("4500001"), "ca_request_id", "4500001");
  ASSERT_TRUE(order.ok());
  EXPECT_EQ(order->the_sslstore_order_id, "4500001");
}

TEST(OrderLookupTest, OtherFailuresOfANamedOrderStayErrors) {
  const absl::Status auth = client::internal::MakeError(
      client::ErrorKind::kAuthentication, "rejected", false, -9008);
  EXPECT_EQ(RequireOrder(auth, "ca_request_id", "1").status(), auth);
  const absl::Status transport =
      client::internal::MakeError(client::ErrorKind::kTransport, "reset", true);
  EXPECT_EQ(RequireOrder(transport, "ca_request_id", "1").status(), transport);
  EXPECT_FALSE(IsBusinessError(auth));
  EXPECT_FALSE(IsBusinessError(transport));
  EXPECT_TRUE(IsBusinessError(Refusal("x", -1)));
}

}  // namespace
}  // namespace sslstore::service
