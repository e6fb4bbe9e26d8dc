#include "sslstore_client/proxy.h"

#include <cstdlib>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace sslstore::client {
namespace {

constexpr uint16_t kDefaultProxyPort = 1080;

absl::Status Invalid(absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("invalid proxy URL: ", why));
}

// Decodes %XX escapes (user information may be escaped); nullopt on a
// malformed escape.
std::optional<std::string> PercentDecode(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    int value = 0;
    if (i + 2 >= text.size()) return std::nullopt;
    if (!absl::SimpleHexAtoi(text.substr(i + 1, 2), &value)) {
      return std::nullopt;
    }
    out.push_back(static_cast<char>(value));
    i += 2;
  }
  return out;
}

const char* FirstSet(const char* lower, const char* upper) {
  const char* value = std::getenv(lower);
  if (value == nullptr || *value == '\0') value = std::getenv(upper);
  return value == nullptr ? "" : value;
}

bool SameHost(absl::string_view a, absl::string_view b) {
  return absl::EqualsIgnoreCase(a, b);
}

// localhost, 127.0.0.0/8 and ::1.
bool IsLoopback(const HostPort& target) {
  if (!target.host_is_ip) {
    return SameHost(target.host, "localhost") ||
           absl::EndsWithIgnoreCase(target.host, ".localhost");
  }
  return absl::StartsWith(target.host, "127.") || target.host == "::1";
}

}  // namespace

std::string ProxyServer::Name() const {
  return absl::StrContains(address.host, ':')
             ? absl::StrCat("[", address.host, "]:", address.port)
             : absl::StrCat(address.host, ":", address.port);
}

ProxyEnvironment ProxyEnvironment::FromProcess() {
  ProxyEnvironment environment;
  environment.https_proxy = FirstSet("https_proxy", "HTTPS_PROXY");
  environment.no_proxy = FirstSet("no_proxy", "NO_PROXY");
  return environment;
}

absl::StatusOr<ProxyServer> ParseProxyUrl(absl::string_view url,
                                          bool allow_password) {
  url = absl::StripAsciiWhitespace(url);
  if (!absl::ConsumePrefix(&url, "http://") &&
      !absl::ConsumePrefix(&url, "HTTP://")) {
    return Invalid(
        "it must start with http:// (the tunnel's TLS is end to end; the "
        "proxy itself is reached in plain HTTP)");
  }
  while (absl::ConsumeSuffix(&url, "/")) {
  }
  if (url.find_first_of("/?#") != absl::string_view::npos) {
    return Invalid("a path, query or fragment is not allowed");
  }
  ProxyServer proxy;
  const size_t at = url.rfind('@');
  if (at != absl::string_view::npos) {
    absl::string_view user_info = url.substr(0, at);
    url.remove_prefix(at + 1);
    const size_t colon = user_info.find(':');
    if (colon != absl::string_view::npos && !allow_password) {
      return Invalid(
          "a password in the URL is not allowed; give it in a password "
          "file");
    }
    std::optional<std::string> user = PercentDecode(user_info.substr(0, colon));
    std::optional<std::string> password =
        colon == absl::string_view::npos
            ? std::string()
            : PercentDecode(user_info.substr(colon + 1));
    if (!user.has_value() || !password.has_value()) {
      return Invalid("bad %-escape in the user information");
    }
    if (user->empty()) return Invalid("empty user name before '@'");
    proxy.username = *std::move(user);
    proxy.password = *std::move(password);
  }
  absl::StatusOr<HostPort> address = ParseHostPort(url, kDefaultProxyPort);
  if (!address.ok()) return Invalid(address.status().message());
  proxy.address = *std::move(address);
  return proxy;
}

bool NoProxyExempts(absl::string_view no_proxy, const HostPort& target) {
  for (absl::string_view entry :
       absl::StrSplit(no_proxy, absl::ByAnyChar(", "), absl::SkipEmpty())) {
    if (entry == "*") return true;
    absl::ConsumePrefix(&entry, "*");
    absl::ConsumePrefix(&entry, ".");
    absl::StatusOr<HostPort> pattern = ParseHostPort(entry, 0);
    if (!pattern.ok()) continue;
    if (pattern->port != 0 && pattern->port != target.port) continue;
    const absl::string_view domain = pattern->host;
    if (SameHost(domain, target.host)) return true;
    if (!target.host_is_ip && target.host.size() > domain.size() &&
        absl::EndsWithIgnoreCase(target.host, domain) &&
        target.host[target.host.size() - domain.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

absl::StatusOr<std::optional<ProxyServer>> ChooseProxy(
    const ProxyOptions& options, const ProxyEnvironment& environment,
    const HostPort& target) {
  if (absl::EqualsIgnoreCase(options.url, "direct")) return std::nullopt;
  if (!options.url.empty()) {
    absl::StatusOr<ProxyServer> proxy =
        ParseProxyUrl(options.url, /*allow_password=*/false);
    if (!proxy.ok()) return proxy.status();
    proxy->password = options.password;
    return std::optional<ProxyServer>(*std::move(proxy));
  }
  if (environment.https_proxy.empty() || IsLoopback(target) ||
      NoProxyExempts(environment.no_proxy, target)) {
    return std::nullopt;
  }
  absl::StatusOr<ProxyServer> proxy =
      ParseProxyUrl(environment.https_proxy, /*allow_password=*/true);
  if (!proxy.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "environment variable https_proxy: ", proxy.status().message()));
  }
  return std::optional<ProxyServer>(*std::move(proxy));
}

std::string ConnectRequest(const ProxyServer& proxy, const HostPort& target) {
  const std::string authority =
      absl::StrContains(target.host, ':')
          ? absl::StrCat("[", target.host, "]:", target.port)
          : absl::StrCat(target.host, ":", target.port);
  std::string request = absl::StrCat("CONNECT ", authority,
                                     " HTTP/1.1\r\nHost: ", authority, "\r\n");
  if (!proxy.username.empty()) {
    absl::StrAppend(
        &request, "Proxy-Authorization: Basic ",
        absl::Base64Escape(absl::StrCat(proxy.username, ":", proxy.password)),
        "\r\n");
  }
  absl::StrAppend(&request, "\r\n");
  return request;
}

}  // namespace sslstore::client
