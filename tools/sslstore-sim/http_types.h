// Transport-neutral HTTP request/response types shared by the Beast server
// and the simulator's request handlers (which never include Beast).
#ifndef TOOLS_SSLSTORE_SIM_HTTP_TYPES_H_
#define TOOLS_SSLSTORE_SIM_HTTP_TYPES_H_

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace sslstore_sim {

// One received request.
struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query, e.g. "/rest/order/status"
  std::string body;
};

// One response to send.
struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  std::string body;
};

// How the transport delivers (or fails to deliver) a response.
struct Delivery {
  absl::Duration delay = absl::ZeroDuration();  // wait before replying
  bool drop = false;      // close the connection instead of replying
  bool truncate = false;  // send full Content-Length, half the body, close
  size_t slow_chunk_bytes = 0;  // > 0: send the body in chunks of this size
  absl::Duration slow_chunk_interval = absl::ZeroDuration();
  bool close_after = false;  // close the connection after replying
};

// A handler's answer: the response and how to deliver it.
struct Dispatched {
  HttpResponse response;
  Delivery delivery;
};

// Request handler run on a server thread; must not block for long.
using HttpHandler = std::function<Dispatched(const HttpRequest&)>;

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_HTTP_TYPES_H_
