#ifndef SSLSTORE_CLIENT_JSON_STRICT_READER_H_
#define SSLSTORE_CLIENT_JSON_STRICT_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "rapidjson/document.h"

// The strict JSON reader: every member must be known, of the expected type,
// and present when required. Every error is INVALID_ARGUMENT naming the
// member; no error contains a member's value unless it is a name.

namespace sslstore::json {

// Where a strict read is and how its errors name a member. Two styles:
//  - Path (configuration files): "<where>: <path>.<key>: <problem>", e.g.
//    "server.json: tls.cert_file: must be a string, found an array";
//    `where` may be empty.
//  - Entry (catalog data files): "<where>: \"<key>\" <problem>", e.g.
//    "catalog data file f.json, products[3]: \"wildcard\" must be true or
//    false, found a string".
class JsonContext {
 public:
  // Members named by their dotted path below `path` ("" at the top level).
  static JsonContext Path(std::string where, std::string path);
  // Members named in quotes after `where`.
  static JsonContext Entry(std::string where);

  // The context of the object member `key` (path style: "<path>.<key>").
  JsonContext Member(absl::string_view key) const;

  // An error about this object itself.
  absl::Status Error(absl::string_view problem) const;
  // An error about member `key`.
  absl::Status MemberError(absl::string_view key,
                           absl::string_view problem) const;
  // Member `key` is not among `allowed`.
  absl::Status UnknownMember(absl::string_view key,
                             absl::Span<const absl::string_view> allowed) const;
  // Required member `key` is absent.
  absl::Status MissingMember(absl::string_view key) const;

  // The dotted path of member `key` (path style), or `key`.
  std::string PathOf(absl::string_view key) const;
  // The text before the member in every error.
  const std::string& where() const { return where_; }
  // The path of this object ("" at the top level or in entry style).
  const std::string& path() const { return path_; }

 private:
  enum class Style { kPath, kEntry };
  JsonContext(Style style, std::string where, std::string path);

  Style style_;
  std::string where_;
  std::string path_;
};

// Whether a string member may be empty.
enum class Empty { kAllowed, kRejected };

// "a string", "an array", "an integer", ...: the JSON type of `value`.
absl::string_view JsonTypeName(const rapidjson::Value& value);

// Fails unless `object` is a JSON object whose member names are all in
// `allowed` and appear once each.
absl::Status CheckMembers(const rapidjson::Value& object,
                          absl::Span<const absl::string_view> allowed,
                          const JsonContext& context);

// An optional string member; nullopt when absent. With Empty::kRejected (the
// default) an empty string is an error.
absl::StatusOr<std::optional<std::string>> OptionalString(
    const rapidjson::Value& object, const char* key, const JsonContext& context,
    Empty empty = Empty::kRejected);

// A required string member (see OptionalString for `empty`).
absl::StatusOr<std::string> RequiredString(const rapidjson::Value& object,
                                           const char* key,
                                           const JsonContext& context,
                                           Empty empty = Empty::kRejected);

// An optional boolean member; `default_value` when absent.
absl::StatusOr<bool> OptionalBool(const rapidjson::Value& object,
                                  const char* key, bool default_value,
                                  const JsonContext& context);

// A required boolean member.
absl::StatusOr<bool> RequiredBool(const rapidjson::Value& object,
                                  const char* key, const JsonContext& context);

// An optional integer member; nullopt when absent.
absl::StatusOr<std::optional<int64_t>> OptionalInt(
    const rapidjson::Value& object, const char* key,
    const JsonContext& context);

// A required integer member within [min_value, max_value].
absl::StatusOr<int> RequiredIntInRange(const rapidjson::Value& object,
                                       const char* key, int min_value,
                                       int max_value,
                                       const JsonContext& context);

// An optional string, integer or boolean member rendered as a string
// ("1", "true"); nullopt when absent.
absl::StatusOr<std::optional<std::string>> OptionalScalarAsString(
    const rapidjson::Value& object, const char* key,
    const JsonContext& context);

// An array of non-empty strings without duplicates; empty when absent and
// not `required`.
absl::StatusOr<std::vector<std::string>> StringArray(
    const rapidjson::Value& object, const char* key, bool required,
    const JsonContext& context);

// A required non-empty array member.
absl::StatusOr<const rapidjson::Value*> RequiredArray(
    const rapidjson::Value& object, const char* key,
    const JsonContext& context);

}  // namespace sslstore::json

#endif  // SSLSTORE_CLIENT_JSON_STRICT_READER_H_
