#include "sslstore_client/request_wire.h"

#include "gtest/gtest.h"

namespace sslstore::client::internal {
namespace {

BaseUrl Url() {
  BaseUrl url;
  url.host = "h";
  url.port = 8443;
  url.path_prefix = "/x";
  return url;
}

// The expected bytes are Beast 1.74's serialization of the same
// http::request (keep_alive(true), prepare_payload()).
TEST(RequestWireTest, PostCarriesTypeLengthAndBody) {
  EXPECT_EQ(
      RequestWire(false, "/x/rest/order/status", Url(), "ua/1", "{\"a\":1}"),
      "POST /x/rest/order/status HTTP/1.1\r\n"
      "Host: h:8443\r\n"
      "User-Agent: ua/1\r\n"
      "Accept: application/json\r\n"
      "Content-Type: application/json; charset=utf-8\r\n"
      "Content-Length: 7\r\n"
      "\r\n"
      "{\"a\":1}");
}

TEST(RequestWireTest, EmptyPostStillHasALength) {
  EXPECT_EQ(RequestWire(false, "/rest/health/validate", Url(), "ua", ""),
            "POST /rest/health/validate HTTP/1.1\r\n"
            "Host: h:8443\r\n"
            "User-Agent: ua\r\n"
            "Accept: application/json\r\n"
            "Content-Type: application/json; charset=utf-8\r\n"
            "Content-Length: 0\r\n"
            "\r\n");
}

TEST(RequestWireTest, GetHasNoBodyHeaders) {
  BaseUrl url = Url();
  url.port = 443;
  EXPECT_EQ(RequestWire(true, "/rest/health/status", url, "ua", "ignored"),
            "GET /rest/health/status HTTP/1.1\r\n"
            "Host: h\r\n"
            "User-Agent: ua\r\n"
            "Accept: application/json\r\n"
            "\r\n");
}

}  // namespace
}  // namespace sslstore::client::internal
