#include "service/observability/redactor.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace sslstore::service::observability {
namespace {

using ::sslstore::client::JsonEscaped;

bool IsWordChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Length of the key name "authtoken" / "auth_token" / "auth-token" starting
// at `at` of the lower-cased text, or 0.
size_t AuthTokenKeyLength(absl::string_view lower, size_t at) {
  absl::string_view rest = lower.substr(at);
  if (!absl::StartsWith(rest, "auth")) return 0;
  size_t length = 4;
  if (length < rest.size() && (rest[length] == '_' || rest[length] == '-')) {
    ++length;
  }
  if (!absl::StartsWith(rest.substr(length), "token")) return 0;
  return length + 5;
}

void SkipSpaces(absl::string_view text, size_t* at) {
  while (*at < text.size() &&
         absl::ascii_isspace(static_cast<unsigned char>(text[*at]))) {
    ++*at;
  }
}

// Length of a quote at `at`: '"' or '\'' (1), or backslashes then '"' (an
// escaped quote inside JSON text); 0 when there is none.
size_t QuoteLength(absl::string_view text, size_t at) {
  if (at >= text.size()) return 0;
  if (text[at] == '"' || text[at] == '\'') return 1;
  size_t end = at;
  while (end < text.size() && text[end] == '\\') ++end;
  if (end > at && end < text.size() && text[end] == '"') return end - at + 1;
  return 0;
}

// End of a quoted value starting at `start` and closed by `quote`.
size_t QuotedValueEnd(absl::string_view text, size_t start,
                      absl::string_view quote) {
  if (quote.size() == 1) {
    for (size_t i = start; i < text.size(); ++i) {
      if (text[i] == '\\') {
        ++i;  // an escaped character
        continue;
      }
      if (text[i] == quote[0]) return i;
    }
    return text.size();
  }
  const size_t end = text.find(quote, start);
  return end == absl::string_view::npos ? text.size() : end;
}

// End of an unquoted value (AuthToken=value).
size_t BareValueEnd(absl::string_view text, size_t start) {
  constexpr absl::string_view kDelimiters = " \t\r\n&,;}])\"'\\<>";
  size_t end = start;
  while (end < text.size() &&
         kDelimiters.find(text[end]) == absl::string_view::npos) {
    ++end;
  }
  return end;
}

}  // namespace

std::string ScrubAuthTokenFields(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(text);
  std::string out;
  size_t copied = 0;  // text[0, copied) is in `out`
  size_t search = 0;
  while (true) {
    const size_t key = lower.find("auth", search);
    if (key == std::string::npos) break;
    search = key + 4;
    const size_t key_length = AuthTokenKeyLength(lower, key);
    if (key_length == 0) continue;
    size_t at = key + key_length;
    if ((key > 0 && IsWordChar(text[key - 1])) ||
        (at < text.size() && IsWordChar(text[at]))) {
      continue;
    }
    at += QuoteLength(text, at);  // the key's closing quote
    SkipSpaces(text, &at);
    if (at >= text.size() || (text[at] != ':' && text[at] != '=')) continue;
    ++at;
    SkipSpaces(text, &at);
    const size_t quote_length = QuoteLength(text, at);
    const size_t value_start = at + quote_length;
    const size_t value_end =
        quote_length > 0
            ? QuotedValueEnd(text, value_start, text.substr(at, quote_length))
            : BareValueEnd(text, value_start);
    search = std::max(search, value_end);
    if (value_end <= value_start ||
        absl::StartsWith(text.substr(value_start), kRedacted)) {
      continue;
    }
    absl::StrAppend(&out, text.substr(copied, value_start - copied));
    absl::StrAppend(&out, kRedacted);
    copied = value_end;
  }
  absl::StrAppend(&out, text.substr(copied));
  return out;
}

void Redactor::AddSecret(absl::string_view secret) {
  if (secret.empty()) return;
  absl::MutexLock lock(&mutex_);
  for (const Known& known : secrets_) {
    if (known.raw == secret) return;
  }
  secrets_.push_back(Known{std::string(secret), JsonEscaped(secret)});
}

void Redactor::AddRecentSecret(absl::string_view secret) {
  if (secret.empty()) return;
  absl::MutexLock lock(&mutex_);
  for (const Known& known : secrets_) {
    if (known.raw == secret) return;
  }
  for (const Known& known : recent_) {
    if (known.raw == secret) return;
  }
  recent_.push_back(Known{std::string(secret), JsonEscaped(secret)});
  if (recent_.size() > kMaxRecentSecrets) recent_.pop_front();
}

std::string Redactor::Scrub(absl::string_view text) const {
  return Scrub(text, {});
}

std::string Redactor::Scrub(absl::string_view text,
                            const std::vector<std::string>& extra) const {
  std::vector<Known> extras;
  extras.reserve(extra.size());
  for (const std::string& secret : extra) {
    if (!secret.empty()) extras.push_back(Known{secret, JsonEscaped(secret)});
  }
  std::string out(text);
  {
    absl::ReaderMutexLock lock(&mutex_);
    std::vector<const Known*> all;
    all.reserve(secrets_.size() + recent_.size() + extras.size());
    for (const Known& known : secrets_) all.push_back(&known);
    for (const Known& known : recent_) all.push_back(&known);
    for (const Known& known : extras) all.push_back(&known);
    // Longest first, so a secret containing another is removed whole.
    std::stable_sort(all.begin(), all.end(),
                     [](const Known* a, const Known* b) {
                       return a->raw.size() > b->raw.size();
                     });
    for (const Known* known : all)
      client::RedactKnown(known->raw, known->escaped, &out);
  }
  return ScrubAuthTokenFields(out);
}

}  // namespace sslstore::service::observability
