#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "catalog/internal/json_fields.h"
#include "catalog/internal/loaders.h"

namespace sslstore::catalog::internal {
namespace {

constexpr absl::string_view kEnterpriseSuffix = "-EO";
constexpr std::array<absl::string_view, 2> kVendors = {"DigiCert", "Sectigo"};
constexpr std::array<absl::string_view, 8> kValidationTypes = {
    "DV",
    "OV",
    "EV",
    "Client",
    "Code Signing",
    "EV Code Signing",
    "Document Signing",
    "Scanning"};

template <size_t N>
bool Contains(const std::array<absl::string_view, N>& values,
              absl::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

bool IsValidCode(absl::string_view code) {
  for (char c : code) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_' &&
        c != '-') {
      return false;
    }
  }
  return !code.empty();
}

absl::Status LoadIdentity(const rapidjson::Value& entry,
                          const EntryContext& context, Product* product) {
  for (auto [key, target] :
       {std::pair{"name", &product->name},
        std::pair{"vendor", &product->vendor},
        std::pair{"validation_type", &product->validation_type},
        std::pair{"source", &product->source_note}}) {
    absl::StatusOr<std::string> value = RequiredString(entry, key, context);
    if (!value.ok()) return value.status();
    *target = *value;
  }
  if (!Contains(kVendors, product->vendor)) {
    return context.Error(
        absl::StrCat("unknown vendor \"", product->vendor,
                     "\" (known: ", absl::StrJoin(kVendors, ", "), ")"));
  }
  if (!Contains(kValidationTypes, product->validation_type)) {
    return context.Error(absl::StrCat(
        "unknown validation type \"", product->validation_type,
        "\" (known: ", absl::StrJoin(kValidationTypes, ", "), ")"));
  }
  absl::StatusOr<bool> in_plugin_docs =
      RequiredBool(entry, "in_plugin_docs", context);
  if (!in_plugin_docs.ok()) return in_plugin_docs.status();
  product->in_plugin_docs = *in_plugin_docs;
  return absl::OkStatus();
}

absl::Status LoadFlags(const rapidjson::Value& entry,
                       const EntryContext& context, Product* product) {
  for (auto [key, target] :
       {std::pair{"wildcard", &product->wildcard},
        std::pair{"multi_domain", &product->multi_domain},
        std::pair{"enterprise_organization", &product->enterprise_organization},
        std::pair{"accepts_ip_sans", &product->accepts_ip_sans}}) {
    absl::StatusOr<bool> value = OptionalBool(entry, key, false, context);
    if (!value.ok()) return value.status();
    *target = *value;
  }
  const bool eo_code = absl::EndsWith(product->code, kEnterpriseSuffix);
  if (eo_code != product->enterprise_organization) {
    return context.Error(
        eo_code ? "a \"-EO\" code needs \"enterprise_organization\": true"
                : "\"enterprise_organization\": true needs a code ending in "
                  "\"-EO\"");
  }
  std::string expected_api_code = product->code;
  if (eo_code) {
    expected_api_code.resize(expected_api_code.size() -
                             kEnterpriseSuffix.size());
  }
  absl::StatusOr<std::optional<std::string>> api_code =
      OptionalString(entry, "api_code", context);
  if (!api_code.ok()) return api_code.status();
  product->api_code = api_code->value_or(expected_api_code);
  if (eo_code && product->api_code != expected_api_code) {
    return context.Error(absl::StrCat(
        "\"api_code\" must be \"", expected_api_code,
        "\" (the code without \"-EO\"), not \"", product->api_code, "\""));
  }
  if (!IsValidCode(product->api_code)) {
    return context.Error(absl::StrCat("\"api_code\" \"", product->api_code,
                                      "\" has characters other than letters, "
                                      "digits, '_' and '-'"));
  }
  absl::StatusOr<std::optional<int64_t>> max_sans =
      OptionalInt(entry, "max_sans", context);
  if (!max_sans.ok()) return max_sans.status();
  if (max_sans->has_value()) {
    if (!product->multi_domain) {
      return context.Error("\"max_sans\" needs \"multi_domain\": true");
    }
    if (**max_sans < 2 || **max_sans > 10000) {
      return context.Error(
          absl::StrCat("\"max_sans\" ", **max_sans, " is outside 2..10000"));
    }
    product->max_sans = static_cast<int>(**max_sans);
  }
  return absl::OkStatus();
}

absl::Status LoadValidity(const rapidjson::Value& entry,
                          const EntryContext& context, const CatalogData& data,
                          Product* product) {
  const bool has_months = entry.HasMember("validity_months");
  const bool has_profile = entry.HasMember("validity_profile");
  if (has_months == has_profile) {
    return context.Error(
        "give exactly one of \"validity_months\" and \"validity_profile\"");
  }
  if (has_months) {
    absl::StatusOr<std::vector<int>> months =
        MonthArray(entry, "validity_months", context);
    if (!months.ok()) return months.status();
    product->validity_months = std::move(*months);
    absl::StatusOr<std::optional<std::string>> note =
        OptionalString(entry, "note", context);
    if (!note.ok()) return note.status();
    if (!note->has_value()) {
      return context.Error(
          "explicit \"validity_months\" need a \"note\" giving the reason");
    }
    product->validity_reason = **note;
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> profile_id =
      RequiredString(entry, "validity_profile", context);
  if (!profile_id.ok()) return profile_id.status();
  auto profile = data.validity_profiles.find(*profile_id);
  if (profile == data.validity_profiles.end()) {
    return context.Error(
        absl::StrCat("unknown validity profile \"", *profile_id, "\""));
  }
  product->validity_months = profile->second.months;
  product->validity_reason = profile->second.reason;
  return absl::OkStatus();
}

absl::Status LoadFieldSet(const rapidjson::Value& entry,
                          const EntryContext& context, const CatalogData& data,
                          Product* product) {
  absl::StatusOr<std::string> set_id =
      RequiredString(entry, "field_set", context);
  if (!set_id.ok()) return set_id.status();
  auto set = data.field_sets.find(*set_id);
  if (set == data.field_sets.end()) {
    return context.Error(absl::StrCat("unknown field set \"", *set_id, "\""));
  }
  if (set->second.is_abstract) {
    return context.Error(absl::StrCat("field set \"", *set_id,
                                      "\" is abstract (only for "
                                      "\"extends\")"));
  }
  product->field_set_id = *set_id;
  product->fields = data.resolved_field_sets.at(*set_id);
  return absl::OkStatus();
}

absl::StatusOr<Product> LoadProduct(const rapidjson::Value& entry,
                                    const EntryContext& context,
                                    const CatalogData& data) {
  absl::Status status = CheckMembers(
      entry,
      {"code", "api_code", "name", "vendor", "validation_type", "field_set",
       "wildcard", "multi_domain", "enterprise_organization", "validity_months",
       "validity_profile", "max_sans", "accepts_ip_sans", "in_plugin_docs",
       "source", "note"},
      context);
  if (!status.ok()) return status;
  Product product;
  absl::StatusOr<std::string> code = RequiredString(entry, "code", context);
  if (!code.ok()) return code.status();
  product.code = *code;
  const EntryContext& named = context;
  if (!IsValidCode(product.code)) {
    return named.Error(
        "the code has characters other than letters, digits, "
        "'_' and '-'");
  }
  for (const auto& [existing_code, existing] : data.products) {
    if (absl::EqualsIgnoreCase(existing_code, product.code)) {
      return named.Error(
          absl::StrCat("duplicate product code \"", product.code, "\""));
    }
  }
  status = LoadIdentity(entry, named, &product);
  if (!status.ok()) return status;
  status = LoadFlags(entry, named, &product);
  if (!status.ok()) return status;
  status = LoadValidity(entry, named, data, &product);
  if (!status.ok()) return status;
  status = LoadFieldSet(entry, named, data, &product);
  if (!status.ok()) return status;
  return product;
}

}  // namespace

absl::Status LoadProducts(const DataFile& file, CatalogData* data) {
  return ForEachEntry(
      file.document, file.path, "products", "code",
      [data](const rapidjson::Value& entry, const EntryContext& context) {
        absl::StatusOr<Product> product = LoadProduct(entry, context, *data);
        if (!product.ok()) return product.status();
        std::string code = product->code;
        data->products.emplace(std::move(code), std::move(*product));
        return absl::OkStatus();
      });
}

}  // namespace sslstore::catalog::internal
