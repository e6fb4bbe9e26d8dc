#ifndef CATALOG_INTERNAL_JSON_FIELDS_H_
#define CATALOG_INTERNAL_JSON_FIELDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "sslstore_client/json/strict_reader.h"

namespace sslstore::catalog::internal {

// Where a data error is: the file and the entry inside it, e.g.
// file "/x/products.json", entry "products[3] (code \"positivessl\")".
// Errors read "catalog data file <file>, <entry>: <message>", members named
// in quotes (the strict reader's entry style).
class EntryContext : public json::JsonContext {
 public:
  EntryContext(std::string file, std::string entry);

  const std::string& file() const { return file_; }
  const std::string& entry() const { return entry_; }

 private:
  std::string file_;
  std::string entry_;
};

// The catalog reads its data files with the shared strict reader.
using json::CheckMembers;
using json::JsonTypeName;
using json::OptionalBool;
using json::OptionalInt;
using json::OptionalScalarAsString;
using json::OptionalString;
using json::RequiredArray;
using json::RequiredBool;
using json::RequiredString;
using json::StringArray;

// A required, strictly ascending array of month counts in [1, 120].
absl::StatusOr<std::vector<int>> MonthArray(const rapidjson::Value& object,
                                            const char* key,
                                            const EntryContext& context);

// Checks a data file's top level (members "kind", "description" and the
// non-empty array `array_key`) and calls `load` with each entry of the array
// and its context, labelled "<array_key>[i] (<label_key> \"<value>\")";
// stops at the first error.
absl::Status ForEachEntry(
    const rapidjson::Value& document, const std::string& path,
    const char* array_key, const char* label_key,
    absl::FunctionRef<absl::Status(const rapidjson::Value& entry,
                                   const EntryContext& context)>
        load);

// "<base> (<key> \"<value>\")" when `entry` is an object with a string
// member `key`, else `base`: how errors identify an entry, e.g.
// "products[3] (code \"positivessl\")".
std::string EntryLabel(const rapidjson::Value& entry, const std::string& base,
                       const char* key);

}  // namespace sslstore::catalog::internal

#endif  // CATALOG_INTERNAL_JSON_FIELDS_H_
