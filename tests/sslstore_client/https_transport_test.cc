// The transport's own contracts, without a server.
#include "sslstore_client/https_transport.h"

#include <atomic>
#include <memory>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "sslstore_client/errors.h"

namespace sslstore::client::internal {
namespace {

std::unique_ptr<HttpsTransport> TransportWithNoTime() {
  ClientOptions options;
  options.base_url = "https://127.0.0.1:1";
  options.partner_code = "p";
  options.auth_token = "t";
  options.total_timeout = absl::Nanoseconds(1);
  absl::StatusOr<std::unique_ptr<HttpsTransport>> transport =
      HttpsTransport::Create(options);
  EXPECT_TRUE(transport.ok()) << transport.status();
  return *std::move(transport);
}

HttpRequest Status() {
  HttpRequest request;
  request.path = "/rest/order/status";
  request.body = "{}";
  request.idempotent = true;
  return request;
}

absl::Status NoBody(std::string&) { return absl::OkStatus(); }

// A call started from another call's callback starts on the spot; even when
// it fails at once, its callback must not run inside Execute (the caller
// may hold a lock that callback takes).
TEST(HttpsTransportTest, CallbackNeverRunsInsideExecute) {
  std::unique_ptr<HttpsTransport> transport = TransportWithNoTime();
  std::atomic<bool> execute_returned{false};
  std::atomic<bool> inner_saw_return{false};
  absl::Status inner_status;
  absl::Notification inner_done;
  transport->Execute(Status(), NoBody, [&](absl::Status outer) {
    EXPECT_TRUE(HttpsTransport::OnTransportThread());
    EXPECT_EQ(GetErrorInfo(outer)->kind, ErrorKind::kDeadline);
    transport->Execute(Status(), NoBody, [&](absl::Status inner) {
      inner_saw_return = execute_returned.load();
      inner_status = inner;
      inner_done.Notify();
    });
    execute_returned = true;
  });
  ASSERT_TRUE(inner_done.WaitForNotificationWithTimeout(absl::Seconds(30)));
  EXPECT_TRUE(inner_saw_return.load());
  EXPECT_EQ(GetErrorInfo(inner_status)->kind, ErrorKind::kDeadline);
}

}  // namespace
}  // namespace sslstore::client::internal
