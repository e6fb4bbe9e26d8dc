#include "service/config/connection_validation.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace sslstore::service {
bool IsHttpsUrlWithHost(absl::string_view url) {
  if (!absl::StartsWithIgnoreCase(url, "https://")) return false;
  absl::string_view rest = url.substr(8);
  return !rest.empty() && rest.front() != '/' && rest.front() != ':' &&
         rest.find_first_of(" \t\r\n") == absl::string_view::npos;
}

std::vector<catalog::FieldViolation> ValidateConnectionConfig(
    const sslstore::connector::v1::ConnectionConfig& config) {
  std::vector<catalog::FieldViolation> problems;
  if (config.sslstore_url().empty()) {
    problems.push_back({"sslstore_url", "is required"});
  } else if (!IsHttpsUrlWithHost(config.sslstore_url())) {
    problems.push_back(
        {"sslstore_url",
         absl::StrCat("\"", config.sslstore_url(),
                      "\" is not an https:// URL with a host name")});
  }
  if (config.partner_code().empty()) {
    problems.push_back({"partner_code", "is required"});
  }
  if (config.auth_token().empty()) {
    problems.push_back({"auth_token", "is required"});
  }
  if (config.page_size() < 0 || config.page_size() > kMaxPageSize) {
    problems.push_back(
        {"page_size",
         absl::StrCat(config.page_size(), " is outside 1..", kMaxPageSize,
                      " (0 means the default, 100)")});
  }
  if (config.renewal_window_days() < 0 ||
      config.renewal_window_days() > kMaxRenewalWindowDays) {
    problems.push_back(
        {"renewal_window_days",
         absl::StrCat(config.renewal_window_days(), " is outside 0..",
                      kMaxRenewalWindowDays, " (0 means the default, 30)")});
  }
  return problems;
}

ConnectionSettings SettingsFromInlineConfig(
    const sslstore::connector::v1::ConnectionConfig& config) {
  ConnectionSettings settings;
  settings.name = "inline";
  settings.sslstore_url = config.sslstore_url();
  settings.partner_code = config.partner_code();
  settings.auth_token = Secret(config.auth_token());
  if (config.page_size() > 0) settings.page_size = config.page_size();
  settings.enabled = !config.has_enabled() || config.enabled();
  if (config.renewal_window_days() > 0) {
    settings.renewal_window_days = config.renewal_window_days();
  }
  return settings;
}

}  // namespace sslstore::service
