// service/server/request_limits: size and count limits on request fields at
// any depth, reported per field path without the field's value.
#include "service/server/request_limits.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sslstore/connector/v1/connector_service.pb.h"

namespace sslstore::service {
namespace {

namespace v1 = sslstore::connector::v1;
using ::testing::HasSubstr;
using ::testing::Not;

LimitsConfig SmallLimits() {
  LimitsConfig limits;
  limits.max_field_bytes = 10;
  limits.max_csr_bytes = 20;
  limits.max_repeated_entries = 3;
  return limits;
}

TEST(RequestLimitsTest, RequestWithinLimitsPasses) {
  v1::EnrollRequest request;
  request.set_csr(std::string(20, 'c'));
  request.set_subject(std::string(10, 's'));
  (*request.mutable_parameters())["Name"] = "0123456789";
  v1::SanList& dns = (*request.mutable_sans())["dns"];
  for (int i = 0; i < 3; ++i) dns.add_values("a.example");
  EXPECT_TRUE(CheckRequestLimits(request, SmallLimits()).ok());
}

TEST(RequestLimitsTest, LongStringFieldIsNamedWithoutItsValue) {
  v1::EnrollRequest request;
  request.set_subject("CN=" + std::string(20, 'Q'));
  const absl::Status status = CheckRequestLimits(request, SmallLimits());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("subject: is 23 bytes long"));
  EXPECT_THAT(status.message(), HasSubstr("at most 10 bytes"));
  EXPECT_THAT(status.message(), Not(HasSubstr("QQQQ")));
}

TEST(RequestLimitsTest, CsrHasItsOwnLimit) {
  v1::EnrollRequest request;
  request.set_csr(std::string(20, 'c'));  // over max_field_bytes, allowed
  EXPECT_TRUE(CheckRequestLimits(request, SmallLimits()).ok());
  request.set_csr(std::string(21, 'c'));
  const absl::Status status = CheckRequestLimits(request, SmallLimits());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("csr: is 21 bytes long"));
  EXPECT_THAT(status.message(), HasSubstr("at most 20 bytes"));
}

TEST(RequestLimitsTest, MapValueIsNamedByItsKey) {
  v1::EnrollRequest request;
  (*request.mutable_parameters())["Admin Contact - Email"] =
      "secret-value-too-long@example.com";
  const absl::Status status = CheckRequestLimits(request, SmallLimits());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(),
              HasSubstr("parameters[\"Admin Contact - Email\"]: is 33 bytes"));
  EXPECT_THAT(status.message(), Not(HasSubstr("secret-value")));
}

TEST(RequestLimitsTest, NestedRepeatedStringIsNamedByPathAndIndex) {
  v1::EnrollRequest request;
  v1::SanList& dns = (*request.mutable_sans())["dns"];
  dns.add_values("a.example");
  dns.add_values("much-too-long.example");
  const absl::Status status = CheckRequestLimits(request, SmallLimits());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(),
              HasSubstr("sans[\"dns\"].values[1]: is 21 bytes long"));
  EXPECT_THAT(status.message(), Not(HasSubstr("much-too-long")));
}

TEST(RequestLimitsTest, TooManyEntriesIsReportedOnce) {
  v1::EnrollRequest request;
  v1::SanList& dns = (*request.mutable_sans())["dns"];
  for (int i = 0; i < 4; ++i) dns.add_values(std::string(50, 'x'));
  const absl::Status status = CheckRequestLimits(request, SmallLimits());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(),
              HasSubstr("sans[\"dns\"].values: has 4 entries; at most 3"));
  // The entries of an oversized list are not checked one by one.
  EXPECT_THAT(status.message(), Not(HasSubstr("values[0]")));
}

TEST(RequestLimitsTest, TooManyMapEntries) {
  v1::EnrollRequest request;
  for (int i = 0; i < 4; ++i) {
    (*request.mutable_parameters())[absl::StrCat("p", i)] = "v";
  }
  const absl::Status status = CheckRequestLimits(request, SmallLimits());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("parameters: has 4 entries"));
}

TEST(RequestLimitsTest, EveryViolationIsListed) {
  v1::EnrollRequest request;
  request.set_subject(std::string(11, 's'));
  request.set_product_code(std::string(12, 'p'));
  request.set_csr(std::string(21, 'c'));
  const absl::Status status = CheckRequestLimits(request, SmallLimits());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("subject: is 11 bytes"));
  EXPECT_THAT(status.message(), HasSubstr("product_code: is 12 bytes"));
  EXPECT_THAT(status.message(), HasSubstr("csr: is 21 bytes"));
}

TEST(RequestLimitsTest, NestedMessageFieldPath) {
  v1::EnrollRequest request;
  request.mutable_connection()->set_name(std::string(11, 'n'));
  const absl::Status status = CheckRequestLimits(request, SmallLimits());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("connection.name: is 11 bytes"));
}

}  // namespace
}  // namespace sslstore::service
