// A gRPC client of the SSL Store connector built from ConnectorOptions: one
// channel (plaintext, TLS or mutual TLS), the bearer token, the call
// deadline.
#ifndef TOOLS_GATEWAY_ADAPTER_CONNECTOR_CLIENT_H_
#define TOOLS_GATEWAY_ADAPTER_CONNECTOR_CLIENT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"
#include "tools/gateway-adapter/adapter_settings.h"

namespace sslstore::gateway {

// Thread-safe; shared by every call of an adapter.
class ConnectorClient {
 public:
  // Reads the TLS and token files and creates the channel (it connects on
  // the first call). Errors (INVALID_ARGUMENT) name the key and the file,
  // never a file's content.
  static absl::StatusOr<std::shared_ptr<ConnectorClient>> Create(
      const ConnectorOptions& options);

  // The generated stub.
  sslstore::connector::v1::ConnectorService::Stub& stub() { return *stub_; }

  // A context carrying the bearer token, with a deadline `timeout` from now
  // (no deadline when `timeout` is infinite).
  std::unique_ptr<grpc::ClientContext> NewContext(absl::Duration timeout) const;
  // The same with the configured unary-call timeout.
  std::unique_ptr<grpc::ClientContext> NewContext() const {
    return NewContext(options_.timeout);
  }

  // The options the client was built from.
  const ConnectorOptions& options() const { return options_; }
  // The bearer token ("" when none), for redaction only.
  const std::string& bearer_token() const { return bearer_token_; }

 private:
  ConnectorClient() = default;

  ConnectorOptions options_;
  std::string bearer_token_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<sslstore::connector::v1::ConnectorService::Stub> stub_;
};

}  // namespace sslstore::gateway

#endif  // TOOLS_GATEWAY_ADAPTER_CONNECTOR_CLIENT_H_
