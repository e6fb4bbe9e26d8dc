// A gRPC client of the SSL Store connector built from ConnectorOptions: one
// channel (plaintext, TLS or mutual TLS), the bearer token, the call
// deadline, and readable, scrubbed errors for failed calls.
#ifndef TOOLS_GATEWAY_CLI_CONNECTOR_CLIENT_H_
#define TOOLS_GATEWAY_CLI_CONNECTOR_CLIENT_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"

namespace sslstore::gateway::cli {

// The connector's default address.
inline constexpr char kDefaultConnectorAddress[] = "127.0.0.1:50051";

// How to reach the connector.
struct ConnectorOptions {
  std::string address = kDefaultConnectorAddress;
  std::string tls_ca_file;  // empty = plaintext
  std::string tls_client_cert_file;
  std::string tls_client_key_file;
  std::string tls_server_name;
  std::string token_file;                      // empty = no bearer token
  absl::Duration timeout = absl::Seconds(60);  // of each unary call
};

// Thread-safe.
class ConnectorClient {
 public:
  using Stub = sslstore::connector::v1::ConnectorService::Stub;

  // Reads the TLS and token files and creates the channel (it connects on
  // the first call). `secrets` (e.g. an inline connection's auth token) are
  // scrubbed from every error and message, as is the bearer token. Errors
  // (INVALID_ARGUMENT) name the file, never its content.
  static absl::StatusOr<std::unique_ptr<ConnectorClient>> Create(
      const ConnectorOptions& options, std::vector<std::string> secrets = {});

  // The generated stub.
  Stub& stub() { return *stub_; }

  // A context carrying the bearer token, with a deadline `timeout` from now
  // (no deadline when `timeout` is infinite).
  std::unique_ptr<grpc::ClientContext> NewContext(absl::Duration timeout) const;

  // Calls the unary RPC `method` with a deadline `timeout` from now: OK, or
  // Error(status, call).
  template <typename Request, typename Response>
  absl::Status Call(grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                 const Request&, Response*),
                    const Request& request, Response* response,
                    absl::string_view call, absl::Duration timeout) {
    std::unique_ptr<grpc::ClientContext> context = NewContext(timeout);
    return Error((stub_.get()->*method)(context.get(), request, response),
                 call);
  }
  // The same with the configured timeout.
  template <typename Request, typename Response>
  absl::Status Call(grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                 const Request&, Response*),
                    const Request& request, Response* response,
                    absl::string_view call) {
    return Call(method, request, response, call, options_.timeout);
  }

  // The readable, scrubbed error of a failed call `call` (FromGrpcStatus);
  // OK for an OK `status`.
  absl::Status Error(const grpc::Status& status, absl::string_view call) const;
  // `text` with every secret replaced by "[redacted]".
  std::string Scrub(absl::string_view text) const;

  // The options the client was built from.
  const ConnectorOptions& options() const { return options_; }

 private:
  ConnectorClient() = default;

  ConnectorOptions options_;
  std::string bearer_token_;
  std::vector<std::string> secrets_;  // the bearer token included
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<Stub> stub_;
};

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_CONNECTOR_CLIENT_H_
