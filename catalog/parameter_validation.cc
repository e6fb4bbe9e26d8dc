#include "catalog/parameter_validation.h"

#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "catalog/field_values.h"
#include "catalog/parameter_lookup.h"
#include "catalog/validity.h"

namespace sslstore::catalog {
namespace {

std::string Quoted(absl::string_view name) {
  return absl::StrCat("\"", name, "\"");
}

// True if one of `flags` is a parameter whose value is a boolean true.
bool AnyFlagTrue(const std::vector<std::string>& flags,
                 const std::map<std::string, std::string>& parameters) {
  for (const std::string& flag : flags) {
    std::optional<std::string> value = LookupParameter(parameters, flag);
    if (value.has_value() && ParseBooleanValue(*value).value_or(false)) {
      return true;
    }
  }
  return false;
}

std::string MissingMessage(const Product& product,
                           const FieldRequirement& requirement) {
  std::string message = absl::StrCat(Quoted(requirement.field->name),
                                     " is required for ", product.code);
  if (!requirement.required_unless_true.empty()) {
    std::vector<std::string> flags;
    for (const std::string& flag : requirement.required_unless_true) {
      flags.push_back(Quoted(flag));
    }
    absl::StrAppend(&message, " unless ", absl::StrJoin(flags, " or "),
                    " is true");
  }
  return message;
}

// The product-specific part of the validity check: the month value.
std::optional<std::string> CheckValidityMonths(const Product& product,
                                               const FieldSpec& field,
                                               absl::string_view days_text) {
  int64_t days = 0;
  if (!absl::SimpleAtoi(days_text, &days)) return std::nullopt;
  absl::StatusOr<int> months = ValidityDaysToMonths(days);
  if (!months.ok()) return std::nullopt;  // reported by the type check
  for (int allowed : product.validity_months) {
    if (allowed == *months) return std::nullopt;
  }
  return absl::StrCat(Quoted(field.name), ": ", days, " days is ", *months,
                      *months == 1 ? " month; " : " months; ", product.code,
                      " allows ", FormatMonthList(product.validity_months),
                      " months");
}

}  // namespace

std::vector<FieldViolation> ValidateProductParameters(
    const Product& product,
    const std::map<std::string, std::string>& parameters) {
  std::vector<FieldViolation> violations;
  for (const FieldRequirement& requirement : product.fields) {
    if (requirement.field == nullptr) continue;
    const FieldSpec& field = *requirement.field;
    std::optional<std::string> value = LookupParameter(parameters, field.name);
    if (!value.has_value()) {
      if (requirement.required &&
          !AnyFlagTrue(requirement.required_unless_true, parameters)) {
        violations.push_back(
            {field.name, MissingMessage(product, requirement)});
      }
      continue;
    }
    absl::StatusOr<std::string> normalized = NormalizeFieldValue(field, *value);
    if (!normalized.ok()) {
      violations.push_back(
          {field.name, absl::StrCat(Quoted(field.name), ": ",
                                    normalized.status().message())});
      continue;
    }
    if (field.type == FieldType::kValidityDays) {
      std::optional<std::string> problem =
          CheckValidityMonths(product, field, *normalized);
      if (problem.has_value()) violations.push_back({field.name, *problem});
    }
  }
  return violations;
}

std::map<std::string, std::string> NormalizeProductParameters(
    const Product& product,
    const std::map<std::string, std::string>& parameters) {
  std::map<std::string, std::string> result;
  for (const FieldRequirement& requirement : product.fields) {
    if (requirement.field == nullptr) continue;
    const FieldSpec& field = *requirement.field;
    std::optional<std::string> value = LookupParameter(parameters, field.name);
    if (value.has_value()) {
      absl::StatusOr<std::string> normalized =
          NormalizeFieldValue(field, *value);
      result[field.name] = normalized.ok() ? *normalized : *value;
    } else if (field.default_value.has_value()) {
      result[field.name] = *field.default_value;
    }
  }
  return result;
}

}  // namespace sslstore::catalog
