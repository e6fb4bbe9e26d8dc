#include "tools/sslstore-sim/realism_settings.h"

#include <cstdint>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace sslstore_sim {
namespace {

absl::Status Bad(absl::string_view name, absl::string_view expected) {
  return absl::InvalidArgumentError(absl::StrCat(name, " must be ", expected));
}

bool ParseBool(absl::string_view text, bool* out) {
  const std::string v = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (v == "true" || v == "1") {
    *out = true;
    return true;
  }
  if (v == "false" || v == "0") {
    *out = false;
    return true;
  }
  return false;
}

bool ParseRange(absl::string_view text, int64_t min, int64_t max,
                int64_t* out) {
  int64_t v = 0;
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(text), &v)) return false;
  if (v < min || v > max) return false;
  *out = v;
  return true;
}

}  // namespace

const std::vector<absl::string_view>& RealismKnobNames() {
  static const std::vector<absl::string_view>* names =
      new std::vector<absl::string_view>{
          "exact_member_names",         "not_found_code",
          "not_found_message",          "not_found_as_empty_order",
          "refund_pending_polls",       "query_lag_ms",
          "query_page_size_cap",        "query_newest_first",
          "duplicate_custom_order_id",  "reissue_refuses_existing_names",
          "health_validate_status_only"};
  return *names;
}

absl::Status SetRealismKnob(absl::string_view name, absl::string_view value,
                            Realism& realism) {
  constexpr int64_t kIntMax = std::numeric_limits<int32_t>::max();
  constexpr int64_t kIntMin = std::numeric_limits<int32_t>::min();
  bool* flag = nullptr;
  if (name == "exact_member_names") flag = &realism.exact_member_names;
  if (name == "not_found_as_empty_order") {
    flag = &realism.not_found_as_empty_order;
  }
  if (name == "query_newest_first") flag = &realism.query_newest_first;
  if (name == "reissue_refuses_existing_names") {
    flag = &realism.reissue_refuses_existing_names;
  }
  if (name == "health_validate_status_only") {
    flag = &realism.health_validate_status_only;
  }
  if (flag != nullptr) {
    if (!ParseBool(value, flag)) return Bad(name, "true or false");
    return absl::OkStatus();
  }
  int64_t number = 0;
  if (name == "not_found_code") {
    if (!ParseRange(value, kIntMin, kIntMax, &number)) {
      return Bad(name, "an integer");
    }
    realism.not_found_code = static_cast<int>(number);
  } else if (name == "not_found_message") {
    if (absl::StripAsciiWhitespace(value).empty()) {
      return Bad(name, "a non-empty text");
    }
    realism.not_found_message = std::string(value);
  } else if (name == "refund_pending_polls") {
    if (!ParseRange(value, -1, 1000000, &number)) {
      return Bad(name, "an integer in [-1, 1000000]");
    }
    realism.refund_pending_polls = static_cast<int>(number);
  } else if (name == "query_lag_ms") {
    if (!ParseRange(value, 0, int64_t{365} * 24 * 3600 * 1000, &number)) {
      return Bad(name, "a number of milliseconds in [0, one year]");
    }
    realism.query_lag = absl::Milliseconds(number);
  } else if (name == "query_page_size_cap") {
    if (!ParseRange(value, 0, 1000000, &number)) {
      return Bad(name, "an integer in [0, 1000000]");
    }
    realism.query_page_size_cap = static_cast<int>(number);
  } else if (name == "duplicate_custom_order_id") {
    const std::string v =
        absl::AsciiStrToLower(absl::StripAsciiWhitespace(value));
    if (v == "refuse") {
      realism.duplicate_custom_order_id = DuplicateCustomOrderId::kRefuse;
    } else if (v == "accept") {
      realism.duplicate_custom_order_id = DuplicateCustomOrderId::kAccept;
    } else {
      return Bad(name, "refuse or accept");
    }
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown realism knob ", name));
  }
  return absl::OkStatus();
}

void WriteRealism(JsonWriter& w, const Realism& r) {
  w.StartObject();
  WriteBool(w, "exact_member_names", r.exact_member_names);
  WriteInt(w, "not_found_code", r.not_found_code);
  WriteString(w, "not_found_message", r.not_found_message);
  WriteBool(w, "not_found_as_empty_order", r.not_found_as_empty_order);
  WriteInt(w, "refund_pending_polls", r.refund_pending_polls);
  WriteInt(w, "query_lag_ms", absl::ToInt64Milliseconds(r.query_lag));
  WriteInt(w, "query_page_size_cap", r.query_page_size_cap);
  WriteBool(w, "query_newest_first", r.query_newest_first);
  WriteString(w, "duplicate_custom_order_id",
              r.duplicate_custom_order_id == DuplicateCustomOrderId::kAccept
                  ? "accept"
                  : "refuse");
  WriteBool(w, "reissue_refuses_existing_names",
            r.reissue_refuses_existing_names);
  WriteBool(w, "health_validate_status_only", r.health_validate_status_only);
  w.EndObject();
}

}  // namespace sslstore_sim
