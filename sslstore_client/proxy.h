#ifndef SSLSTORE_CLIENT_PROXY_H_
#define SSLSTORE_CLIENT_PROXY_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "sslstore_client/base_url.h"

namespace sslstore::client {

// An HTTP proxy that WBAPI connections tunnel through with CONNECT. TLS
// runs inside the tunnel, end to end with the WBAPI host: the proxy sees
// only the host name and port.
struct ProxyServer {
  HostPort address;
  // Basic authentication when `username` is not empty.
  std::string username;
  // A secret: never logged or put in an error message.
  std::string password;

  // "host:port" as error messages name the proxy (no user information).
  std::string Name() const;
};

// The proxy settings of one client, as configured.
struct ProxyOptions {
  // "http://[user@]host[:port]" (port 1080 when absent, as curl does).
  // Empty: the environment's https_proxy (or HTTPS_PROXY) unless
  // no_proxy (or NO_PROXY) names the WBAPI host or the host is loopback
  // (localhost, 127.0.0.0/8, ::1). "direct": no proxy, the environment
  // ignored.
  std::string url;
  // The password for `url`'s user (a secret). A password in `url` itself
  // is refused; one in the environment's https_proxy is accepted.
  std::string password;
};

// The proxy environment variables, passed in so that tests need not set
// the process environment.
struct ProxyEnvironment {
  std::string https_proxy;
  std::string no_proxy;

  // Reads https_proxy / HTTPS_PROXY and no_proxy / NO_PROXY (lower case
  // first, as curl does).
  static ProxyEnvironment FromProcess();
};

// Parses "http://[user[:password]@]host[:port][/]". A password is refused
// unless `allow_password`. INVALID_ARGUMENT naming the problem; the URL's
// user information never appears in it.
absl::StatusOr<ProxyServer> ParseProxyUrl(absl::string_view url,
                                          bool allow_password);

// True when the comma-separated `no_proxy` list exempts `target`: "*", an
// exact host or IP, a domain matching itself and its subdomains (with or
// without a leading dot), each optionally with ":port".
bool NoProxyExempts(absl::string_view no_proxy, const HostPort& target);

// The proxy to use for `target` (see ProxyOptions::url), or nullopt for a
// direct connection.
// INVALID_ARGUMENT when the configured or environment URL is bad (the
// message says which one it came from).
absl::StatusOr<std::optional<ProxyServer>> ChooseProxy(
    const ProxyOptions& options, const ProxyEnvironment& environment,
    const HostPort& target);

// The CONNECT request that opens a tunnel to `target` through `proxy`,
// with its Proxy-Authorization when the proxy has a user. Holds the
// password in base64: never log it.
std::string ConnectRequest(const ProxyServer& proxy, const HostPort& target);

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_PROXY_H_
