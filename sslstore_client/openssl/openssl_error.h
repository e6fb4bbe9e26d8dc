#ifndef SSLSTORE_CLIENT_OPENSSL_OPENSSL_ERROR_H_
#define SSLSTORE_CLIENT_OPENSSL_OPENSSL_ERROR_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace sslstore::openssl {

// The thread's queued OpenSSL errors as text, oldest first and joined by
// "; " (e.g. "error:0480006C:PEM routines::no start line"), and clears the
// queue. "unknown OpenSSL error" when the queue is empty.
std::string OpenSslErrorText();

// INTERNAL "<what>: <OpenSslErrorText()>", or just `what` when the queue is
// empty; clears the queue.
absl::Status OpenSslError(absl::string_view what);

}  // namespace sslstore::openssl

#endif  // SSLSTORE_CLIENT_OPENSSL_OPENSSL_ERROR_H_
