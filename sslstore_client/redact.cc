#include "sslstore_client/redact.h"

#include <algorithm>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace sslstore::client {

std::string JsonEscaped(absl::string_view text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  absl::string_view quoted(buffer.GetString(), buffer.GetSize());
  if (quoted.size() >= 2) quoted = quoted.substr(1, quoted.size() - 2);
  return std::string(quoted);
}

void RedactKnown(absl::string_view secret, absl::string_view escaped,
                 std::string* text) {
  if (secret.empty()) return;
  if (absl::StrContains(*text, secret)) {
    *text = absl::StrReplaceAll(*text, {{secret, kRedacted}});
  }
  if (!escaped.empty() && escaped != secret &&
      absl::StrContains(*text, escaped)) {
    *text = absl::StrReplaceAll(*text, {{escaped, kRedacted}});
  }
}

std::string Redact(absl::string_view text, absl::string_view secret) {
  std::string out(text);
  RedactKnown(secret, JsonEscaped(secret), &out);
  return out;
}

std::string Redact(absl::string_view text,
                   absl::Span<const std::string> secrets) {
  // Longest first, so a secret containing another is removed whole.
  std::vector<const std::string*> ordered;
  ordered.reserve(secrets.size());
  for (const std::string& secret : secrets) ordered.push_back(&secret);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const std::string* a, const std::string* b) {
                     return a->size() > b->size();
                   });
  std::string out(text);
  for (const std::string* secret : ordered) {
    RedactKnown(*secret, JsonEscaped(*secret), &out);
  }
  return out;
}

}  // namespace sslstore::client
