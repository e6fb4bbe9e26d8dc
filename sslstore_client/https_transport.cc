#include "sslstore_client/https_transport.h"

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "sslstore_client/base_url.h"
#include "sslstore_client/tls_setup.h"
#include "sslstore_client/transport_call.h"

namespace sslstore::client::internal {
namespace {

thread_local bool tl_on_transport_thread = false;

}  // namespace

// The io_context, its threads and the TLS context; everything the calls
// share is in `shared_`.
class HttpsTransport::Impl {
 public:
  Impl(const ClientOptions& options, SessionConfig config)
      : ioc_(std::max(1, options.io_threads)),
        shared_(options, std::move(config), ioc_, tls_) {}

  absl::Status Init() {
    if (absl::Status s =
            ConfigureTlsContext(tls_.native_handle(), shared_.options.ca_file);
        !s.ok()) {
      return s;
    }
    work_.emplace(net::make_work_guard(ioc_));
    const int threads = std::max(1, shared_.options.io_threads);
    for (int i = 0; i < threads; ++i) {
      threads_.emplace_back([this] {
        tl_on_transport_thread = true;
        ioc_.run();
      });
    }
    return absl::OkStatus();
  }

  CallHandle Execute(HttpRequest request, BodyHandler on_body,
                     DoneCallback done) {
    auto call = std::make_shared<TransportCall>(
        shared_, std::move(request), std::move(on_body), std::move(done));
    shared_.calls.Add(call);
    call->Start();
    return CallHandle(call);
  }

  ClientStats Stats() const {
    ClientStats s;
    shared_.pool.FillStats(&s);
    s.active_calls = shared_.calls.size();
    s.attempts = shared_.attempts.load(std::memory_order_relaxed);
    s.retries = shared_.retries.load(std::memory_order_relaxed);
    return s;
  }

  // True on one of this transport's threads.
  bool IsOwnThread() const {
    const std::thread::id self = std::this_thread::get_id();
    for (const std::thread& t : threads_) {
      if (t.get_id() == self) return true;
    }
    return false;
  }

  void Shutdown() {
    shared_.calls.CancelAllAndWait();
    work_.reset();
    ioc_.stop();
    for (std::thread& t : threads_) t.join();
    shared_.pool.Clear();
  }

 private:
  net::ssl::context tls_{net::ssl::context::tls_client};
  net::io_context ioc_;
  TransportShared shared_;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work_;
  std::vector<std::thread> threads_;
};

HttpsTransport::HttpsTransport(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

HttpsTransport::~HttpsTransport() {
  if (impl_->IsOwnThread()) {
    // The last holder let go inside one of this transport's callbacks (for
    // example a stream whose connection a reload removed). A thread cannot
    // wait for itself: a thread of its own stops the transport once the
    // callback has returned.
    std::thread([impl = std::move(impl_)] { impl->Shutdown(); }).detach();
    return;
  }
  impl_->Shutdown();
}

absl::StatusOr<std::unique_ptr<HttpsTransport>> HttpsTransport::Create(
    const ClientOptions& options) {
  absl::StatusOr<SessionConfig> config =
      MakeSessionConfig(options, ProxyEnvironment::FromProcess());
  if (!config.ok()) return config.status();
  if (options.max_connections_per_host < 1 || options.io_threads < 1 ||
      options.max_response_bytes < 1 ||
      options.connect_timeout <= absl::ZeroDuration() ||
      options.request_timeout <= absl::ZeroDuration() ||
      options.order_request_timeout <= absl::ZeroDuration() ||
      options.total_timeout <= absl::ZeroDuration() ||
      options.retry.max_retries < 0) {
    return absl::InvalidArgumentError(
        "connections, threads, response limit and timeouts must be positive");
  }
  auto impl = std::make_unique<Impl>(options, *std::move(config));
  if (absl::Status s = impl->Init(); !s.ok()) return s;
  return std::unique_ptr<HttpsTransport>(new HttpsTransport(std::move(impl)));
}

CallHandle HttpsTransport::Execute(HttpRequest request, BodyHandler on_body,
                                   DoneCallback done) {
  return impl_->Execute(std::move(request), std::move(on_body),
                        std::move(done));
}

ClientStats HttpsTransport::Stats() const { return impl_->Stats(); }

bool HttpsTransport::OnTransportThread() { return tl_on_transport_thread; }

}  // namespace sslstore::client::internal
