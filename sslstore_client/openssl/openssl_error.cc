#include "sslstore_client/openssl/openssl_error.h"

#include <openssl/err.h>

#include "absl/strings/str_cat.h"

namespace sslstore::openssl {
namespace {

// The queued errors joined by "; " ("" when none); clears the queue.
std::string DrainErrors() {
  std::string text;
  unsigned long code = 0;
  while ((code = ERR_get_error()) != 0) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof(buffer));
    absl::StrAppend(&text, text.empty() ? "" : "; ", buffer);
  }
  return text;
}

}  // namespace

std::string OpenSslErrorText() {
  std::string text = DrainErrors();
  return text.empty() ? "unknown OpenSSL error" : text;
}

absl::Status OpenSslError(absl::string_view what) {
  const std::string text = DrainErrors();
  return absl::InternalError(
      absl::StrCat(what, text.empty() ? "" : ": ", text));
}

}  // namespace sslstore::openssl
