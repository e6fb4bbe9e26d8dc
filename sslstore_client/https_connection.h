#ifndef SSLSTORE_CLIENT_HTTPS_CONNECTION_H_
#define SSLSTORE_CLIENT_HTTPS_CONNECTION_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "absl/time/time.h"

// The Asio types of the WBAPI transport and its pooled connection (internal
// to sslstore_client; only the transport's own files include this).

namespace sslstore::client::internal {

namespace net = boost::asio;

// The transport's threads run one io_context; each call runs on a strand of
// it. Concrete executor types: no type erasure on the hot path.
using IoExecutor = net::io_context::executor_type;
using CallStrand = net::strand<IoExecutor>;
using TcpSocket = net::basic_stream_socket<net::ip::tcp, IoExecutor>;
using TlsStream = net::ssl::stream<TcpSocket>;

// One keep-alive TLS connection to the WBAPI host. The pool hands it to one
// attempt at a time; that attempt's handlers (bound to its call's strand)
// are the only code touching it until it is released.
struct HttpsConnection {
  // Room for a whole TLS record, so a response is read in one piece.
  static constexpr size_t kReadBufferBytes = 17 << 10;

  HttpsConnection(net::io_context& ioc, net::ssl::context& tls)
      : stream(ioc.get_executor(), tls) {
    buffer.reserve(kReadBufferBytes);
  }

  TlsStream stream;
  // Bytes read but not yet parsed (normally empty between requests).
  boost::beast::flat_buffer buffer;
  // TCP connected and TLS handshake done.
  bool connected = false;
  // When it last went back to the pool.
  absl::Time idle_since;
};

}  // namespace sslstore::client::internal

#endif  // SSLSTORE_CLIENT_HTTPS_CONNECTION_H_
