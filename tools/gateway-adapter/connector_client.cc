#include "tools/gateway-adapter/connector_client.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace sslstore::gateway {
namespace {

// The content of `path` (the value of dictionary key `key`).
absl::StatusOr<std::string> ReadFile(const char* key, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(key, ": cannot read \"", path, "\""));
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    return absl::InvalidArgumentError(
        absl::StrCat(key, ": error reading \"", path, "\""));
  }
  return content.str();
}

}  // namespace

absl::StatusOr<std::shared_ptr<ConnectorClient>> ConnectorClient::Create(
    const ConnectorOptions& options) {
  std::shared_ptr<ConnectorClient> client(new ConnectorClient());
  client->options_ = options;
  if (!options.token_file.empty()) {
    absl::StatusOr<std::string> token =
        ReadFile(kKeyTokenFile, options.token_file);
    if (!token.ok()) return token.status();
    client->bearer_token_ = std::string(absl::StripAsciiWhitespace(*token));
    if (client->bearer_token_.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          kKeyTokenFile, ": \"", options.token_file, "\" holds no token"));
    }
    for (char c : client->bearer_token_) {
      if (c < 0x21 || c > 0x7e) {
        return absl::InvalidArgumentError(
            absl::StrCat(kKeyTokenFile, ": the token in \"", options.token_file,
                         "\" must be one line of printable characters"));
      }
    }
  }

  std::shared_ptr<grpc::ChannelCredentials> credentials;
  grpc::ChannelArguments arguments;
  if (options.tls_ca_file.empty()) {
    credentials = grpc::InsecureChannelCredentials();
  } else {
    grpc::SslCredentialsOptions tls;
    absl::StatusOr<std::string> roots =
        ReadFile(kKeyTlsCaFile, options.tls_ca_file);
    if (!roots.ok()) return roots.status();
    tls.pem_root_certs = *std::move(roots);
    if (!options.tls_client_cert_file.empty()) {
      absl::StatusOr<std::string> chain =
          ReadFile(kKeyTlsClientCertFile, options.tls_client_cert_file);
      if (!chain.ok()) return chain.status();
      absl::StatusOr<std::string> key =
          ReadFile(kKeyTlsClientKeyFile, options.tls_client_key_file);
      if (!key.ok()) return key.status();
      tls.pem_cert_chain = *std::move(chain);
      tls.pem_private_key = *std::move(key);
    }
    credentials = grpc::SslCredentials(tls);
    if (!options.tls_server_name.empty()) {
      arguments.SetSslTargetNameOverride(options.tls_server_name);
    }
  }
  // Records and certificates can be large; the connector's own limit rules.
  arguments.SetMaxReceiveMessageSize(64 << 20);
  client->channel_ =
      grpc::CreateCustomChannel(options.address, credentials, arguments);
  client->stub_ =
      sslstore::connector::v1::ConnectorService::NewStub(client->channel_);
  return client;
}

std::unique_ptr<grpc::ClientContext> ConnectorClient::NewContext(
    absl::Duration timeout) const {
  auto context = std::make_unique<grpc::ClientContext>();
  if (timeout != absl::InfiniteDuration()) {
    context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  }
  if (!bearer_token_.empty()) {
    context->AddMetadata("authorization",
                         absl::StrCat("Bearer ", bearer_token_));
  }
  return context;
}

}  // namespace sslstore::gateway
