#include "catalog/validity.h"

#include <algorithm>
#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace sslstore::catalog {
namespace {

constexpr double kDaysPerMonth = 30.44;

}  // namespace

absl::StatusOr<int> ValidityDaysToMonths(int64_t days) {
  if (days <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("validity must be a positive number of days, got ", days));
  }
  if (days > kMaxValidityDays) {
    return absl::InvalidArgumentError(absl::StrCat("validity of ", days,
                                                   " days is longer than ",
                                                   kMaxValidityDays, " days"));
  }
  const long months = std::lround(static_cast<double>(days) / kDaysPerMonth);
  return std::max(1, static_cast<int>(months));
}

std::string FormatMonthList(const std::vector<int>& months) {
  return absl::StrJoin(months, ", ");
}

}  // namespace sslstore::catalog
