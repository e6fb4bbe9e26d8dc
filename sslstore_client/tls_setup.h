#ifndef SSLSTORE_CLIENT_TLS_SETUP_H_
#define SSLSTORE_CLIENT_TLS_SETUP_H_

#include <openssl/ssl.h>

#include <string>

#include "absl/status/status.h"
#include "sslstore_client/base_url.h"

// OpenSSL settings of the WBAPI transport (internal to sslstore_client).

namespace sslstore::client::internal {

// TLS 1.2 or newer, peer verification required, trust anchors from
// `ca_file` (PEM) or, when empty, the system store. There is no way to turn
// verification off.
absl::Status ConfigureTlsContext(SSL_CTX* ctx, const std::string& ca_file);

// Per connection: SNI (host names only), the name the certificate must
// carry (a DNS name, or an IP address for IP literals), and record buffers
// kept for the connection's life.
absl::Status PrepareTlsSession(SSL* ssl, const BaseUrl& url);

// Why certificate verification failed on `ssl`, or "" when it did not.
std::string DescribeVerifyFailure(SSL* ssl, const BaseUrl& url);

}  // namespace sslstore::client::internal

#endif  // SSLSTORE_CLIENT_TLS_SETUP_H_
