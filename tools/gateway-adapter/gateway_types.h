// C++ mirror of the AnyCA Gateway REST plugin contract (IAnyCAPlugin 3.x,
// namespace Keyfactor.AnyGateway.Extensions): the value types the gateway
// passes to and receives from a CA plugin, and the interfaces it supplies
// (the certificate data reader, the synchronization buffer, cancellation).
// Field names follow the contract; a few documented "adapter extras" carry
// detail the command-line tool shows.
#ifndef TOOLS_GATEWAY_ADAPTER_GATEWAY_TYPES_H_
#define TOOLS_GATEWAY_ADAPTER_GATEWAY_TYPES_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace sslstore::gateway {

// EndEntityStatus values (Keyfactor.PKI.Enums.EJBCA.EndEntityStatus) used by
// the adapter.
inline constexpr int kStatusNew = 10;
inline constexpr int kStatusFailed = 11;
inline constexpr int kStatusGenerated = 40;
inline constexpr int kStatusRevoked = 50;
inline constexpr int kStatusExternalValidation = 90;

// The EndEntityStatus name of `status` ("GENERATED", ...), or its number as
// text when it is not one of the values above.
std::string EndEntityStatusName(int status);

// A value of the gateway's CA connection dictionary
// (Dictionary<string, object>): absent/null, bool, integer, number or text.
using ConfigValue =
    std::variant<std::monostate, bool, int64_t, double, std::string>;

// The CA connection dictionary (IAnyCAPluginConfigProvider.CAConnectionData).
using ConfigDictionary = std::map<std::string, ConfigValue>;

// EnrollmentProductInfo: the product bound to the template and the
// template-parameter values (all strings; the gateway adds its own keys such
// as "PriorCertSN").
struct EnrollmentProductInfo {
  std::string product_id;
  std::map<std::string, std::string> product_parameters;
};

// The product parameter holding the hex serial of the certificate being
// renewed or reissued.
inline constexpr char kPriorCertSnParameter[] = "PriorCertSN";

// RequestFormat of an enrollment; the gateway only ever sends PKCS10.
enum class RequestFormat { kPkcs10, kOther };

// EnrollmentType of an enrollment.
enum class EnrollmentType { kNew, kRenew, kReissue, kRenewOrReissue };

// EnrollmentResult: what Enroll hands back to the gateway.
struct EnrollmentResult {
  // "{TheSSLStoreOrderID}-{PartnerOrderID}"; empty when nothing was ordered.
  std::string ca_request_id;
  // The issued certificate as PEM; empty unless status is GENERATED.
  std::string certificate;
  // EndEntityStatus: GENERATED, EXTERNALVALIDATION, NEW or FAILED.
  int status = kStatusFailed;
  // Human-readable detail (SSL Store's state, or every problem of a FAILED
  // result, one per line).
  std::string status_message;
  // EnrollmentContext: order ids, the action taken and the DCV records, e.g.
  // "dcv.www.example.com.cname_name" -> "_abc.www.example.com".
  std::map<std::string, std::string> enrollment_context;
  // Adapter extra: for a FAILED result, the connector's error code
  // (INVALID_ARGUMENT, FAILED_PRECONDITION, NOT_FOUND, ...); OK otherwise.
  absl::StatusCode failure_code = absl::StatusCode::kOk;
};

// AnyCAPluginCertificate: one record returned by GetSingleRecord or added to
// the buffer by Synchronize.
struct AnyCAPluginCertificate {
  std::string ca_request_id;
  // The end-entity certificate as PEM; empty when none was issued (never for
  // a GENERATED or REVOKED record handed to the gateway).
  std::string certificate;
  // EndEntityStatus.
  int status = kStatusNew;
  std::string product_id;
  // Always empty: SSL Store does not return the CSR.
  std::string csr;
  // RFC 5280 reason code when the record is revoked, else 0.
  int revocation_reason = 0;
  // When the revocation was requested through the connector, if known.
  std::optional<absl::Time> revocation_date;
  // Adapter extras (not part of the contract): leaf serial (upper-case hex),
  // subject DN, end of validity, SSL Store's major/minor status.
  std::string serial_number;
  std::string subject;
  std::optional<absl::Time> not_after;
  std::string ca_status;
};

// PropertyConfigInfo: one entry of an annotation dictionary.
struct PropertyConfigInfo {
  std::string comments;
  bool hidden = false;
  // Default value (null when there is none).
  ConfigValue default_value;
  // "String", "Secret", "Number" or "Boolean".
  std::string type = "String";
};

// ICertificateDataReader: read access to the gateway's certificate database.
// Only GetRequestIDBySerialNumber is used by the adapter; the other members
// default to UNIMPLEMENTED.
class CertificateDataReader {
 public:
  virtual ~CertificateDataReader() = default;

  // The CARequestID of the stored certificate with this hex serial; "" when
  // there is none.
  virtual absl::StatusOr<std::string> GetRequestIDBySerialNumber(
      const std::string& serial_number) = 0;

  // Whether a certificate is stored for the request.
  virtual absl::StatusOr<bool> DoesCertExistForRequestID(
      const std::string& ca_request_id);
  // Expiry of the stored certificate of the request, if any.
  virtual absl::StatusOr<std::optional<absl::Time>>
  GetExpirationDateByRequestId(const std::string& ca_request_id);
  // EndEntityStatus of the stored row.
  virtual absl::StatusOr<int> GetStatusByRequestID(
      const std::string& ca_request_id);
};

// An order Synchronize could not pass to the gateway.
struct SkippedRecord {
  std::string ca_request_id;  // empty when unknown
  std::string reason;
};

// Counts of one synchronization.
struct SyncCounts {
  int64_t processed = 0;  // orders listed and handled
  int64_t emitted = 0;    // records added to the sink
  int64_t skipped = 0;    // orders without a record (not failures)
  int64_t failed = 0;     // orders whose status or download failed
  int64_t unchanged = 0;  // incremental mode: not fetched, unchanged
  int64_t pages = 0;      // /rest/order/query pages fetched
  int resumes = 0;        // interrupted streams continued by resume token
};

// The Synchronize buffer (BlockingCollection<AnyCAPluginCertificate>).
class CertificateSink {
 public:
  virtual ~CertificateSink() = default;

  // Adds one record, blocking while the consumer is behind. Returns false
  // when the consumer accepts no more records; the sync then stops.
  virtual bool Add(AnyCAPluginCertificate certificate) = 0;

  // An order that produced no record; the sync goes on. Default: ignored.
  virtual void OnSkipped(const SkippedRecord& /*skipped*/) {}

  // Cumulative counts, after each fully processed page. Default: ignored.
  virtual void OnProgress(const SyncCounts& /*counts*/) {}
};

// A CancellationToken: set once by the host, observed by a running call.
// Thread-safe.
class CancellationToken {
 public:
  // Requests cancellation and runs the registered callbacks (once).
  void Cancel();
  // True once Cancel has been called.
  bool IsCancellationRequested() const { return cancelled_.load(); }

  // Runs `callback` on Cancel (immediately when already cancelled). Returns
  // an id for Unregister.
  int Register(std::function<void()> callback);
  // Removes a callback; after it returns the callback is not running and
  // will not run.
  void Unregister(int id);

 private:
  std::atomic<bool> cancelled_{false};
  std::mutex mutex_;
  int next_id_ = 1;
  std::map<int, std::function<void()>> callbacks_;
};

}  // namespace sslstore::gateway

#endif  // TOOLS_GATEWAY_ADAPTER_GATEWAY_TYPES_H_
