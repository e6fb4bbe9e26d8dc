#include "sslstore_client/redact.h"

#include "absl/strings/str_replace.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace sslstore::client {

std::string Redact(absl::string_view text, absl::string_view secret) {
  if (secret.empty()) return std::string(text);
  std::string out = absl::StrReplaceAll(text, {{secret, "[REDACTED]"}});
  // The JSON-escaped spelling, as it appears in a request body.
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(secret.data(), static_cast<rapidjson::SizeType>(secret.size()));
  absl::string_view escaped(buffer.GetString(), buffer.GetSize());
  if (escaped.size() >= 2) {
    escaped = escaped.substr(1, escaped.size() - 2);  // Drop the quotes.
    if (escaped != secret) {
      out = absl::StrReplaceAll(out, {{escaped, "[REDACTED]"}});
    }
  }
  return out;
}

}  // namespace sslstore::client
