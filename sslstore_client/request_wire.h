#ifndef SSLSTORE_CLIENT_REQUEST_WIRE_H_
#define SSLSTORE_CLIENT_REQUEST_WIRE_H_

#include <string>

#include "absl/strings/string_view.h"
#include "sslstore_client/base_url.h"

namespace sslstore::client::internal {

// The bytes of one WBAPI request, HTTP/1.1 keep-alive, exactly as Beast
// serializes it: request line; Host, User-Agent, Accept: application/json;
// for a POST also Content-Type: application/json; charset=utf-8 and
// Content-Length; then `body` (a GET has neither header nor body). Built
// once per call and written in one piece by every attempt.
std::string RequestWire(bool get, absl::string_view target, const BaseUrl& url,
                        absl::string_view user_agent, absl::string_view body);

}  // namespace sslstore::client::internal

#endif  // SSLSTORE_CLIENT_REQUEST_WIRE_H_
