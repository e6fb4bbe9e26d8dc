// sslstore-sim-bench: measures how many /rest/order/status requests per
// second the simulator answers over HTTPS (keep-alive connections, no
// injected latency).
//
//   sslstore-sim-bench [--connections 16] [--seconds 5] [--orders 1000]
//                      [--server-threads 2] [--client-threads 1]
//                      [--endpoint order/status|order/download|order/query]
//
// Starts an in-process simulator on 127.0.0.1 port 0, seeds orders, and
// drives it from `connections` concurrent keep-alive TLS connections.
#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tools/sslstore-sim/simulator.h"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Stats {
  std::mutex mu;
  std::vector<double> latencies_ms;
  int64_t ok = 0;
  int64_t errors = 0;
};

// One keep-alive connection issuing requests back to back until `stop`.
class Worker : public std::enable_shared_from_this<Worker> {
 public:
  Worker(net::io_context& ioc, ssl::context& ctx, uint16_t port,
         std::string target, std::vector<std::string> bodies, Stats* stats,
         Clock::time_point stop)
      : stream_(net::make_strand(ioc), ctx),
        port_(port),
        target_(std::move(target)),
        bodies_(std::move(bodies)),
        stats_(stats),
        stop_(stop) {}

  void Start() {
    SSL_set_tlsext_host_name(stream_.native_handle(), "localhost");
    stream_.set_verify_callback(ssl::host_name_verification("localhost"));
    beast::get_lowest_layer(stream_).async_connect(
        tcp::endpoint(net::ip::make_address("127.0.0.1"), port_),
        [self = shared_from_this()](beast::error_code ec) {
          if (ec) return self->Fail();
          self->stream_.async_handshake(ssl::stream_base::client,
                                        [self](beast::error_code ec2) {
                                          if (ec2) return self->Fail();
                                          self->Send();
                                        });
        });
  }

 private:
  void Send() {
    if (Clock::now() >= stop_) return;
    req_ = {};
    req_.method(http::verb::post);
    req_.target(target_);
    req_.version(11);
    req_.set(http::field::host, "localhost");
    req_.set(http::field::content_type, "application/json");
    req_.keep_alive(true);
    req_.body() = bodies_[next_++ % bodies_.size()];
    req_.prepare_payload();
    started_ = Clock::now();
    http::async_write(
        stream_, req_,
        [self = shared_from_this()](beast::error_code ec, size_t) {
          if (ec) return self->Fail();
          self->res_ = {};
          http::async_read(
              self->stream_, self->buffer_, self->res_,
              [self](beast::error_code ec2, size_t) { self->OnRead(ec2); });
        });
  }

  void OnRead(beast::error_code ec) {
    if (ec) return Fail();
    const double ms =
        std::chrono::duration<double, std::milli>(Clock::now() - started_)
            .count();
    const bool good =
        res_.result_int() == 200 &&
        res_.body().find("\"isError\":false") != std::string::npos;
    {
      std::lock_guard<std::mutex> lock(stats_->mu);
      stats_->latencies_ms.push_back(ms);
      if (good) {
        ++stats_->ok;
      } else {
        ++stats_->errors;
      }
    }
    Send();
  }

  void Fail() {
    std::lock_guard<std::mutex> lock(stats_->mu);
    ++stats_->errors;
  }

  beast::ssl_stream<beast::tcp_stream> stream_;
  uint16_t port_;
  std::string target_;
  std::vector<std::string> bodies_;
  Stats* stats_;
  Clock::time_point stop_;
  size_t next_ = 0;
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;
  http::response<http::string_body> res_;
  Clock::time_point started_;
};

int64_t IntFlag(const std::map<std::string, std::string>& flags,
                const std::string& name, int64_t def) {
  auto it = flags.find(name);
  int64_t v = def;
  if (it != flags.end() && !absl::SimpleAtoi(it->second, &v)) {
    std::cerr << "bad --" << name << "\n";
    std::exit(2);
  }
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> flags;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string name = argv[i];
    if (name.rfind("--", 0) != 0) {
      std::cerr << "usage: sslstore-sim-bench [--connections N] [--seconds N] "
                   "[--orders N] [--server-threads N] [--client-threads N] "
                   "[--endpoint order/status]\n";
      return 2;
    }
    flags[name.substr(2)] = argv[i + 1];
  }
  const int connections = static_cast<int>(IntFlag(flags, "connections", 16));
  const int seconds = static_cast<int>(IntFlag(flags, "seconds", 5));
  const int orders = static_cast<int>(IntFlag(flags, "orders", 1000));
  const int server_threads =
      static_cast<int>(IntFlag(flags, "server-threads", 2));
  const int client_threads =
      static_cast<int>(IntFlag(flags, "client-threads", 1));
  const std::string endpoint =
      flags.count("endpoint") ? flags["endpoint"] : "order/status";

  sslstore_sim::SimulatorOptions options;
  options.threads = server_threads;
  options.enable_admin = false;
  auto sim = sslstore_sim::Simulator::Start(options);
  if (!sim.ok()) {
    std::cerr << "cannot start the simulator: " << sim.status() << "\n";
    return 1;
  }
  auto ids = (*sim)->SeedOrders(std::max(1, orders), 8, 1, 1);
  if (!ids.ok()) {
    std::cerr << "seeding failed: " << ids.status() << "\n";
    return 1;
  }
  std::vector<std::string> bodies;
  for (int64_t id : *ids) {
    if (endpoint == "order/query") {
      bodies.emplace_back(
          R"({"AuthRequest":{"PartnerCode":"SIMPARTNER","AuthToken":"sim-token"},"PageNumber":1,"PageSize":100})");
      break;
    }
    bodies.push_back(absl::StrCat(
        R"({"AuthRequest":{"PartnerCode":"SIMPARTNER","AuthToken":"sim-token"},"TheSSLStoreOrderID":")",
        id, "\"}"));
  }
  if (endpoint == "order/download") {
    // Only orders with a certificate download successfully.
    bodies.clear();
    for (const auto& o : (*sim)->GroundTruth()) {
      if (o.certificate_pem.empty()) continue;
      bodies.push_back(absl::StrCat(
          R"({"AuthRequest":{"PartnerCode":"SIMPARTNER","AuthToken":"sim-token"},"TheSSLStoreOrderID":")",
          o.id, "\"}"));
    }
  }

  ssl::context ctx(ssl::context::tls_client);
  ctx.load_verify_file((*sim)->ca_file());
  ctx.set_verify_mode(ssl::verify_peer);
  net::io_context ioc;
  Stats stats;
  const auto start = Clock::now();
  const auto stop = start + std::chrono::seconds(seconds);
  for (int i = 0; i < connections; ++i) {
    std::vector<std::string> mine;
    for (size_t j = i; j < bodies.size(); j += connections)
      mine.push_back(bodies[j]);
    if (mine.empty()) mine.push_back(bodies[i % bodies.size()]);
    std::make_shared<Worker>(ioc, ctx, (*sim)->port(), "/rest/" + endpoint,
                             std::move(mine), &stats, stop)
        ->Start();
  }
  std::vector<std::thread> threads;
  for (int i = 0; i < std::max(1, client_threads); ++i) {
    threads.emplace_back([&ioc] { ioc.run(); });
  }
  for (std::thread& t : threads) t.join();
  const double elapsed =
      std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(stats.latencies_ms.begin(), stats.latencies_ms.end());
  auto pct = [&stats](double p) {
    if (stats.latencies_ms.empty()) return 0.0;
    size_t idx = static_cast<size_t>(p * (stats.latencies_ms.size() - 1));
    return stats.latencies_ms[idx];
  };
  std::printf(
      "endpoint=%s connections=%d server_threads=%d client_threads=%d "
      "seconds=%.2f\n"
      "ok=%lld errors=%lld rate=%.0f req/s p50=%.2fms p99=%.2fms max=%.2fms\n",
      endpoint.c_str(), connections, server_threads, client_threads, elapsed,
      static_cast<long long>(stats.ok), static_cast<long long>(stats.errors),
      stats.ok / elapsed, pct(0.5), pct(0.99),
      stats.latencies_ms.empty() ? 0.0 : stats.latencies_ms.back());
  return stats.errors == 0 ? 0 : 1;
}
