#include "sslstore_client/request_wire.h"

#include "absl/strings/str_cat.h"

namespace sslstore::client::internal {

std::string RequestWire(bool get, absl::string_view target, const BaseUrl& url,
                        absl::string_view user_agent, absl::string_view body) {
  std::string wire = absl::StrCat(
      get ? "GET " : "POST ", target, " HTTP/1.1\r\nHost: ", url.HostHeader(),
      "\r\nUser-Agent: ", user_agent, "\r\nAccept: application/json\r\n");
  if (get) {
    absl::StrAppend(&wire, "\r\n");
    return wire;
  }
  absl::StrAppend(&wire,
                  "Content-Type: application/json; charset=utf-8\r\n"
                  "Content-Length: ",
                  body.size(), "\r\n\r\n", body);
  return wire;
}

}  // namespace sslstore::client::internal
