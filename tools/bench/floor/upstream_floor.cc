#include "tools/bench/floor/upstream_floor.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "sslstore_client/openssl/openssl_error.h"

namespace sslstore::bench {
namespace {

using ::sslstore::openssl::OpenSslErrorText;

}  // namespace

absl::StatusOr<Target> ParseTarget(const std::string& line) {
  std::vector<std::string> f = absl::StrSplit(line, ' ');
  Target t;
  if (f.size() != 6 || !absl::SimpleAtoi(f[1], &t.port) ||
      !absl::SimpleAtoi(f[3], &t.page_size) || t.page_size <= 0) {
    return absl::InvalidArgumentError("bad settings line from the parent");
  }
  t.host = f[0];
  t.ca_file = f[2];
  t.partner = f[4];
  t.token = f[5];
  return t;
}

UpstreamFloor::UpstreamFloor(Target target, UpstreamOptions options)
    : target_(std::move(target)),
      connections_(options.connections + 1),
      tls_name_(std::move(options.tls_name)),
      x509_mode_(options.x509_mode) {}

UpstreamFloor::~UpstreamFloor() {
  for (Connection& c : connections_) {
    if (c.ssl != nullptr) SSL_free(c.ssl);
    if (c.fd >= 0) close(c.fd);
  }
  if (ctx_ != nullptr) SSL_CTX_free(ctx_);
  if (epoll_ >= 0) close(epoll_);
}

absl::Status UpstreamFloor::Init() {
  ctx_ = SSL_CTX_new(TLS_client_method());
  if (ctx_ == nullptr ||
      SSL_CTX_set_min_proto_version(ctx_, TLS1_2_VERSION) != 1 ||
      SSL_CTX_load_verify_locations(ctx_, target_.ca_file.c_str(), nullptr) !=
          1) {
    return absl::InternalError(
        absl::StrCat("TLS context: ", OpenSslErrorText()));
  }
  SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_mode(ctx_, SSL_MODE_ENABLE_PARTIAL_WRITE);
  SSL_CTX_set_read_ahead(ctx_, 1);  // one read() per burst, not two per record
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = absl::StrCat(target_.port);
  if (getaddrinfo(target_.host.c_str(), port.c_str(), &hints, &found) != 0 ||
      found == nullptr) {
    return absl::UnavailableError(
        absl::StrCat("cannot resolve ", target_.host));
  }
  std::memcpy(&address_, found->ai_addr, found->ai_addrlen);
  address_length_ = found->ai_addrlen;
  freeaddrinfo(found);
  in6_addr ip{};
  host_is_ip_ = inet_pton(AF_INET, target_.host.c_str(), &ip) == 1 ||
                inet_pton(AF_INET6, target_.host.c_str(), &ip) == 1;
  if (tls_name_.empty()) tls_name_ = target_.host;
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("AuthRequest");
  w.StartObject();
  w.Key("PartnerCode");
  w.String(target_.partner);
  w.Key("AuthToken");
  w.String(target_.token);
  w.EndObject();
  w.EndObject();
  auth_prefix_.assign(buffer.GetString(), buffer.GetSize() - 1);  // drop '}'
  auth_prefix_ += ',';
  epoll_ = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_ < 0) return absl::InternalError("epoll_create1 failed");
  connections_[0].for_queries = true;
  return absl::OkStatus();
}

absl::Status UpstreamFloor::PrepareTls(Connection& c) {
  c.ssl = SSL_new(ctx_);
  if (c.ssl == nullptr || SSL_set_fd(c.ssl, c.fd) != 1) {
    return absl::InternalError(absl::StrCat("SSL_new: ", OpenSslErrorText()));
  }
  const bool name_is_ip = tls_name_ == target_.host && host_is_ip_;
  if (name_is_ip) {
    if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(c.ssl),
                                      tls_name_.c_str()) != 1) {
      return absl::InternalError("cannot verify the IP address");
    }
  } else if (SSL_set_tlsext_host_name(c.ssl, tls_name_.c_str()) != 1 ||
             SSL_set1_host(c.ssl, tls_name_.c_str()) != 1) {
    return absl::InternalError("cannot set SNI and host name verification");
  }
  SSL_set_connect_state(c.ssl);
  return absl::OkStatus();
}

absl::Status UpstreamFloor::Connect(Connection& c) {
  c.fd =
      socket(address_.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (c.fd < 0) return absl::InternalError("socket() failed");
  const int one = 1;
  setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  if (connect(c.fd, reinterpret_cast<const sockaddr*>(&address_),
              address_length_) != 0 &&
      errno != EINPROGRESS) {
    return absl::UnavailableError(
        absl::StrCat("connect: ", std::strerror(errno)));
  }
  absl::Status tls = PrepareTls(c);
  if (!tls.ok()) return tls;
  epoll_event event{};
  event.events = EPOLLOUT;
  event.data.u32 = static_cast<uint32_t>(&c - connections_.data());
  if (epoll_ctl(epoll_, EPOLL_CTL_ADD, c.fd, &event) != 0) {
    return absl::InternalError("epoll_ctl ADD failed");
  }
  c.events = EPOLLOUT;
  c.state = Connection::State::kConnecting;
  return absl::OkStatus();
}

void UpstreamFloor::Watch(Connection& c, uint32_t events) {
  if (c.events == events) return;
  epoll_event event{};
  event.events = events;
  event.data.u32 = static_cast<uint32_t>(&c - connections_.data());
  epoll_ctl(epoll_, EPOLL_CTL_MOD, c.fd, &event);
  c.events = events;
}

// After an SSL call returned `r` <= 0: true (and the epoll interest set)
// when it would block, an error otherwise.
absl::StatusOr<bool> UpstreamFloor::Blocked(Connection& c, int r,
                                            const char* what) {
  const int error = SSL_get_error(c.ssl, r);
  if (error == SSL_ERROR_WANT_READ) {
    Watch(c, EPOLLIN);
    return true;
  }
  if (error == SSL_ERROR_WANT_WRITE) {
    Watch(c, EPOLLOUT);
    return true;
  }
  std::string why =
      error == SSL_ERROR_ZERO_RETURN ? "connection closed" : OpenSslErrorText();
  const long verify = SSL_get_verify_result(c.ssl);
  if (verify != X509_V_OK) {
    why = absl::StrCat("certificate rejected: ",
                       X509_verify_cert_error_string(verify));
  }
  return absl::UnavailableError(absl::StrCat(what, ": ", why));
}

void UpstreamFloor::StartCall(Connection& c, CallKind kind,
                              absl::string_view path,
                              absl::string_view members) {
  const size_t length = auth_prefix_.size() + members.size() + 1;
  c.kind = kind;
  c.request.clear();
  absl::StrAppend(&c.request, "POST ", path,
                  " HTTP/1.1\r\nHost: ", target_.host, ":", target_.port,
                  "\r\nContent-Type: application/json\r\nContent-Length: ",
                  length, "\r\n\r\n", auth_prefix_, members, "}");
  c.written = 0;
  c.response.Clear();
  c.state = Connection::State::kWriting;
}

// Gives an idle connection its next call; false when there is none.
bool UpstreamFloor::StartNext(Connection& c) {
  if (!work_enabled_) return false;
  const size_t page_size = static_cast<size_t>(target_.page_size);
  if (c.for_queries) {
    if (pages_done_ || queued_.size() >= page_size) return false;
    StartCall(c, CallKind::kQuery, "/rest/order/query",
              absl::StrCat("\"PageNumber\":", next_page_,
                           ",\"PageSize\":", target_.page_size));
    return true;
  }
  if (queued_.empty()) return false;
  c.order_id = std::move(queued_.front());
  queued_.pop_front();
  if (queued_.size() + 1 == page_size) kick_ = true;  // time for a page
  StartCall(c, CallKind::kStatus, "/rest/order/status",
            absl::StrCat("\"TheSSLStoreOrderID\":\"", c.order_id, "\""));
  return true;
}

absl::Status UpstreamFloor::OnResponse(Connection& c) {
  char* body = c.response.body();
  c.state = Connection::State::kIdle;
  switch (c.kind) {
    case CallKind::kQuery: {
      ++result_.queries;
      absl::StatusOr<int> rows = ParseQueryPage(body, &queued_);
      if (!rows.ok()) return rows.status();
      if (*rows < target_.page_size) pages_done_ = true;
      ++next_page_;
      kick_ = true;
      return absl::OkStatus();
    }
    case CallKind::kStatus: {
      ++result_.statuses;
      absl::StatusOr<bool> has_certificate = ParseStatus(body);
      if (!has_certificate.ok()) return has_certificate.status();
      if (*has_certificate) {
        StartCall(c, CallKind::kDownload, "/rest/order/download",
                  absl::StrCat("\"TheSSLStoreOrderID\":\"", c.order_id, "\""));
      }
      return absl::OkStatus();
    }
    case CallKind::kDownload: {
      ++result_.downloads;
      absl::StatusOr<int> pems = ParseDownload(body, x509_mode_);
      if (!pems.ok()) return pems.status();
      ++result_.certificates;
      result_.pem_blocks += *pems;
      return absl::OkStatus();
    }
  }
  return absl::OkStatus();
}

// Makes as much progress on `c` as it can without blocking.
absl::Status UpstreamFloor::Drive(Connection& c) {
  using State = Connection::State;
  for (;;) {
    switch (c.state) {
      case State::kConnecting: {
        int error = 0;
        socklen_t length = sizeof(error);
        getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error != 0) {
          return absl::UnavailableError(
              absl::StrCat("connect: ", std::strerror(error)));
        }
        c.state = State::kHandshake;
        break;
      }
      case State::kHandshake: {
        const int r = SSL_connect(c.ssl);
        if (r == 1) {
          ++handshaken_;
          c.state = State::kIdle;
          break;
        }
        absl::StatusOr<bool> blocked = Blocked(c, r, "TLS handshake");
        if (!blocked.ok()) return blocked.status();
        return absl::OkStatus();
      }
      case State::kIdle:
        if (!StartNext(c)) {
          Watch(c, 0);
          return absl::OkStatus();
        }
        break;
      case State::kWriting: {
        const int r = SSL_write(c.ssl, c.request.data() + c.written,
                                static_cast<int>(c.request.size() - c.written));
        if (r > 0) {
          c.written += static_cast<size_t>(r);
          if (c.written < c.request.size()) break;
          c.state = State::kReading;  // the reply is >= 1 latency away:
          Watch(c, EPOLLIN);          // no read() until epoll says so
          return absl::OkStatus();
        }
        absl::StatusOr<bool> blocked = Blocked(c, r, "TLS write");
        if (!blocked.ok()) return blocked.status();
        return absl::OkStatus();
      }
      case State::kReading: {
        constexpr int kChunk = 16 * 1024;
        const int r = SSL_read(c.ssl, c.response.Reserve(kChunk), kChunk);
        if (r > 0) {
          c.response.Commit(static_cast<size_t>(r));
          absl::StatusOr<bool> complete = c.response.Complete();
          if (!complete.ok()) return complete.status();
          if (*complete) {
            absl::Status handled = OnResponse(c);
            if (!handled.ok()) return handled;
          }
          break;
        }
        absl::StatusOr<bool> blocked = Blocked(c, r, "TLS read");
        if (!blocked.ok()) return blocked.status();
        return absl::OkStatus();
      }
    }
  }
}

bool UpstreamFloor::AllIdle() const {
  for (const Connection& c : connections_) {
    if (c.state != Connection::State::kIdle) return false;
  }
  return true;
}

// Gives every idle connection a chance to start a call.
absl::Status UpstreamFloor::KickIdle() {
  while (kick_) {
    kick_ = false;
    for (Connection& c : connections_) {
      if (c.state != Connection::State::kIdle) continue;
      absl::Status driven = Drive(c);
      if (!driven.ok()) return driven;
    }
  }
  return absl::OkStatus();
}

// Runs the epoll loop until `done()`.
absl::Status UpstreamFloor::Loop(const std::function<bool()>& done) {
  constexpr int kStallMs = 30000;  // a safeguard, not a per-call timer
  epoll_event events[64];
  for (;;) {
    absl::Status kicked = KickIdle();
    if (!kicked.ok()) return kicked;
    if (done()) return absl::OkStatus();
    const int n = epoll_wait(epoll_, events, 64, kStallMs);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return absl::DeadlineExceededError("no progress for 30 s");
    for (int i = 0; i < n; ++i) {
      Connection& c = connections_[events[i].data.u32];
      if (c.state == Connection::State::kIdle &&
          (events[i].events & (EPOLLHUP | EPOLLERR)) != 0) {
        return absl::UnavailableError("the server closed an idle connection");
      }
      absl::Status driven = Drive(c);
      if (!driven.ok()) return driven;
    }
  }
}

absl::Status UpstreamFloor::Run() {
  const Usage before = ReadUsage();
  for (Connection& c : connections_) {
    absl::Status connected = Connect(c);
    if (!connected.ok()) return connected;
  }
  const int total = static_cast<int>(connections_.size());
  absl::Status ready = Loop([&] { return handshaken_ == total; });
  if (!ready.ok()) return ready;
  result_.handshakes = Minus(ReadUsage(), before);
  work_enabled_ = true;
  kick_ = true;
  return Loop([&] { return pages_done_ && queued_.empty() && AllIdle(); });
}

int RunUpstreamChild(int in, int out, const UpstreamOptions& options) {
  const std::string line = ReadLine(in);
  if (line.empty()) return 0;  // not needed
  absl::StatusOr<Target> target = ParseTarget(line);
  if (!target.ok()) return 2;
  UpstreamFloor floor(*target, options);
  absl::Status status = floor.Init();
  const Usage before = ReadUsage();
  const absl::Time start = absl::Now();
  if (status.ok()) status = floor.Run();
  const double wall_ms = absl::ToDoubleMilliseconds(absl::Now() - start);
  const Usage used = Minus(ReadUsage(), before);
  if (!status.ok()) {
    std::fprintf(stderr, "upstream floor: %s\n", status.ToString().c_str());
    WriteLine(out, "error");
    return 1;
  }
  const UpstreamResult& r = floor.result();
  WriteLine(out,
            absl::StrCat(r.queries, " ", r.statuses, " ", r.downloads, " ",
                         r.certificates, " ", r.pem_blocks, " ", wall_ms, " ",
                         FormatUsage(used), " ", FormatUsage(r.handshakes)));
  return 0;
}

}  // namespace sslstore::bench
