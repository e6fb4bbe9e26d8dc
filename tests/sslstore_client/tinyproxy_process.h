// A real HTTP proxy for tests: Debian's tinyproxy, started on 127.0.0.1 in
// the foreground, its log read from a pipe.
#ifndef TESTS_SSLSTORE_CLIENT_TINYPROXY_PROCESS_H_
#define TESTS_SSLSTORE_CLIENT_TINYPROXY_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace sslstore::client::testing {

// How to configure the proxy.
struct TinyproxyOptions {
  // BasicAuth user and password; no authentication when `user` is empty.
  std::string user;
  std::string password;
  // The only port CONNECT may reach; 0 allows every port.
  uint16_t connect_port = 0;
};

// One tinyproxy process. tinyproxy cannot listen on port 0, so the port is
// one the kernel just chose for a socket of ours (closed before the proxy
// binds it); if another process takes it first, Start tries a fresh one.
class TinyproxyProcess {
 public:
  // Starts the proxy and waits until its log says it accepts connections;
  // null (with the reason in `error`) when it cannot start.
  static std::unique_ptr<TinyproxyProcess> Start(
      const TinyproxyOptions& options, std::string* error);

  // Stops the proxy (SIGTERM) and reaps it.
  ~TinyproxyProcess();

  // The port it listens on (127.0.0.1).
  uint16_t port() const { return port_; }

  // Waits up to `timeout` until the proxy's log contains `text`.
  bool WaitForLog(const std::string& text, absl::Duration timeout);

  // The log so far.
  std::string Log();

 private:
  TinyproxyProcess(pid_t pid, int log_fd, uint16_t port);
  void DrainLog();

  const pid_t pid_;
  const int log_fd_;
  const uint16_t port_;
  absl::Mutex mutex_;
  std::string log_ ABSL_GUARDED_BY(mutex_);
  bool log_closed_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread drain_;
};

// A TCP port on 127.0.0.1 where nothing listens: a socket bound but never
// listening, so connecting to it is refused. Closed when destroyed.
class RefusingPort {
 public:
  RefusingPort();
  ~RefusingPort();
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;

  uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  uint16_t port_ = 0;
};

}  // namespace sslstore::client::testing

#endif  // TESTS_SSLSTORE_CLIENT_TINYPROXY_PROCESS_H_
