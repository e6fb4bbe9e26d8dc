#include "sslstore_client/base_url.h"

#include <arpa/inet.h>

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace sslstore::client {
namespace {

bool IsIpLiteral(const std::string& host) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

absl::Status Invalid(absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("invalid base URL: ", why));
}

}  // namespace

absl::StatusOr<HostPort> ParseHostPort(absl::string_view authority,
                                       uint16_t default_port) {
  HostPort out;
  out.port = default_port;
  absl::string_view port_text;
  if (absl::ConsumePrefix(&authority, "[")) {
    size_t close = authority.find(']');
    if (close == absl::string_view::npos) {
      return absl::InvalidArgumentError("unclosed '['");
    }
    out.host = std::string(authority.substr(0, close));
    absl::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (!absl::ConsumePrefix(&rest, ":")) {
        return absl::InvalidArgumentError("junk after ']'");
      }
      port_text = rest;
    }
  } else {
    size_t colon = authority.rfind(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != absl::string_view::npos) {
      port_text = authority.substr(colon + 1);
    }
  }
  if (out.host.empty()) return absl::InvalidArgumentError("no host");
  for (char c : out.host) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '.' && c != ':' && c != '_') {
      return absl::InvalidArgumentError("bad character in host");
    }
  }
  if (!port_text.empty() || absl::EndsWith(authority, ":")) {
    uint32_t port = 0;
    if (!absl::SimpleAtoi(port_text, &port) || port == 0 || port > 65535) {
      return absl::InvalidArgumentError("bad port");
    }
    out.port = static_cast<uint16_t>(port);
  }
  out.host_is_ip = IsIpLiteral(out.host);
  return out;
}

std::string BaseUrl::Target(absl::string_view api_path) const {
  return absl::StrCat(path_prefix, api_path);
}

std::string BaseUrl::HostHeader() const {
  std::string name =
      absl::StrContains(host, ':') ? absl::StrCat("[", host, "]") : host;
  return port == 443 ? name : absl::StrCat(name, ":", port);
}

absl::StatusOr<BaseUrl> ParseBaseUrl(absl::string_view url) {
  url = absl::StripAsciiWhitespace(url);
  if (url.size() < 8 || !absl::EqualsIgnoreCase(url.substr(0, 8), "https://")) {
    return Invalid("it must start with https://");
  }
  url.remove_prefix(8);
  if (url.find_first_of("?#") != absl::string_view::npos) {
    return Invalid("query strings and fragments are not allowed");
  }
  size_t slash = url.find('/');
  absl::string_view authority = url.substr(0, slash);
  absl::string_view path =
      slash == absl::string_view::npos ? "" : url.substr(slash);
  if (absl::StrContains(authority, '@')) {
    return Invalid("user information is not allowed");
  }
  absl::StatusOr<HostPort> host_port = ParseHostPort(authority, 443);
  if (!host_port.ok()) return Invalid(host_port.status().message());
  BaseUrl out;
  out.host = std::move(host_port->host);
  out.port = host_port->port;
  out.host_is_ip = host_port->host_is_ip;
  while (absl::ConsumeSuffix(&path, "/")) {
  }
  if (path.size() >= 5 &&
      absl::EqualsIgnoreCase(path.substr(path.size() - 5), "/rest")) {
    path.remove_suffix(5);
  }
  out.path_prefix = std::string(path);
  return out;
}

}  // namespace sslstore::client
