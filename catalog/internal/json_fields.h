#ifndef CATALOG_INTERNAL_JSON_FIELDS_H_
#define CATALOG_INTERNAL_JSON_FIELDS_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"

namespace sslstore::catalog::internal {

// Where a data error is: the file and the entry inside it, e.g.
// file "/x/products.json", entry "products[3] (code \"positivessl\")".
class EntryContext {
 public:
  EntryContext(std::string file, std::string entry);

  // InvalidArgument "catalog data file <file>, <entry>: <message>".
  absl::Status Error(absl::string_view message) const;

  const std::string& file() const { return file_; }
  const std::string& entry() const { return entry_; }

 private:
  std::string file_;
  std::string entry_;
};

// Fails unless `object` is a JSON object whose member names are all in
// `allowed` and appear once each.
absl::Status CheckMembers(const rapidjson::Value& object,
                          std::initializer_list<absl::string_view> allowed,
                          const EntryContext& context);

// A required non-empty string member.
absl::StatusOr<std::string> RequiredString(const rapidjson::Value& object,
                                           const char* key,
                                           const EntryContext& context);

// An optional non-empty string member; nullopt when absent.
absl::StatusOr<std::optional<std::string>> OptionalString(
    const rapidjson::Value& object, const char* key,
    const EntryContext& context);

// An optional boolean member; `default_value` when absent.
absl::StatusOr<bool> OptionalBool(const rapidjson::Value& object,
                                  const char* key, bool default_value,
                                  const EntryContext& context);

// A required boolean member.
absl::StatusOr<bool> RequiredBool(const rapidjson::Value& object,
                                  const char* key, const EntryContext& context);

// An optional integer member; nullopt when absent.
absl::StatusOr<std::optional<int64_t>> OptionalInt(
    const rapidjson::Value& object, const char* key,
    const EntryContext& context);

// An optional string, integer or boolean member rendered as a string
// ("1", "true"); nullopt when absent.
absl::StatusOr<std::optional<std::string>> OptionalScalarAsString(
    const rapidjson::Value& object, const char* key,
    const EntryContext& context);

// An array of non-empty strings without duplicates; empty when absent and
// not `required`.
absl::StatusOr<std::vector<std::string>> StringArray(
    const rapidjson::Value& object, const char* key, bool required,
    const EntryContext& context);

// A required non-empty array member.
absl::StatusOr<const rapidjson::Value*> RequiredArray(
    const rapidjson::Value& object, const char* key,
    const EntryContext& context);

// A required, strictly ascending array of month counts in [1, 120].
absl::StatusOr<std::vector<int>> MonthArray(const rapidjson::Value& object,
                                            const char* key,
                                            const EntryContext& context);

// "<base> (<key> \"<value>\")" when `entry` is an object with a string
// member `key`, else `base`: how errors identify an entry, e.g.
// "products[3] (code \"positivessl\")".
std::string EntryLabel(const rapidjson::Value& entry, const std::string& base,
                       const char* key);

// "a string", "an array", ...: the JSON type of `value` for messages.
absl::string_view JsonTypeName(const rapidjson::Value& value);

}  // namespace sslstore::catalog::internal

#endif  // CATALOG_INTERNAL_JSON_FIELDS_H_
