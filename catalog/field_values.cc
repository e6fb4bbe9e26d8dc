#include "catalog/field_values.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "catalog/validity.h"
#include "sslstore_client/dns/host_name.h"

namespace sslstore::catalog {
namespace {

constexpr size_t kMaxQuotedLength = 80;
constexpr size_t kMaxListedOptions = 50;
constexpr size_t kMaxIdDigits = 18;  // fits int64_t

bool IsAllDigits(absl::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsLocalPartChar(char c) {
  if (absl::ascii_isalnum(static_cast<unsigned char>(c))) return true;
  return absl::string_view("!#$%&'*+/=?^_`{|}~.-").find(c) !=
         absl::string_view::npos;
}

// Parses an optionally signed decimal integer made of digits only.
std::optional<int64_t> ParseStrictInteger(absl::string_view text) {
  absl::string_view digits = text;
  if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
    digits.remove_prefix(1);
  }
  if (!IsAllDigits(digits)) return std::nullopt;
  int64_t value = 0;
  if (!absl::SimpleAtoi(text, &value)) return std::nullopt;
  return value;
}

std::string DescribeOptions(const FieldSpec& field) {
  if (field.options.size() > kMaxListedOptions) {
    return absl::StrCat("one of the ", field.options.size(),
                        " values of option list \"", field.option_list_id,
                        "\"");
  }
  return absl::StrCat("one of: ", absl::StrJoin(field.options, ", "));
}

absl::StatusOr<std::string> NormalizeInteger(const FieldSpec& field,
                                             absl::string_view value) {
  std::optional<int64_t> number = ParseStrictInteger(value);
  if (!number.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat(QuoteValue(value), " is not a whole number"));
  }
  if (field.min_value.has_value() && *number < *field.min_value) {
    return absl::InvalidArgumentError(
        absl::StrCat(*number, " is less than the minimum ", *field.min_value));
  }
  if (field.max_value.has_value() && *number > *field.max_value) {
    return absl::InvalidArgumentError(
        absl::StrCat(*number, " is more than the maximum ", *field.max_value));
  }
  return absl::StrCat(*number);
}

absl::StatusOr<std::string> NormalizeEmailList(absl::string_view value) {
  std::vector<std::string> addresses = SplitEmailList(value);
  if (addresses.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(QuoteValue(value), " contains no email address"));
  }
  for (const std::string& address : addresses) {
    if (!IsWellFormedEmail(address)) {
      return absl::InvalidArgumentError(
          absl::StrCat(QuoteValue(value), " contains ", QuoteValue(address),
                       ", which is not a well-formed email address"));
    }
  }
  return absl::StrJoin(addresses, ",");
}

absl::StatusOr<std::string> NormalizeValidityDays(absl::string_view value) {
  if (!IsAllDigits(value)) {
    return absl::InvalidArgumentError(absl::StrCat(
        QuoteValue(value), " is not a whole positive number of days"));
  }
  int64_t days = 0;
  if (value.size() > kMaxIdDigits || !absl::SimpleAtoi(value, &days)) {
    return absl::InvalidArgumentError(
        absl::StrCat(QuoteValue(value), " days is out of range"));
  }
  absl::StatusOr<int> months = ValidityDaysToMonths(days);
  if (!months.ok()) return months.status();
  return absl::StrCat(days);
}

}  // namespace

std::optional<bool> ParseBooleanValue(absl::string_view value) {
  absl::string_view text = absl::StripAsciiWhitespace(value);
  if (absl::EqualsIgnoreCase(text, "true")) return true;
  if (absl::EqualsIgnoreCase(text, "false")) return false;
  return std::nullopt;
}

bool IsWellFormedEmail(absl::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  const size_t at = address.find('@');
  if (at == absl::string_view::npos || address.rfind('@') != at) return false;
  absl::string_view local = address.substr(0, at);
  absl::string_view domain = address.substr(at + 1);
  if (local.empty() || local.size() > 64) return false;
  if (local.front() == '.' || local.back() == '.') return false;
  if (absl::StrContains(local, "..")) return false;
  for (char c : local) {
    if (!IsLocalPartChar(c)) return false;
  }
  // As written: no trailing dot, no top-level label of digits ("user@1.2").
  return dns::IsHostName(domain);
}

std::vector<std::string> SplitEmailList(absl::string_view value) {
  std::vector<std::string> addresses;
  for (absl::string_view part : absl::StrSplit(value, absl::ByAnyChar(",;"))) {
    absl::string_view trimmed = absl::StripAsciiWhitespace(part);
    if (!trimmed.empty()) addresses.emplace_back(trimmed);
  }
  return addresses;
}

absl::StatusOr<int64_t> ParseOrganizationId(absl::string_view value) {
  absl::string_view text = absl::StripAsciiWhitespace(value);
  const absl::Status invalid = absl::InvalidArgumentError(absl::StrCat(
      QuoteValue(value),
      " is not a DigiCert organization ID (digits, or a label like "
      "\"Name (1234) City-US\")"));
  absl::string_view digits;
  if (IsAllDigits(text)) {
    digits = text;
  } else {
    // Legacy label: the first "( <non-digits> <digits> <non-digits> )".
    size_t open = text.find('(');
    while (open != absl::string_view::npos && digits.empty()) {
      const size_t close = text.find(')', open + 1);
      if (close == absl::string_view::npos) break;
      absl::string_view inner = text.substr(open + 1, close - open - 1);
      const size_t first = inner.find_first_of("0123456789");
      if (first != absl::string_view::npos) {
        size_t last = first;
        while (last < inner.size() &&
               absl::ascii_isdigit(static_cast<unsigned char>(inner[last]))) {
          ++last;
        }
        if (inner.find_first_of("0123456789", last) ==
            absl::string_view::npos) {
          digits = inner.substr(first, last - first);
        }
      }
      open = text.find('(', close + 1);
    }
  }
  int64_t id = 0;
  if (digits.empty() || digits.size() > kMaxIdDigits ||
      !absl::SimpleAtoi(digits, &id) || id <= 0) {
    return invalid;
  }
  return id;
}

std::optional<std::string> MatchOption(const std::vector<std::string>& options,
                                       absl::string_view value) {
  absl::string_view text = absl::StripAsciiWhitespace(value);
  for (const std::string& option : options) {
    if (option == text) return option;
  }
  for (const std::string& option : options) {
    if (absl::EqualsIgnoreCase(option, text)) return option;
  }
  return std::nullopt;
}

absl::StatusOr<std::string> NormalizeFieldValue(const FieldSpec& field,
                                                absl::string_view value) {
  absl::string_view text = absl::StripAsciiWhitespace(value);
  if (text.empty()) {
    return absl::InvalidArgumentError("the value is empty");
  }
  switch (field.type) {
    case FieldType::kString:
      return std::string(text);
    case FieldType::kEmail:
      if (!IsWellFormedEmail(text)) {
        return absl::InvalidArgumentError(absl::StrCat(
            QuoteValue(text), " is not a well-formed email address"));
      }
      return std::string(text);
    case FieldType::kEmailList:
      return NormalizeEmailList(text);
    case FieldType::kCountry: {
      std::optional<std::string> option = MatchOption(field.options, text);
      if (!option.has_value()) {
        return absl::InvalidArgumentError(absl::StrCat(
            QuoteValue(text),
            " is not an ISO 3166-1 alpha-2 country code (two letters, e.g. "
            "US, DE, GB)"));
      }
      return *option;
    }
    case FieldType::kEnum: {
      std::optional<std::string> option = MatchOption(field.options, text);
      if (!option.has_value()) {
        return absl::InvalidArgumentError(
            absl::StrCat(QuoteValue(text), " is not ", DescribeOptions(field)));
      }
      return *option;
    }
    case FieldType::kInteger:
      return NormalizeInteger(field, text);
    case FieldType::kBoolean: {
      std::optional<bool> flag = ParseBooleanValue(text);
      if (!flag.has_value()) {
        return absl::InvalidArgumentError(
            absl::StrCat(QuoteValue(text), " is not true or false"));
      }
      return std::string(*flag ? "true" : "false");
    }
    case FieldType::kValidityDays:
      return NormalizeValidityDays(text);
    case FieldType::kOrganizationId: {
      absl::StatusOr<int64_t> id = ParseOrganizationId(text);
      if (!id.ok()) return id.status();
      return absl::StrCat(*id);
    }
  }
  return absl::InvalidArgumentError("unknown field type");
}

std::string QuoteValue(absl::string_view value) {
  if (value.size() > kMaxQuotedLength) {
    return absl::StrCat("\"", value.substr(0, kMaxQuotedLength), "...\"");
  }
  return absl::StrCat("\"", value, "\"");
}

}  // namespace sslstore::catalog
