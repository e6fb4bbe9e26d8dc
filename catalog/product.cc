#include "catalog/product.h"

#include <array>
#include <utility>

#include "absl/strings/match.h"

namespace sslstore::catalog {
namespace {

constexpr std::array<std::pair<FieldType, absl::string_view>, 9> kTypeNames = {{
    {FieldType::kString, "string"},
    {FieldType::kEmail, "email"},
    {FieldType::kEmailList, "email_list"},
    {FieldType::kCountry, "country"},
    {FieldType::kInteger, "integer"},
    {FieldType::kBoolean, "boolean"},
    {FieldType::kEnum, "enum"},
    {FieldType::kValidityDays, "validity_days"},
    {FieldType::kOrganizationId, "organization_id"},
}};

}  // namespace

absl::string_view FieldTypeName(FieldType type) {
  for (const auto& [value, name] : kTypeNames) {
    if (value == type) return name;
  }
  return "unknown";
}

std::optional<FieldType> ParseFieldTypeName(absl::string_view name) {
  for (const auto& [value, type_name] : kTypeNames) {
    if (type_name == name) return value;
  }
  return std::nullopt;
}

const FieldRequirement* FindFieldRequirement(const Product& product,
                                             absl::string_view name) {
  for (const FieldRequirement& requirement : product.fields) {
    if (requirement.field != nullptr && requirement.field->name == name) {
      return &requirement;
    }
  }
  for (const FieldRequirement& requirement : product.fields) {
    if (requirement.field != nullptr &&
        absl::EqualsIgnoreCase(requirement.field->name, name)) {
      return &requirement;
    }
  }
  return nullptr;
}

}  // namespace sslstore::catalog
