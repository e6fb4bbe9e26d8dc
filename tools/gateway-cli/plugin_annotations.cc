#include "tools/gateway-cli/plugin_annotations.h"

#include "tools/gateway-cli/connector_client.h"

namespace sslstore::gateway::cli {
namespace {

namespace v1 = sslstore::connector::v1;

// One key: a text default, or a number default when `text_default` is null.
struct PluginKey {
  const char* name;
  const char* text_default;
  int number_default;
  const char* comments;
};

constexpr PluginKey kPluginKeys[] = {
    {"ConnectorAddress", kDefaultConnectorAddress, 0,
     "host:port of the SSL Store connector"},
    {"ConnectorTlsCaFile", "", 0,
     "PEM CA bundle that verifies the connector's TLS certificate; empty "
     "means plaintext (loopback only)"},
    {"ConnectorTlsClientCertFile", "", 0,
     "PEM client certificate for mutual TLS with the connector"},
    {"ConnectorTlsClientKeyFile", "", 0,
     "PEM private key of the client certificate"},
    {"ConnectorTlsServerName", "", 0,
     "Name expected in the connector's certificate, when it differs from the "
     "host of ConnectorAddress"},
    {"ConnectorTokenFile", "", 0,
     "File holding the bearer token the connector requires (sent as "
     "'authorization: Bearer <token>')"},
    {"ConnectorTimeoutSeconds", nullptr, 60,
     "Deadline of each call to the connector, in seconds"},
    {"ConnectorConnectionName", "", 0,
     "Use this connection of the connector's own configuration instead of the "
     "SSL Store fields above; empty means the fields above"},
    {"ConnectorEnrollWaitSeconds", nullptr, 10,
     "How long an enrollment waits for issuance before returning "
     "EXTERNALVALIDATION, in seconds"},
    {"ConnectorRevocationMethod", "refund", 0,
     "refund (refund request, the default) or revoke (certificate revoke "
     "request)"},
    {"ConnectorSyncResumeAttempts", nullptr, 3,
     "How many times an interrupted synchronization continues where it "
     "stopped"},
};

}  // namespace

std::map<std::string, v1::Annotation> PluginAnnotations() {
  std::map<std::string, v1::Annotation> annotations;
  for (const PluginKey& key : kPluginKeys) {
    v1::Annotation& annotation = annotations[key.name];
    annotation.set_comments(key.comments);
    if (key.text_default != nullptr) {
      annotation.set_type(v1::ANNOTATION_TYPE_STRING);
      annotation.mutable_default_value()->set_string_value(key.text_default);
    } else {
      annotation.set_type(v1::ANNOTATION_TYPE_NUMBER);
      annotation.mutable_default_value()->set_number_value(key.number_default);
    }
  }
  return annotations;
}

}  // namespace sslstore::gateway::cli
