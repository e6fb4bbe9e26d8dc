#ifndef SERVICE_SERVER_SERVER_TLS_MATERIAL_H_
#define SERVICE_SERVER_SERVER_TLS_MATERIAL_H_

#include <string>

#include "absl/status/statusor.h"
#include "service/config/server_config.h"

namespace sslstore::service {

// The PEM texts of a TLS configuration, checked.
struct ServerTlsMaterial {
  // The certificate chain, leaf first.
  std::string cert_chain_pem;
  // The unencrypted private key of the leaf.
  std::string private_key_pem;
  // The CA bundle client certificates must verify against; empty when no
  // client certificate is required.
  std::string client_ca_pem;
};

// Reads and checks the files of an enabled `tls`, so that a bad file fails
// with an error naming the key ("tls.key_file: ...") rather than a gRPC
// start-up or handshake failure: the certificate and CA bundle must parse
// and the key must belong to the certificate.
absl::StatusOr<ServerTlsMaterial> LoadServerTlsMaterial(
    const ServerTlsConfig& tls);

}  // namespace sslstore::service

#endif  // SERVICE_SERVER_SERVER_TLS_MATERIAL_H_
