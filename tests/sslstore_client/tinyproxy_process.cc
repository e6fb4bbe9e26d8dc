#include "tests/sslstore_client/tinyproxy_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace sslstore::client::testing {
namespace {

constexpr char kReady[] = "Accepting connections";

// A socket bound to 127.0.0.1:0; -1 on failure.
int BoundLoopbackSocket(uint16_t* port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(fd);
    return -1;
  }
  *port = ntohs(address.sin_port);
  return fd;
}

std::string ConfigText(const TinyproxyOptions& options, uint16_t port) {
  std::string text = absl::StrCat("Port ", port,
                                  "\nListen 127.0.0.1\nTimeout 30\n"
                                  "LogLevel Info\nMaxClients 64\n");
  if (!options.user.empty()) {
    absl::StrAppend(&text, "BasicAuth ", options.user, " ", options.password,
                    "\n");
  }
  if (options.connect_port != 0) {
    absl::StrAppend(&text, "ConnectPort ", options.connect_port, "\n");
  }
  return text;
}

// Forks tinyproxy with `config`; its stdout and stderr go to `*log_fd`.
pid_t Spawn(const std::string& config, int* log_fd) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return -1;
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    dup2(pipe_fds[1], STDERR_FILENO);
    execlp("tinyproxy", "tinyproxy", "-d", "-c", config.c_str(), nullptr);
    _exit(127);
  }
  close(pipe_fds[1]);
  if (pid < 0) {
    close(pipe_fds[0]);
    return -1;
  }
  *log_fd = pipe_fds[0];
  return pid;
}

// Reads the log until the proxy is ready (true) or the pipe closes.
bool ReadUntilReady(int fd, std::string* log) {
  char buffer[4096];
  while (!absl::StrContains(*log, kReady)) {
    const ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    log->append(buffer, static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

std::unique_ptr<TinyproxyProcess> TinyproxyProcess::Start(
    const TinyproxyOptions& options, std::string* error) {
  char dir_template[] = "/tmp/tinyproxy-test-XXXXXX";
  const char* dir = mkdtemp(dir_template);
  if (dir == nullptr) {
    *error = "mkdtemp failed";
    return nullptr;
  }
  const std::string config = absl::StrCat(dir, "/tinyproxy.conf");
  for (int attempt = 0; attempt < 5; ++attempt) {
    uint16_t port = 0;
    const int probe = BoundLoopbackSocket(&port);
    if (probe < 0) {
      *error = "cannot bind 127.0.0.1:0";
      return nullptr;
    }
    close(probe);
    std::ofstream(config) << ConfigText(options, port);
    int log_fd = -1;
    const pid_t pid = Spawn(config, &log_fd);
    if (pid < 0) {
      *error = "cannot start tinyproxy";
      return nullptr;
    }
    std::string log;
    if (ReadUntilReady(log_fd, &log)) {
      auto process = std::unique_ptr<TinyproxyProcess>(
          new TinyproxyProcess(pid, log_fd, port));
      {
        absl::MutexLock lock(&process->mutex_);
        process->log_ = std::move(log);
      }
      process->drain_ = std::thread([p = process.get()] { p->DrainLog(); });
      return process;
    }
    close(log_fd);
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
    *error = absl::StrCat("tinyproxy did not start (is it installed?): ", log);
  }
  return nullptr;
}

TinyproxyProcess::TinyproxyProcess(pid_t pid, int log_fd, uint16_t port)
    : pid_(pid), log_fd_(log_fd), port_(port) {}

TinyproxyProcess::~TinyproxyProcess() {
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
  if (drain_.joinable()) drain_.join();
  close(log_fd_);
}

void TinyproxyProcess::DrainLog() {
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(log_fd_, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    absl::MutexLock lock(&mutex_);
    if (n <= 0) {
      log_closed_ = true;
      return;
    }
    log_.append(buffer, static_cast<size_t>(n));
  }
}

bool TinyproxyProcess::WaitForLog(const std::string& text,
                                  absl::Duration timeout) {
  absl::MutexLock lock(&mutex_);
  auto seen = [this, &text]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    return log_closed_ || absl::StrContains(log_, text);
  };
  mutex_.AwaitWithTimeout(absl::Condition(&seen), timeout);
  return absl::StrContains(log_, text);
}

std::string TinyproxyProcess::Log() {
  absl::MutexLock lock(&mutex_);
  return log_;
}

RefusingPort::RefusingPort() { fd_ = BoundLoopbackSocket(&port_); }

RefusingPort::~RefusingPort() {
  if (fd_ >= 0) close(fd_);
}

}  // namespace sslstore::client::testing
