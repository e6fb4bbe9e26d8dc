#include "sslstore_client/tls_setup.h"

#include <openssl/x509v3.h>

#include "absl/strings/str_cat.h"
#include "sslstore_client/openssl/openssl_error.h"

namespace sslstore::client::internal {

using ::sslstore::openssl::OpenSslErrorText;

absl::Status ConfigureTlsContext(SSL_CTX* ctx, const std::string& ca_file) {
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1) {
    return absl::InternalError("cannot require TLS 1.2");
  }
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  int loaded = ca_file.empty() ? SSL_CTX_set_default_verify_paths(ctx)
                               : SSL_CTX_load_verify_locations(
                                     ctx, ca_file.c_str(), nullptr);
  if (loaded != 1) {
    return absl::InvalidArgumentError(
        ca_file.empty() ? absl::StrCat("cannot load the system trust store: ",
                                       OpenSslErrorText())
                        : absl::StrCat("cannot load CA file '", ca_file,
                                       "': ", OpenSslErrorText()));
  }
  return absl::OkStatus();
}

absl::Status PrepareTlsSession(SSL* ssl, const BaseUrl& url) {
  // Boost.Asio's stream sets SSL_MODE_RELEASE_BUFFERS, which frees the
  // connection's record buffers after each record and allocates them again
  // for the next; a keep-alive connection carries call after call, so
  // keeping them (about 34 KB per connection) costs less.
  SSL_clear_mode(ssl, SSL_MODE_RELEASE_BUFFERS);
  if (url.host_is_ip) {
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    if (X509_VERIFY_PARAM_set1_ip_asc(param, url.host.c_str()) != 1) {
      return absl::InternalError(
          absl::StrCat("cannot verify IP address ", url.host));
    }
    return absl::OkStatus();
  }
  if (SSL_set_tlsext_host_name(ssl, url.host.c_str()) != 1) {
    return absl::InternalError(absl::StrCat("cannot set SNI ", url.host));
  }
  SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  if (SSL_set1_host(ssl, url.host.c_str()) != 1) {
    return absl::InternalError(
        absl::StrCat("cannot verify host name ", url.host));
  }
  return absl::OkStatus();
}

std::string DescribeVerifyFailure(SSL* ssl, const BaseUrl& url) {
  long result = SSL_get_verify_result(ssl);
  if (result == X509_V_OK) return "";
  std::string why = X509_verify_cert_error_string(result);
  switch (result) {
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
      return absl::StrCat("the server certificate is not valid for '", url.host,
                          "' (", why, ")");
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      return absl::StrCat(
          "the server certificate is not signed by a trusted "
          "CA (",
          why, ")");
    default:
      return absl::StrCat("the server certificate was rejected (", why, ")");
  }
}

}  // namespace sslstore::client::internal
