#include "sslstore_client/connection_pool.h"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <utility>

#include "absl/time/clock.h"

namespace sslstore::client::internal {
namespace {

// True when an idle connection can carry another request: not idle too
// long, and the peer has neither closed it nor sent anything unasked.
bool StillUsable(HttpsConnection& conn, absl::Time now,
                 absl::Duration idle_timeout) {
  if (now - conn.idle_since > idle_timeout) return false;
  TcpSocket& socket = conn.stream.next_layer();
  if (!socket.is_open()) return false;
  char byte;
  ssize_t n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

}  // namespace

ConnectionPool::ConnectionPool(net::io_context& ioc, net::ssl::context& tls,
                               int max_connections, absl::Duration idle_timeout)
    : ioc_(ioc),
      tls_(tls),
      max_connections_(std::max(1, max_connections)),
      idle_timeout_(idle_timeout) {}

std::shared_ptr<HttpsConnection> ConnectionPool::Acquire(const void* key,
                                                         Grant grant) {
  const absl::Time now = absl::Now();
  std::vector<std::shared_ptr<HttpsConnection>> stale;
  {
    std::lock_guard<std::mutex> lock(mu_);
    while (!idle_.empty()) {
      std::shared_ptr<HttpsConnection> candidate = std::move(idle_.back());
      idle_.pop_back();
      if (StillUsable(*candidate, now, idle_timeout_)) return candidate;
      --open_;
      stale.push_back(std::move(candidate));
    }
    if (open_ >= max_connections_) {
      waiters_.push_back(Waiter{key, std::move(grant)});
      return nullptr;
    }
    CountNewLocked();
  }
  return NewConnection();  // `stale` ones close here, outside the lock.
}

void ConnectionPool::Release(std::shared_ptr<HttpsConnection> conn,
                             bool reusable) {
  std::optional<Waiter> waiter;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!reusable) --open_;
    waiter = PopWaiterLocked(/*needs_new_slot=*/!reusable);
    if (reusable && !waiter.has_value()) {
      conn->idle_since = absl::Now();
      idle_.push_back(std::move(conn));
      return;
    }
  }
  if (!reusable) conn.reset();
  if (!waiter.has_value()) return;
  if (conn == nullptr) conn = NewConnection();
  std::move(waiter->grant)(std::move(conn));
}

bool ConnectionPool::CancelWait(const void* key) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = waiters_.begin(); it != waiters_.end(); ++it) {
    if (it->key == key) {
      waiters_.erase(it);
      return true;
    }
  }
  return false;
}

void ConnectionPool::FillStats(ClientStats* stats) const {
  std::lock_guard<std::mutex> lock(mu_);
  stats->open_connections = open_;
  stats->idle_connections = static_cast<int>(idle_.size());
  stats->waiting_calls = static_cast<int>(waiters_.size());
  stats->connections_opened = opened_;
}

void ConnectionPool::Clear() {
  std::vector<std::shared_ptr<HttpsConnection>> idle;
  std::deque<Waiter> waiters;
  {
    std::lock_guard<std::mutex> lock(mu_);
    idle.swap(idle_);
    waiters.swap(waiters_);
    open_ -= static_cast<int>(idle.size());
  }
}

std::optional<ConnectionPool::Waiter> ConnectionPool::PopWaiterLocked(
    bool needs_new_slot) {
  if (waiters_.empty()) return std::nullopt;
  if (needs_new_slot) {
    if (open_ >= max_connections_) return std::nullopt;
    CountNewLocked();
  }
  Waiter waiter = std::move(waiters_.front());
  waiters_.pop_front();
  return waiter;
}

void ConnectionPool::CountNewLocked() {
  ++open_;
  ++opened_;
}

std::shared_ptr<HttpsConnection> ConnectionPool::NewConnection() {
  return std::make_shared<HttpsConnection>(ioc_, tls_);
}

}  // namespace sslstore::client::internal
