#include "service/observability/metrics.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/observability/http_get.h"
#include "version/version.h"

namespace sslstore::service::observability {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

client::UpstreamCallEvent Event(const std::string& endpoint,
                                client::UpstreamOutcome outcome, int attempt) {
  client::UpstreamCallEvent event;
  event.endpoint = endpoint;
  event.outcome = outcome;
  event.attempt = attempt;
  event.duration = absl::Milliseconds(20);
  return event;
}

TEST(MetricsTest, CountsRpcsByMethodAndCode) {
  Metrics metrics;
  metrics.RecordRpc("pkg.Svc", "Ping", "OK", absl::Milliseconds(3));
  metrics.RecordRpc("pkg.Svc", "Ping", "OK", absl::Milliseconds(4));
  metrics.RecordRpc("pkg.Svc", "Enroll", "INVALID_ARGUMENT",
                    absl::Milliseconds(2));
  const std::string text = metrics.ScrapeText();
  EXPECT_THAT(text, HasSubstr("sslstore_rpc_requests_total{code=\"OK\",method="
                              "\"Ping\",service=\"pkg.Svc\"} 2"));
  EXPECT_THAT(text, HasSubstr("sslstore_rpc_requests_total{code=\"INVALID_"
                              "ARGUMENT\",method=\"Enroll\",service=\"pkg."
                              "Svc\"} 1"));
  EXPECT_THAT(text, HasSubstr("sslstore_rpc_duration_seconds_count{code="
                              "\"OK\",method=\"Ping\",service=\"pkg.Svc\"} 2"));
  EXPECT_THAT(text, HasSubstr("sslstore_rpc_duration_seconds_bucket{code="
                              "\"OK\",method=\"Ping\",service=\"pkg.Svc\","
                              "le=\"0.005\"} 2"));
}

TEST(MetricsTest, CountsUpstreamAttemptsAndRetries) {
  Metrics metrics;
  metrics.RecordUpstreamCall(
      Event("/rest/order/status", client::UpstreamOutcome::kHttp5xx, 1));
  metrics.RecordUpstreamCall(
      Event("/rest/order/status", client::UpstreamOutcome::kHttp5xx, 2));
  metrics.RecordUpstreamCall(
      Event("/rest/order/status", client::UpstreamOutcome::kOk, 3));
  metrics.RecordUpstreamCall(
      Event("/rest/health/validate", client::UpstreamOutcome::kAuthError, 1));
  const std::string text = metrics.ScrapeText();
  EXPECT_THAT(text, HasSubstr("sslstore_upstream_calls_total{endpoint=\"/rest/"
                              "order/status\",outcome=\"http_5xx\"} 2"));
  EXPECT_THAT(text, HasSubstr("sslstore_upstream_calls_total{endpoint=\"/rest/"
                              "order/status\",outcome=\"ok\"} 1"));
  EXPECT_THAT(text, HasSubstr("sslstore_upstream_calls_total{endpoint=\"/rest/"
                              "health/validate\",outcome=\"auth_error\"} 1"));
  EXPECT_THAT(text, HasSubstr("sslstore_upstream_retries_total{endpoint=\"/"
                              "rest/order/status\"} 2"));
  EXPECT_THAT(text, Not(HasSubstr("sslstore_upstream_retries_total{endpoint="
                                  "\"/rest/health/validate\"}")));
  EXPECT_THAT(text, HasSubstr("sslstore_upstream_call_duration_seconds_count{"
                              "endpoint=\"/rest/order/status\"} 3"));
}

TEST(MetricsTest, SyncProgress) {
  Metrics metrics;
  SyncProgress& progress = metrics;
  progress.SyncStarted();
  progress.SyncStarted();
  progress.SyncEnded();
  for (int i = 0; i < 5; ++i) progress.Count(SyncEvent::kOrderProcessed);
  for (int i = 0; i < 3; ++i) progress.Count(SyncEvent::kRecordEmitted);
  progress.Count(SyncEvent::kOrderSkipped);
  progress.Count(SyncEvent::kOrderFailed);
  progress.Count(SyncEvent::kOrderUnchanged);
  const std::string text = metrics.ScrapeText();
  EXPECT_THAT(text, HasSubstr("\nsslstore_syncs_running 1\n"));
  EXPECT_THAT(text, HasSubstr("\nsslstore_syncs_started_total 2\n"));
  EXPECT_THAT(text, HasSubstr("\nsslstore_sync_orders_processed_total 5\n"));
  EXPECT_THAT(text, HasSubstr("\nsslstore_sync_records_emitted_total 3\n"));
  EXPECT_THAT(text, HasSubstr("\nsslstore_sync_orders_skipped_total 1\n"));
  EXPECT_THAT(text, HasSubstr("\nsslstore_sync_orders_failed_total 1\n"));
  EXPECT_THAT(text, HasSubstr("\nsslstore_sync_orders_unchanged_total 1\n"));
}

TEST(MetricsTest, ServesTheTextFormatOverHttp) {
  Metrics metrics;
  EXPECT_EQ(metrics.port(), 0);
  ASSERT_TRUE(metrics.Serve("127.0.0.1:0").ok());
  ASSERT_GT(metrics.port(), 0);
  metrics.RecordRpc("pkg.Svc", "Ping", "OK", absl::Milliseconds(1));
  absl::StatusOr<std::string> response =
      testing::HttpGet(metrics.port(), "/metrics");
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_THAT(*response, HasSubstr(" 200 "));
  EXPECT_THAT(testing::HttpBody(*response),
              HasSubstr("sslstore_rpc_requests_total{code=\"OK\",method="
                        "\"Ping\",service=\"pkg.Svc\"} 1"));
  EXPECT_EQ(metrics.Serve("127.0.0.1:0").code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(MetricsTest, BearerTokenProtectsTheEndpoint) {
  Metrics protected_metrics;
  ASSERT_TRUE(protected_metrics.Serve("127.0.0.1:0", "scrape-token-42").ok());
  Metrics open_metrics;
  ASSERT_TRUE(open_metrics.Serve("127.0.0.1:0").ok());
  protected_metrics.RecordRpc("pkg.Svc", "Ping", "OK", absl::Milliseconds(1));
  for (const std::string headers :
       {"", "Authorization: Bearer wrong-token\r\n",
        "Authorization: Basic c2NyYXBlLXRva2VuLTQy\r\n",
        "Authorization: Bearer \r\n"}) {
    absl::StatusOr<std::string> refused =
        testing::HttpGet(protected_metrics.port(), "/metrics", headers);
    ASSERT_TRUE(refused.ok()) << refused.status();
    EXPECT_THAT(*refused, HasSubstr(" 401 ")) << headers;
    EXPECT_THAT(*refused, HasSubstr("WWW-Authenticate: Bearer"));
    EXPECT_THAT(*refused, Not(HasSubstr("sslstore_rpc_requests_total")));
    EXPECT_THAT(*refused, Not(HasSubstr("scrape-token-42")));
  }
  for (const std::string scheme : {"Bearer", "bearer"}) {
    absl::StatusOr<std::string> allowed = testing::HttpGet(
        protected_metrics.port(), "/metrics",
        absl::StrCat("Authorization: ", scheme, " scrape-token-42\r\n"));
    ASSERT_TRUE(allowed.ok()) << allowed.status();
    EXPECT_THAT(*allowed, HasSubstr(" 200 "));
    EXPECT_THAT(testing::HttpBody(*allowed),
                HasSubstr("sslstore_rpc_requests_total"));
  }
  // An endpoint without a token stays open beside a protected one.
  absl::StatusOr<std::string> open =
      testing::HttpGet(open_metrics.port(), "/metrics");
  ASSERT_TRUE(open.ok()) << open.status();
  EXPECT_THAT(*open, HasSubstr(" 200 "));
}

TEST(MetricsTest, ServesBuildInfoWithTheBuildVersion) {
  Metrics metrics;
  ASSERT_TRUE(metrics.Serve("127.0.0.1:0").ok());
  absl::StatusOr<std::string> response =
      testing::HttpGet(metrics.port(), "/metrics");
  ASSERT_TRUE(response.ok()) << response.status();
  // The CMake project version, then "+<git describe>" when known.
  ASSERT_TRUE(absl::StartsWith(version::VersionString(),
                               SSLSTORE_EXPECTED_PROJECT_VERSION));
  EXPECT_THAT(testing::HttpBody(*response),
              HasSubstr(absl::StrCat("sslstore_build_info{version=\"",
                                     version::VersionString(), "\"} 1")));
}

TEST(MetricsTest, ServeFailsWithoutThrowingWhenThePortIsTaken) {
  // Hold a listening socket on a free port, then ask for that port.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)),
            0);
  ASSERT_EQ(::listen(fd, 1), 0);
  socklen_t length = sizeof(address);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length),
            0);
  const int taken = ntohs(address.sin_port);
  Metrics metrics;
  absl::Status status = metrics.Serve(absl::StrCat("127.0.0.1:", taken));
  ::close(fd);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(status.message(), HasSubstr("metrics: cannot listen on"));
  EXPECT_EQ(metrics.port(), 0);
}

}  // namespace
}  // namespace sslstore::service::observability
