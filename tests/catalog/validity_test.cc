#include "catalog/validity.h"

#include "gtest/gtest.h"

namespace sslstore::catalog {
namespace {

TEST(ValidityDaysToMonthsTest, SeedTable) {
  EXPECT_EQ(*ValidityDaysToMonths(90), 3);
  EXPECT_EQ(*ValidityDaysToMonths(180), 6);
  EXPECT_EQ(*ValidityDaysToMonths(365), 12);
  EXPECT_EQ(*ValidityDaysToMonths(730), 24);
  EXPECT_EQ(*ValidityDaysToMonths(1095), 36);
}

TEST(ValidityDaysToMonthsTest, RoundsToNearestMonth) {
  EXPECT_EQ(*ValidityDaysToMonths(395), 13);  // the old ceil() bug gave 13 too
  EXPECT_EQ(*ValidityDaysToMonths(400), 13);
  EXPECT_EQ(*ValidityDaysToMonths(366), 12);
  EXPECT_EQ(*ValidityDaysToMonths(1460), 48);
  EXPECT_EQ(*ValidityDaysToMonths(1825), 60);
  EXPECT_EQ(*ValidityDaysToMonths(2190), 72);
  EXPECT_EQ(*ValidityDaysToMonths(45), 1);  // 1.48
  EXPECT_EQ(*ValidityDaysToMonths(46), 2);  // 1.51
}

TEST(ValidityDaysToMonthsTest, AtLeastOneMonth) {
  EXPECT_EQ(*ValidityDaysToMonths(1), 1);
  EXPECT_EQ(*ValidityDaysToMonths(15), 1);
}

TEST(ValidityDaysToMonthsTest, RejectsNonPositiveAndHugeValues) {
  EXPECT_EQ(ValidityDaysToMonths(0).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidityDaysToMonths(-365).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidityDaysToMonths(kMaxValidityDays + 1).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(ValidityDaysToMonths(kMaxValidityDays).ok());
  EXPECT_FALSE(ValidityDaysToMonths(INT64_MAX).ok());
  EXPECT_FALSE(ValidityDaysToMonths(INT64_MIN).ok());
}

TEST(FormatMonthListTest, CommaSeparated) {
  EXPECT_EQ(FormatMonthList({3, 12, 24}), "3, 12, 24");
  EXPECT_EQ(FormatMonthList({}), "");
}

}  // namespace
}  // namespace sslstore::catalog
