#ifndef SERVICE_CONFIG_CONNECTION_SETTINGS_H_
#define SERVICE_CONFIG_CONNECTION_SETTINGS_H_

#include <optional>
#include <string>
#include <utility>

#include "absl/time/time.h"

namespace sslstore::service {

// A credential that must never be printed. It has no stream operator and no
// implicit conversion; code that really needs the bytes calls `Reveal()`,
// which makes every such place easy to find and review.
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}

  // The secret's bytes. Use only to build an upstream request.
  const std::string& Reveal() const { return value_; }
  // True when no secret was configured.
  bool empty() const { return value_.empty(); }

 private:
  std::string value_;
};

// Largest accepted sync page size.
inline constexpr int kMaxPageSize = 500;
// Largest accepted retries of an idempotent SSL Store call.
inline constexpr int kMaxRetryAttempts = 5;

// Largest accepted renewal window, in days.
inline constexpr int kMaxRenewalWindowDays = 3650;

// One SSL Store CA connection: the plugin documentation's six connection fields
// plus the transport settings the connector adds.
struct ConnectionSettings {
  // The connection's name, used by `ConnectionRef.name` ("default" when a
  // request names none).
  std::string name;
  // Base URL of the WBAPI host, e.g. "https://sandbox-wbapi.thesslstore.com".
  std::string sslstore_url;
  // The reseller's partner code.
  std::string partner_code;
  // The reseller's API token.
  Secret auth_token;
  // Orders per page during sync.
  int page_size = 100;
  // A disabled connection refuses CA operations.
  bool enabled = true;
  // Days before order expiry within which RENEW_OR_REISSUE renews.
  int renewal_window_days = 30;
  // PEM bundle of CAs to trust for the WBAPI host; empty = system store.
  std::string ca_file;
  // Outbound HTTP proxy, "http://[user@]host:port"; empty = the
  // environment's https_proxy / no_proxy; "direct" = none.
  std::string proxy_url;
  // Password of proxy_url's user (basic authentication).
  Secret proxy_password;
  // Overrides of the server-wide transport settings (unset = the server's):
  // resolve + connect + TLS handshake, one call's request and response,
  // the same for calls that place or change an order, and retries of an
  // idempotent call after its first attempt.
  std::optional<absl::Duration> connect_timeout;
  std::optional<absl::Duration> call_timeout;
  std::optional<absl::Duration> order_call_timeout;
  std::optional<int> retry_attempts;
};

// True when `a` and `b` set every field alike, secrets included.
inline bool SameConnection(const ConnectionSettings& a,
                           const ConnectionSettings& b) {
  return a.name == b.name && a.sslstore_url == b.sslstore_url &&
         a.partner_code == b.partner_code &&
         a.auth_token.Reveal() == b.auth_token.Reveal() &&
         a.page_size == b.page_size && a.enabled == b.enabled &&
         a.renewal_window_days == b.renewal_window_days &&
         a.ca_file == b.ca_file && a.proxy_url == b.proxy_url &&
         a.proxy_password.Reveal() == b.proxy_password.Reveal() &&
         a.connect_timeout == b.connect_timeout &&
         a.call_timeout == b.call_timeout &&
         a.order_call_timeout == b.order_call_timeout &&
         a.retry_attempts == b.retry_attempts;
}

}  // namespace sslstore::service

#endif  // SERVICE_CONFIG_CONNECTION_SETTINGS_H_
