#ifndef SERVICE_SERVER_SERVER_CREDENTIALS_H_
#define SERVICE_SERVER_SERVER_CREDENTIALS_H_

#include <memory>

#include "absl/status/statusor.h"
#include "grpcpp/security/server_credentials.h"
#include "service/config/server_config.h"

namespace sslstore::service {

// The listening credentials for `tls`: plaintext when TLS is not configured,
// TLS 1.2+ with the configured certificate otherwise, and mutual TLS (a
// client certificate that verifies against `client_ca_file` is required)
// when a client CA is set. The files are checked first so that a bad file
// fails with an error naming the key ("tls.key_file: ...") rather than a
// gRPC start-up failure: the certificate and CA bundle must parse and the
// key must belong to the certificate.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const ServerTlsConfig& tls);

}  // namespace sslstore::service

#endif  // SERVICE_SERVER_SERVER_CREDENTIALS_H_
