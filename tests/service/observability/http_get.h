#ifndef TESTS_SERVICE_OBSERVABILITY_HTTP_GET_H_
#define TESTS_SERVICE_OBSERVABILITY_HTTP_GET_H_

#include <string>

#include "absl/status/statusor.h"

namespace sslstore::service::observability::testing {

// The response of an HTTP/1.0 GET of `path` from 127.0.0.1:`port` (status
// line, headers and body), read until the server closes. Blocking, with a
// 10-second receive timeout. `headers` are extra request header lines,
// each ending in "\r\n".
absl::StatusOr<std::string> HttpGet(int port, const std::string& path,
                                    const std::string& headers = "");

// The body of a response (after the blank line); empty when there is none.
std::string HttpBody(const std::string& response);

}  // namespace sslstore::service::observability::testing

#endif  // TESTS_SERVICE_OBSERVABILITY_HTTP_GET_H_
