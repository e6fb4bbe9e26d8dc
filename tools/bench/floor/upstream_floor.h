// The upstream floor of sync-floor-bench: a deliberately minimal WBAPI client
// doing the sync's calls (query pages, per order status, download when there
// is a certificate). One thread, one level-triggered epoll loop,
// non-blocking TCP sockets with OpenSSL used directly (TLS 1.2+, read-ahead,
// peer and host name or IP verified, SNI for names), hand-written HTTP/1.1
// keep-alive POSTs, no retries, no timers. Any bad reply ends the run with
// an error; the auth token never appears in one.
#ifndef TOOLS_BENCH_FLOOR_UPSTREAM_FLOOR_H_
#define TOOLS_BENCH_FLOOR_UPSTREAM_FLOOR_H_

#include <openssl/ssl.h>
#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tools/bench/common/bench_child.h"
#include "tools/bench/floor/http_receive_buffer.h"
#include "tools/bench/floor/wbapi_floor_responses.h"

namespace sslstore::bench {

// Where and as whom the upstream floor calls; the parent sends it to the
// child as one line: "<host> <port> <ca_file> <page_size> <partner> <token>".
struct Target {
  std::string host;
  int port = 0;
  std::string ca_file;  // the only trusted CA
  int page_size = 100;
  std::string partner;
  std::string token;
};

// Parses the parent's settings line (see Target).
absl::StatusOr<Target> ParseTarget(const std::string& line);

// How the upstream floor works (sync-floor-bench's flags).
struct UpstreamOptions {
  int connections = 16;  // order calls in flight; one more carries the pages
  std::string tls_name;  // SNI and verified name; empty: the target's host
  X509Mode x509_mode = X509Mode::kFirst;
};

// The WBAPI call a connection carries.
enum class CallKind { kQuery, kStatus, kDownload };

// One keep-alive TLS connection and the call it carries.
struct Connection {
  // Where the connection is: connecting, in its handshake, without a call,
  // sending a request, or receiving its response.
  enum class State { kConnecting, kHandshake, kIdle, kWriting, kReading };
  int fd = -1;
  SSL* ssl = nullptr;
  State state = State::kConnecting;
  uint32_t events = 0;  // current epoll interest
  bool for_queries = false;
  CallKind kind = CallKind::kStatus;
  std::string order_id;
  std::string request;
  size_t written = 0;
  ReceiveBuffer response;
};

// What the upstream floor did.
struct UpstreamResult {
  int64_t queries = 0, statuses = 0, downloads = 0;
  int64_t certificates = 0;  // downloads whose certificates read well
  int64_t pem_blocks = 0;    // FileContent PEMs decoded
  Usage handshakes;          // CPU of connecting and TLS handshakes
};

// The minimal single-threaded WBAPI client. Pages are 1-based; the next page
// is fetched while the current page's orders run.
class UpstreamFloor {
 public:
  UpstreamFloor(Target target, UpstreamOptions options);
  ~UpstreamFloor();
  UpstreamFloor(const UpstreamFloor&) = delete;
  UpstreamFloor& operator=(const UpstreamFloor&) = delete;

  // Creates the SSL_CTX, resolves the host and builds the auth prefix.
  absl::Status Init();
  // Connects and handshakes every connection (result().handshakes is their
  // CPU), then does the whole sync. Call once, after Init.
  absl::Status Run();
  // What Run did.
  const UpstreamResult& result() const { return result_; }

 private:
  absl::Status Connect(Connection& c);
  absl::Status PrepareTls(Connection& c);
  void Watch(Connection& c, uint32_t events);
  absl::StatusOr<bool> Blocked(Connection& c, int r, const char* what);
  absl::Status Drive(Connection& c);
  absl::Status KickIdle();
  absl::Status Loop(const std::function<bool()>& done);
  bool StartNext(Connection& c);
  void StartCall(Connection& c, CallKind kind, absl::string_view path,
                 absl::string_view members);
  absl::Status OnResponse(Connection& c);
  bool AllIdle() const;

  Target target_;
  std::vector<Connection> connections_;
  std::string tls_name_;
  X509Mode x509_mode_;
  SSL_CTX* ctx_ = nullptr;
  sockaddr_storage address_{};
  socklen_t address_length_ = 0;
  bool host_is_ip_ = false;
  int epoll_ = -1;
  std::string auth_prefix_;  // {"AuthRequest":{...},
  bool work_enabled_ = false;
  bool kick_ = false;  // idle connections may have new work
  int handshaken_ = 0;
  std::deque<std::string> queued_;  // order ids not yet started
  int next_page_ = 1;
  bool pages_done_ = false;
  UpstreamResult result_;
};

// The upstream child's role (for Spawn): reads the Target line, runs the
// floor and answers "<queries> <statuses> <downloads> <certs> <pems>
// <wall_ms> <usage> <handshake usage>" (usages as FormatUsage), or "error"
// after printing why to stderr. An empty line (the parent did not need it)
// exits at once.
int RunUpstreamChild(int in, int out, const UpstreamOptions& options);

}  // namespace sslstore::bench

#endif  // TOOLS_BENCH_FLOOR_UPSTREAM_FLOOR_H_
