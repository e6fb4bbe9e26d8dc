#ifndef CATALOG_VALIDITY_H_
#define CATALOG_VALIDITY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace sslstore::catalog {

// Longest validity accepted, in days (100 years); longer is an error.
inline constexpr int64_t kMaxValidityDays = 36525;

// Converts a validity in days to the WBAPI ValidityPeriod in months:
// round(days / 30.44), at least 1 (90->3, 180->6, 365->12, 730->24,
// 1095->36). InvalidArgument for days <= 0 or > kMaxValidityDays.
absl::StatusOr<int> ValidityDaysToMonths(int64_t days);

// "3, 12, 24" for {3, 12, 24}: month lists in messages.
std::string FormatMonthList(const std::vector<int>& months);

}  // namespace sslstore::catalog

#endif  // CATALOG_VALIDITY_H_
