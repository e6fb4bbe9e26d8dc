#ifndef CATALOG_INTERNAL_CATALOG_DATA_H_
#define CATALOG_INTERNAL_CATALOG_DATA_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/annotation.h"
#include "catalog/product.h"

namespace sslstore::catalog {

// A named list of allowed values (option_lists files).
struct OptionList {
  std::string id;
  std::string file;
  std::vector<std::string> values;
};

// A field set as written in the data, before inheritance is resolved.
struct FieldSetSpec {
  std::string id;
  std::string file;
  std::string entry;  // "field_sets[2] (id \"dv\")" for messages
  bool is_abstract = false;
  std::vector<std::string> extends;
  std::vector<std::string> required;
  std::vector<std::string> optional;
  std::map<std::string, std::vector<std::string>> required_unless_true;
};

// A named list of allowed ValidityPeriod months with its reasoning.
struct ValidityProfile {
  std::string id;
  std::vector<int> months;
  std::string reason;
};

// Everything loaded from a data directory. FieldSpec objects are heap
// allocated so the pointers held by products stay valid.
struct CatalogData {
  std::map<std::string, OptionList> option_lists;
  std::vector<std::unique_ptr<FieldSpec>> fields;  // file order
  std::map<std::string, const FieldSpec*> fields_by_name;
  std::map<std::string, FieldSetSpec> field_sets;
  std::map<std::string, std::vector<FieldRequirement>> resolved_field_sets;
  std::map<std::string, ValidityProfile> validity_profiles;
  std::map<std::string, Product> products;  // by code
  std::vector<Annotation> connection_annotations;
};

}  // namespace sslstore::catalog

#endif  // CATALOG_INTERNAL_CATALOG_DATA_H_
