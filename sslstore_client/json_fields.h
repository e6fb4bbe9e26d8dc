#ifndef SSLSTORE_CLIENT_JSON_FIELDS_H_
#define SSLSTORE_CLIENT_JSON_FIELDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "sslstore_client/api_date.h"

// Type-checked reading of WBAPI JSON objects with the WBAPI's loose typing:
// the client's models, and the simulator's request reading (which adds a few
// looser forms of its own on top; see tools/sslstore-sim/sim_json.h).

namespace sslstore::client::internal {

// Finds member `name` of `object` (which must be an object): the exact
// spelling first, then an ASCII case-insensitive match. Null when absent.
const rapidjson::Value* FindMember(const rapidjson::Value& object,
                                   absl::string_view name);

// The WBAPI's loose scalars, one definition for FieldReader and the
// simulator. A string, or a number's decimal text; nullopt otherwise.
std::optional<std::string> LooseString(const rapidjson::Value& value);

// An integral number or numeric string (trimmed; "" is 0) within
// [min, max]; nullopt otherwise.
std::optional<int64_t> LooseInteger(const rapidjson::Value& value, int64_t min,
                                    int64_t max);

// true/false, "true"/"false" (any case; "" is false) or 0/1; nullopt
// otherwise.
std::optional<bool> LooseBool(const rapidjson::Value& value);

// `text` split at commas, entries trimmed, empty entries dropped.
std::vector<std::string> SplitCommaList(absl::string_view text);

// Names a JSON value's type for error messages ("an array", ...).
absl::string_view JsonTypeName(const rapidjson::Value& value);

// Reads the fields of one JSON object into C++ values. Absent and null
// members leave the output untouched; a member of the wrong type records an
// error naming its path (e.g. "OrderStatus.MajorStatus: expected a string,
// got an array") and later reads keep going, so `status()` reports the
// first problem. The WBAPI's loose typing is accepted: numbers for strings,
// numeric strings for numbers, "true"/"false" for booleans.
class FieldReader {
 public:
  // `object` must be a JSON object and outlive the reader; `path` prefixes
  // error messages ("" at the top level).
  FieldReader(const rapidjson::Value& object, std::string path);

  void String(absl::string_view name, std::string* out);
  void Int(absl::string_view name, int* out);
  void Int64(absl::string_view name, int64_t* out);
  void Double(absl::string_view name, double* out);
  void Bool(absl::string_view name, bool* out);
  // A date string (see ParseApiDate); an unparseable date is not an error.
  void Date(absl::string_view name, ApiDate* out);
  // An array of strings; null entries are skipped.
  void StringArray(absl::string_view name, std::vector<std::string>* out);
  // A comma-separated string (or an array of strings), split and trimmed,
  // empty entries dropped.
  void CommaList(absl::string_view name, std::vector<std::string>* out);

  // The member as an object, or null when absent or null; records an error
  // when it is something else.
  const rapidjson::Value* Object(absl::string_view name);
  // The member as an array, or null when absent or null; records an error
  // when it is something else.
  const rapidjson::Value* Array(absl::string_view name);

  // The path of this object ("" at the top level).
  const std::string& path() const { return path_; }
  // The path of member `name`, for nested readers.
  std::string PathOf(absl::string_view name) const;
  // Records `error` unless an earlier one was recorded.
  void Merge(const absl::Status& error);
  // OK, or the first error recorded.
  const absl::Status& status() const { return status_; }

 private:
  // The member, or null when absent or JSON null.
  const rapidjson::Value* Lookup(absl::string_view name) const;
  void TypeError(absl::string_view name, absl::string_view expected,
                 const rapidjson::Value& got);

  // A member found by an ASCII case-insensitive name; `ambiguous` when
  // several members share that name (FindMember then picks).
  struct IndexedMember {
    const rapidjson::Value* value = nullptr;
    bool ambiguous = false;
  };
  struct CaseInsensitiveHash {
    size_t operator()(absl::string_view name) const;
  };
  struct CaseInsensitiveEq {
    bool operator()(absl::string_view a, absl::string_view b) const;
  };
  using MemberIndex =
      absl::flat_hash_map<absl::string_view, IndexedMember, CaseInsensitiveHash,
                          CaseInsensitiveEq>;

  const rapidjson::Value& object_;
  std::string path_;
  absl::Status status_;
  // Built on the first lookup in a large object: a model reads dozens of
  // fields, most absent, and two linear scans per field cost more than the
  // whole JSON parse.
  mutable std::optional<MemberIndex> index_;
};

// Path of element `index` of the array at `path`, e.g. "Certificates[2]".
std::string ElementPath(absl::string_view path, size_t index);

}  // namespace sslstore::client::internal

#endif  // SSLSTORE_CLIENT_JSON_FIELDS_H_
