#include "tools/gateway-cli/connector_client.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "sslstore_client/redact.h"
#include "tools/gateway-cli/connector_errors.h"

namespace sslstore::gateway::cli {
namespace {

// The flags of the TLS files, as messages name them.
constexpr char kTlsCaFileFlag[] = "--tls_ca_file";
constexpr char kTlsClientCertFileFlag[] = "--tls_cert_file";
constexpr char kTlsClientKeyFileFlag[] = "--tls_key_file";

// The content of `path`, named by its flag `flag` in errors.
absl::StatusOr<std::string> ReadFile(const char* flag,
                                     const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": cannot read \"", path, "\""));
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": error reading \"", path, "\""));
  }
  return content.str();
}

// The bearer token in `path`: one line of printable characters.
absl::StatusOr<std::string> ReadBearerToken(const std::string& path) {
  absl::StatusOr<std::string> content = ReadFile(kTokenFileFlag, path);
  if (!content.ok()) return content.status();
  std::string token(absl::StripAsciiWhitespace(*content));
  if (token.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(kTokenFileFlag, ": \"", path, "\" holds no token"));
  }
  for (char c : token) {
    if (c < 0x21 || c > 0x7e) {
      return absl::InvalidArgumentError(
          absl::StrCat(kTokenFileFlag, ": the token in \"", path,
                       "\" must be one line of printable characters"));
    }
  }
  return token;
}

// TLS (or mutual TLS) credentials from the options' PEM files.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> TlsCredentials(
    const ConnectorOptions& options) {
  grpc::SslCredentialsOptions tls;
  absl::StatusOr<std::string> roots =
      ReadFile(kTlsCaFileFlag, options.tls_ca_file);
  if (!roots.ok()) return roots.status();
  tls.pem_root_certs = *std::move(roots);
  if (!options.tls_client_cert_file.empty()) {
    absl::StatusOr<std::string> chain =
        ReadFile(kTlsClientCertFileFlag, options.tls_client_cert_file);
    if (!chain.ok()) return chain.status();
    absl::StatusOr<std::string> key =
        ReadFile(kTlsClientKeyFileFlag, options.tls_client_key_file);
    if (!key.ok()) return key.status();
    tls.pem_cert_chain = *std::move(chain);
    tls.pem_private_key = *std::move(key);
  }
  return grpc::SslCredentials(tls);
}

}  // namespace

absl::StatusOr<std::unique_ptr<ConnectorClient>> ConnectorClient::Create(
    const ConnectorOptions& options, std::vector<std::string> secrets) {
  std::unique_ptr<ConnectorClient> client(new ConnectorClient());
  client->options_ = options;
  client->secrets_ = std::move(secrets);
  if (!options.token_file.empty()) {
    absl::StatusOr<std::string> token = ReadBearerToken(options.token_file);
    if (!token.ok()) return token.status();
    client->bearer_token_ = *std::move(token);
    client->secrets_.push_back(client->bearer_token_);
  }
  std::shared_ptr<grpc::ChannelCredentials> credentials =
      grpc::InsecureChannelCredentials();
  grpc::ChannelArguments arguments;
  if (!options.tls_ca_file.empty()) {
    absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> tls =
        TlsCredentials(options);
    if (!tls.ok()) return tls.status();
    credentials = *std::move(tls);
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

absl::Status ConnectorClient::Error(const grpc::Status& status,
                                    absl::string_view call) const {
  return FromGrpcStatus(status, call, options_.address, secrets_);
}

std::string ConnectorClient::Scrub(absl::string_view text) const {
  return ::sslstore::client::Redact(text, secrets_);
}

}  // namespace sslstore::gateway::cli
