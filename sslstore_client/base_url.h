#ifndef SSLSTORE_CLIENT_BASE_URL_H_
#define SSLSTORE_CLIENT_BASE_URL_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sslstore::client {

// The parts of a WBAPI base URL.
struct BaseUrl {
  // Host name or IP literal (without IPv6 brackets).
  std::string host;
  uint16_t port = 443;
  // Path before "/rest/...", without a trailing slash ("" for the root).
  std::string path_prefix;
  // True when `host` is an IPv4 or IPv6 literal.
  bool host_is_ip = false;

  // The request target for `api_path` (e.g. "/rest/order/status").
  std::string Target(absl::string_view api_path) const;
  // The Host header value ("host" or "host:port").
  std::string HostHeader() const;
};

// A host and port, as written in a URL's authority.
struct HostPort {
  // Host name or IP literal (without IPv6 brackets).
  std::string host;
  uint16_t port = 0;
  // True when `host` is an IPv4 or IPv6 literal.
  bool host_is_ip = false;
};

// Parses "host[:port]" or "[v6]:port" (no user information);
// `default_port` when there is no port. INVALID_ARGUMENT with the reason
// alone ("bad port", "no host", ...), for the caller to prefix.
absl::StatusOr<HostPort> ParseHostPort(absl::string_view authority,
                                       uint16_t default_port);

// Parses "https://host[:port][/prefix]". Only https is accepted; user info,
// query and fragment are rejected; a trailing "/rest" in the prefix is
// dropped (paths always start with "/rest/").
absl::StatusOr<BaseUrl> ParseBaseUrl(absl::string_view url);

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_BASE_URL_H_
