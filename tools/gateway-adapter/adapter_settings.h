// The adapter's reading of the gateway's CA connection dictionary: the
// seed's six SSL Store connection fields (sent to the connector as an inline
// connection) plus the adapter's own "Connector*" keys (where the connector
// listens and how to reach it).
//
// Keys (exact spelling):
//   SSLStoreURL, PartnerCode, AuthToken, PageSize, Enabled, RenewalWindow
//       the SSL Store connection; validated by the connector.
//   ConnectorAddress            host:port of the connector (127.0.0.1:50051)
//   ConnectorTlsCaFile          PEM CA bundle to verify the connector's TLS
//                               certificate; empty = plaintext
//   ConnectorTlsClientCertFile  PEM client certificate chain (mutual TLS)
//   ConnectorTlsClientKeyFile   PEM private key of the client certificate
//   ConnectorTlsServerName      name expected in the connector's certificate
//                               when it differs from the address' host
//   ConnectorTokenFile          file holding the bearer token, sent as
//                               "authorization: Bearer <token>"
//   ConnectorTimeoutSeconds     deadline of each unary call (60); sync
//                               streams have no deadline
//   ConnectorConnectionName     use this named connection of the connector
//                               instead of the SSL Store fields above
//   ConnectorEnrollWaitSeconds  how long Enroll lets the connector wait for
//                               issuance (10; 0 = return at once)
//   ConnectorRevocationMethod   "refund" (default, the seed's behaviour) or
//                               "revoke"
//   ConnectorSyncResumeAttempts times an interrupted sync is resumed with its
//                               resume token (3)
#ifndef TOOLS_GATEWAY_ADAPTER_ADAPTER_SETTINGS_H_
#define TOOLS_GATEWAY_ADAPTER_ADAPTER_SETTINGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "sslstore/connector/v1/certificate.pb.h"
#include "sslstore/connector/v1/connection.pb.h"
#include "tools/gateway-adapter/gateway_types.h"

namespace sslstore::gateway {

// Dictionary keys of the SSL Store connection (the seed's names).
inline constexpr char kKeySslStoreUrl[] = "SSLStoreURL";
inline constexpr char kKeyPartnerCode[] = "PartnerCode";
inline constexpr char kKeyAuthToken[] = "AuthToken";
inline constexpr char kKeyPageSize[] = "PageSize";
inline constexpr char kKeyEnabled[] = "Enabled";
inline constexpr char kKeyRenewalWindow[] = "RenewalWindow";

// Dictionary keys of the adapter itself.
inline constexpr char kKeyConnectorAddress[] = "ConnectorAddress";
inline constexpr char kKeyTlsCaFile[] = "ConnectorTlsCaFile";
inline constexpr char kKeyTlsClientCertFile[] = "ConnectorTlsClientCertFile";
inline constexpr char kKeyTlsClientKeyFile[] = "ConnectorTlsClientKeyFile";
inline constexpr char kKeyTlsServerName[] = "ConnectorTlsServerName";
inline constexpr char kKeyTokenFile[] = "ConnectorTokenFile";
inline constexpr char kKeyTimeoutSeconds[] = "ConnectorTimeoutSeconds";
inline constexpr char kKeyConnectionName[] = "ConnectorConnectionName";
inline constexpr char kKeyEnrollWaitSeconds[] = "ConnectorEnrollWaitSeconds";
inline constexpr char kKeyRevocationMethod[] = "ConnectorRevocationMethod";
inline constexpr char kKeySyncResumeAttempts[] = "ConnectorSyncResumeAttempts";

// The connector's default address.
inline constexpr char kDefaultConnectorAddress[] = "127.0.0.1:50051";

// How to reach the connector.
struct ConnectorOptions {
  std::string address = kDefaultConnectorAddress;
  std::string tls_ca_file;  // empty = plaintext
  std::string tls_client_cert_file;
  std::string tls_client_key_file;
  std::string tls_server_name;
  std::string token_file;  // empty = no bearer token
  absl::Duration timeout = absl::Seconds(60);
};

// Everything the adapter takes from the dictionary.
struct AdapterSettings {
  // The connection every CA-facing call names (inline or by name).
  sslstore::connector::v1::ConnectionRef connection;
  ConnectorOptions connector;
  absl::Duration enroll_wait = absl::Seconds(10);
  sslstore::connector::v1::RevocationMethod revocation_method =
      sslstore::connector::v1::REVOCATION_METHOD_REFUND_REQUEST;
  int sync_resume_attempts = 3;
};

// Reads `dictionary`. Unknown keys are ignored (the gateway adds its own).
// Values may arrive typed or as text ("true", "100"). A value of the wrong
// type fails with INVALID_ARGUMENT naming every such key; the AuthToken's
// value never appears in a message. The SSL Store fields are not checked
// here: the connector validates them.
absl::StatusOr<AdapterSettings> ParseAdapterSettings(
    const ConfigDictionary& dictionary);

// The dictionary key of a connector field name as it appears in the
// connector's field violations ("sslstore_url", "connection.inline.page_size"
// -> "SSLStoreURL", "PageSize"); `field` unchanged when it is no connection
// field.
std::string GatewayKeyForField(const std::string& field);

// The adapter's own keys as annotations (for GetCAConnectorAnnotations).
std::map<std::string, PropertyConfigInfo> AdapterAnnotations();

}  // namespace sslstore::gateway

#endif  // TOOLS_GATEWAY_ADAPTER_ADAPTER_SETTINGS_H_
