#ifndef SERVICE_CONFIG_CONNECTION_VALIDATION_H_
#define SERVICE_CONFIG_CONNECTION_VALIDATION_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "catalog/parameter_validation.h"
#include "service/config/connection_settings.h"
#include "sslstore/connector/v1/connection.pb.h"

namespace sslstore::service {

// True when `url` is an https:// URL with a host name.
bool IsHttpsUrlWithHost(absl::string_view url);

// Checks an inline connection configuration and reports every problem at
// once, each naming its field ("sslstore_url", "partner_code", ...). Checks
// only the values; whether the credentials work is asked of SSL Store.
std::vector<catalog::FieldViolation> ValidateConnectionConfig(
    const sslstore::connector::v1::ConnectionConfig& config);

// Settings for a valid inline configuration (defaults applied: page size
// 100, enabled, renewal window 30 days). Call only when
// ValidateConnectionConfig found no problem.
ConnectionSettings SettingsFromInlineConfig(
    const sslstore::connector::v1::ConnectionConfig& config);

}  // namespace sslstore::service

#endif  // SERVICE_CONFIG_CONNECTION_VALIDATION_H_
