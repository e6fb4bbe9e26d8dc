#ifndef CATALOG_PRODUCT_H_
#define CATALOG_PRODUCT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace sslstore::catalog {

// The value type of an enrollment field; decides how a parameter is checked.
enum class FieldType {
  kString,     // any non-empty text
  kEmail,      // one well-formed email address
  kEmailList,  // comma-separated well-formed email addresses
  kCountry,    // ISO 3166-1 alpha-2 code from the field's option list
  kInteger,    // decimal integer within [min_value, max_value]
  kBoolean,    // "true"/"false", case-insensitive ("True" as the gateway sends)
  kEnum,       // one of the field's options, case-insensitive
  kValidityDays,    // whole days, converted to an allowed month value
  kOrganizationId,  // DigiCert organization id: digits or "Name (1234) City-US"
};

// The data-file spelling of `type`, e.g. "email_list".
absl::string_view FieldTypeName(FieldType type);

// Parses the data-file spelling of a field type; nullopt if unknown.
std::optional<FieldType> ParseFieldTypeName(absl::string_view name);

// One enrollment field (a gateway template parameter).
struct FieldSpec {
  std::string name;  // parameter name of the plugin documentation, e.g. "Admin
                     // Contact - Email"
  std::string description;
  FieldType type = FieldType::kString;
  std::vector<std::string> options;  // allowed values for kEnum/kCountry
  std::optional<std::string> default_value;
  std::optional<int64_t> min_value, max_value;  // kInteger bounds
  std::string wbapi_target;  // WBAPI request member, e.g. "AdminContact.Email"
  std::string option_list_id;  // id of the option list `options` came from
};

// A field as used by one product: whether it is required, and the boolean
// fields that, when "true", lift the requirement (e.g. "Approver Email" is not
// needed with "CName Auth Domain Validation" = true).
struct FieldRequirement {
  const FieldSpec* field = nullptr;
  bool required = false;
  std::vector<std::string> required_unless_true;
};

// One orderable product of the catalog.
struct Product {
  std::string code;  // product id seen by the gateway, e.g. "digi_ssl_basic-EO"
  std::string api_code;  // WBAPI ProductCode to order (code without "-EO")
  std::string name;    // the plugin documentation's description, e.g. "DigiCert
                       // Basic SSL"
  std::string vendor;  // "DigiCert" or "Sectigo" (Comodo products are Sectigo)
  std::string validation_type;  // DV, OV, EV, Client, Code Signing, ...
  std::string field_set_id;     // id of the field set in field_sets.json
  std::string source_note;      // where the product comes from
  bool wildcard = false;        // accepts wildcard names ("*.example.com")
  bool multi_domain = false;    // accepts SANs beyond the common name
  bool enterprise_organization =
      false;                         // "-EO": ordered with an Organization ID
  std::vector<int> validity_months;  // allowed ValidityPeriod values, ascending
  std::optional<int> max_sans;  // most DNS names per certificate (CN included)
  // Accepts IP addresses as subject alternative names (or as the CN); they
  // reach SSL Store in the CSR only, never as DNS names. False unless the
  // product data says so.
  bool accepts_ip_sans = false;
  std::vector<FieldRequirement> fields;  // field set: required ones first
  bool in_plugin_docs =
      false;  // listed in the plugin documentation's product tables
  std::string validity_reason;  // why these validity_months
};

// The requirement for the field named `name` (exact, else case-insensitive)
// in `product`'s field set; nullptr if the product does not use that field.
const FieldRequirement* FindFieldRequirement(const Product& product,
                                             absl::string_view name);

}  // namespace sslstore::catalog

#endif  // CATALOG_PRODUCT_H_
