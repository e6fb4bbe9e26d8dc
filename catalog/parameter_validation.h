#ifndef CATALOG_PARAMETER_VALIDATION_H_
#define CATALOG_PARAMETER_VALIDATION_H_

#include <map>
#include <string>
#include <vector>

#include "catalog/product.h"

namespace sslstore::catalog {

// One problem with one enrollment parameter. `field` is the plugin
// documentation parameter name; `description` is a complete sentence that
// starts with the quoted field name and says exactly what is wrong, e.g.
// "\"Validity Period (In Days)\": 400 days is 13 months; digi_rapidssl
// allows 3, 12, 24, 36, 48, 60, 72 months".
struct FieldViolation {
  std::string field;
  std::string description;
};

// Checks `parameters` (gateway template parameter values, matched by exact
// or case-insensitive name, empty = absent) against `product`'s field set and
// returns every problem at once, in field-set order: required fields missing
// (unless one of their required_unless_true flags is "true"), values of the
// wrong type or not among the options, malformed emails, and validity days
// whose month value the product does not sell. Names the product does not
// use are ignored. Empty result = valid.
std::vector<FieldViolation> ValidateProductParameters(
    const Product& product,
    const std::map<std::string, std::string>& parameters);

// The product's field values after validation: for every field of the field
// set, the normalized parameter value (see NormalizeFieldValue), else the
// field's default; absent fields without a default are left out. Values that
// fail validation are passed through trimmed. Keys are the plugin documentation
// names.
std::map<std::string, std::string> NormalizeProductParameters(
    const Product& product,
    const std::map<std::string, std::string>& parameters);

}  // namespace sslstore::catalog

#endif  // CATALOG_PARAMETER_VALIDATION_H_
