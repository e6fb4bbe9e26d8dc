// ConnectionRegistry: the client options a connection's settings give.
#include "service/upstream/connection_registry.h"

#include <map>
#include <string>

#include "gtest/gtest.h"

namespace sslstore::service {
namespace {

ConnectionSettings Named(const std::string& name) {
  ConnectionSettings settings;
  settings.name = name;
  settings.sslstore_url = "https://wbapi.example";
  settings.partner_code = "P1";
  settings.auth_token = Secret("token");
  return settings;
}

client::ClientOptions Template() {
  client::ClientOptions options;
  options.ca_file = "/etc/upstream-ca.pem";
  options.connect_timeout = absl::Seconds(10);
  options.request_timeout = absl::Seconds(60);
  options.order_request_timeout = absl::Seconds(120);
  options.retry.max_retries = 5;
  return options;
}

TEST(ConnectionRegistryTest, TemplateServesAConnectionWithoutOverrides) {
  ConnectionRegistry registry({}, Template());
  client::ClientOptions options = registry.ClientOptionsFor(Named("plain"));
  EXPECT_EQ(options.base_url, "https://wbapi.example");
  EXPECT_EQ(options.partner_code, "P1");
  EXPECT_EQ(options.auth_token, "token");
  EXPECT_EQ(options.ca_file, "/etc/upstream-ca.pem");
  EXPECT_EQ(options.proxy.url, "");
  EXPECT_EQ(options.connect_timeout, absl::Seconds(10));
  EXPECT_EQ(options.request_timeout, absl::Seconds(60));
  EXPECT_EQ(options.order_request_timeout, absl::Seconds(120));
  EXPECT_EQ(options.retry.max_retries, 5);
}

TEST(ConnectionRegistryTest, ConnectionOverridesWin) {
  ConnectionSettings settings = Named("tuned");
  settings.ca_file = "/etc/own-ca.pem";
  settings.proxy_url = "http://svc@proxy:3128";
  settings.proxy_password = Secret("proxy-pw");
  settings.connect_timeout = absl::Seconds(3);
  settings.call_timeout = absl::Seconds(20);
  settings.order_call_timeout = absl::Seconds(90);
  settings.retry_attempts = 0;
  ConnectionRegistry registry({}, Template());
  client::ClientOptions options = registry.ClientOptionsFor(settings);
  EXPECT_EQ(options.ca_file, "/etc/own-ca.pem");
  EXPECT_EQ(options.proxy.url, "http://svc@proxy:3128");
  EXPECT_EQ(options.proxy.password, "proxy-pw");
  EXPECT_EQ(options.connect_timeout, absl::Seconds(3));
  EXPECT_EQ(options.request_timeout, absl::Seconds(20));
  EXPECT_EQ(options.order_request_timeout, absl::Seconds(90));
  EXPECT_EQ(options.retry.max_retries, 0);
}

}  // namespace
}  // namespace sslstore::service
