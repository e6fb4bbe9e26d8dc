#ifndef SERVICE_SERVER_SERVER_CREDENTIALS_H_
#define SERVICE_SERVER_SERVER_CREDENTIALS_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "grpcpp/security/server_credentials.h"
#include "service/config/server_config.h"
#include "service/server/server_tls_material.h"

namespace sslstore::service {

// The listening credentials of the server, whose TLS certificate, key and
// client CA bundle can be replaced while it serves.
//
// Plaintext when TLS is not configured. Otherwise TLS 1.2+ through gRPC's
// file-watching certificate provider, pointed at private copies of the
// checked material in a directory of the connector's own (mode 0700 under
// $RUNTIME_DIRECTORY, $TMPDIR or /tmp): the key and the chain share one
// file, replaced by a rename, so a handshake never sees a key of one
// generation with a certificate of another. Reload() checks new files
// first and replaces the copies only when they are good; gRPC picks them up
// within `refresh_interval` (one second by default) for new connections.
class ServerCredentials {
 public:
  // Checks `tls` (see LoadServerTlsMaterial) and sets up the credentials.
  static absl::StatusOr<std::unique_ptr<ServerCredentials>> Create(
      const ServerTlsConfig& tls, unsigned int refresh_interval_seconds = 1);

  ServerCredentials(const ServerCredentials&) = delete;
  ServerCredentials& operator=(const ServerCredentials&) = delete;
  // Removes the private copies.
  ~ServerCredentials();

  // What to listen with.
  std::shared_ptr<grpc::ServerCredentials> credentials() const {
    return credentials_;
  }

  // Serves the material of `tls` from now on. The same kind of security is
  // required (plaintext, TLS or mutual TLS: the listener cannot change);
  // on any problem the current material stays and the error names the key.
  absl::Status Reload(const ServerTlsConfig& tls);

 private:
  ServerCredentials(bool tls, bool mutual) : tls_(tls), mutual_(mutual) {}
  absl::Status Write(const ServerTlsMaterial& material);

  const bool tls_;
  const bool mutual_;
  std::string directory_;  // empty for plaintext
  std::shared_ptr<grpc::ServerCredentials> credentials_;
};

}  // namespace sslstore::service

#endif  // SERVICE_SERVER_SERVER_CREDENTIALS_H_
