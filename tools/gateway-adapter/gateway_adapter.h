// GatewayAdapter: the AnyCA Gateway plugin contract (IAnyCAPlugin) on top of
// the SSL Store connector's gRPC API. It translates and calls; every
// business rule (validation, renew-or-reissue, idempotency, status mapping
// of SSL Store orders, sync paging) stays in the connector.
//
//   GatewayAdapter adapter;
//   absl::Status ok = adapter.Initialize(dictionary, reader);
//   absl::StatusOr<EnrollmentResult> result = adapter.Enroll(
//       csr, subject, sans, product_info, RequestFormat::kPkcs10,
//       EnrollmentType::kNew);
//
// The gateway's exceptions are failed absl::Status values; Enroll reports a
// request the connector or SSL Store rejects as a FAILED result instead.
// Error messages never contain the AuthToken or the bearer token. Methods
// are thread-safe and block until the connector answers.
#ifndef TOOLS_GATEWAY_ADAPTER_GATEWAY_ADAPTER_H_
#define TOOLS_GATEWAY_ADAPTER_GATEWAY_ADAPTER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "sslstore/connector/v1/catalog.pb.h"
#include "tools/gateway-adapter/adapter_settings.h"
#include "tools/gateway-adapter/connector_client.h"
#include "tools/gateway-adapter/gateway_types.h"

namespace sslstore::gateway {

// Subject alternative names by type, as the gateway passes them
// (Dictionary<string, string[]>; keys such as "dnsname" or "dns").
using SanDictionary = std::map<std::string, std::vector<std::string>>;

// Outcome of a connection check (adapter extra behind Ping).
struct PingReport {
  bool remote_checked = false;  // false: the connection is disabled
  bool reachable = false;       // SSL Store accepted the credentials
  absl::Duration latency = absl::ZeroDuration();
  std::string message;
  std::string connection_name;  // empty for an inline connection
};

class GatewayAdapter {
 public:
  // Until Initialize, calls go to the connector at the default address
  // (enough for the annotation and product calls the gateway makes before
  // any configuration exists).
  GatewayAdapter();

  // Initialize: reads the CA connection dictionary (see adapter_settings.h
  // for the keys) and keeps `reader` for renewals. May be called again; on
  // error the previous state is kept.
  absl::Status Initialize(const ConfigDictionary& ca_connection_data,
                          std::shared_ptr<CertificateDataReader> reader);

  // Ping: an authenticated call to SSL Store through the connector. OK
  // without contacting SSL Store when the connection is disabled.
  absl::Status Ping();
  // The details behind Ping (adapter extra).
  absl::StatusOr<PingReport> CheckConnection();

  // ValidateCAConnectionInfo: checks `connection_info` without changing
  // this adapter: the dictionary's types, then the connector's validation
  // of the SSL Store fields including a credential check (or a ping of the
  // named connection). INVALID_ARGUMENT lists every problem, one per line,
  // by dictionary key.
  absl::Status ValidateCAConnectionInfo(
      const ConfigDictionary& connection_info);

  // ValidateProductInfo: checks the product id and its template parameters
  // (connector address taken from `connection_info`). INVALID_ARGUMENT
  // lists every problem.
  absl::Status ValidateProductInfo(const EnrollmentProductInfo& product_info,
                                   const ConfigDictionary& connection_info);

  // GetProductIds: every product code of the connector's catalog.
  absl::StatusOr<std::vector<std::string>> GetProductIds();
  // The catalog's products (adapter extra).
  absl::StatusOr<std::vector<sslstore::connector::v1::Product>> ListProducts();
  // One product; NOT_FOUND for an unknown code (adapter extra).
  absl::StatusOr<sslstore::connector::v1::Product> GetProduct(
      const std::string& product_id);

  // GetCAConnectorAnnotations: the SSL Store connection fields (from the
  // connector) plus the adapter's own Connector* keys.
  absl::StatusOr<std::map<std::string, PropertyConfigInfo>>
  GetCAConnectorAnnotations();

  // GetTemplateParameterAnnotations: every enrollment field of every
  // product.
  absl::StatusOr<std::map<std::string, PropertyConfigInfo>>
  GetTemplateParameterAnnotations();

  // Enroll: a new order, renewal, reissue or renew-or-reissue. For every
  // type but kNew the prior request id is the reader's answer for the
  // "PriorCertSN" product parameter. A request the connector rejects
  // (invalid input, unknown prior certificate, SSL Store refusal) is a
  // FAILED result listing the problems; a transport failure is an error
  // status (sending the same enrollment again is safe: the connector finds
  // the order it already placed).
  absl::StatusOr<EnrollmentResult> Enroll(
      const std::string& csr, const std::string& subject,
      const SanDictionary& san, const EnrollmentProductInfo& product_info,
      RequestFormat request_format, EnrollmentType enrollment_type);

  // GetSingleRecord: the current state of one request. FAILED_PRECONDITION
  // when the order is issued or revoked but has no certificate.
  absl::StatusOr<AnyCAPluginCertificate> GetSingleRecord(
      const std::string& ca_request_id);

  // Synchronize: adds a record for every order to `sink` (a full sync, or
  // an incremental one since `last_sync` when `full_sync` is false). Orders
  // without a usable record are reported to sink.OnSkipped. An interrupted
  // stream is resumed with its resume token (ConnectorSyncResumeAttempts),
  // so no order is dropped or delivered twice. Returns CANCELLED when
  // `cancel` fires or the sink stops accepting; fills `counts` when given.
  absl::Status Synchronize(CertificateSink& sink,
                           std::optional<absl::Time> last_sync, bool full_sync,
                           CancellationToken* cancel,
                           SyncCounts* counts = nullptr);

  // Revoke: a refund request (or revoke request, ConnectorRevocationMethod)
  // with the RFC 5280 reason. Returns REVOKED (50) only when SSL Store
  // confirms it, FAILED (11) when SSL Store refused or has not confirmed
  // yet; `message` (optional) receives the detail.
  absl::StatusOr<int> Revoke(const std::string& ca_request_id,
                             const std::string& hex_serial_number,
                             uint32_t revocation_reason,
                             std::string* message = nullptr);

 private:
  // A consistent view of the adapter's state for one call.
  struct State {
    AdapterSettings settings;
    std::shared_ptr<ConnectorClient> client;
    std::shared_ptr<CertificateDataReader> reader;
    std::vector<std::string> secrets;
  };

  absl::StatusOr<State> Current() const;
  // A state built from `dictionary` alone (for the stateless validations).
  static absl::StatusOr<State> StateFor(const ConfigDictionary& dictionary);
  // The prior request id of a renewal or reissue. `*rejected` tells a
  // request problem (a FAILED result) from a failure of the reader.
  static absl::StatusOr<std::string> PriorRequestId(
      const State& state, const EnrollmentProductInfo& product_info,
      bool* rejected);

  mutable absl::Mutex mutex_;
  std::optional<State> state_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace sslstore::gateway

#endif  // TOOLS_GATEWAY_ADAPTER_GATEWAY_ADAPTER_H_
