#include "tools/gateway-cli/record_output.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "proto/time/proto_time.h"
#include "tools/gateway-cli/status_display.h"

namespace sslstore::gateway::cli {
namespace {

namespace v1 = sslstore::connector::v1;

using ::sslstore::proto_time::FromProtoTimestamp;

bool IsRevoked(const v1::CertificateRecord& record) {
  return record.status() == v1::CERTIFICATE_STATUS_REVOKED;
}

// The RFC 5280 reason of a revoked record (0 when unknown).
int64_t RevocationReason(const v1::CertificateRecord& record) {
  return record.has_revocation() ? record.revocation().reason() : 0;
}

// When the revocation was requested through the connector, if known.
std::optional<absl::Time> RevocationDate(const v1::CertificateRecord& record) {
  if (!record.has_revocation() || !record.revocation().has_revoked_at()) {
    return std::nullopt;
  }
  return FromProtoTimestamp(record.revocation().revoked_at());
}

}  // namespace

std::string Rfc3339(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

bool LacksCertificate(const v1::CertificateRecord& record) {
  return record.certificate_pem().empty() &&
         (record.status() == v1::CERTIFICATE_STATUS_ISSUED ||
          IsRevoked(record));
}

std::string RecordText(const v1::CertificateRecord& record) {
  std::string text =
      absl::StrCat("request id: ", record.ca_request_id(),
                   "\nstatus: ", StatusText(ShowStatus(record.status())),
                   "\nSSL Store status: ", CaStatusText(record),
                   "\nproduct: ", record.product_code(), "\n");
  if (!record.serial_number().empty()) {
    absl::StrAppend(&text, "serial: ", record.serial_number(), "\n");
  }
  if (!record.subject().empty()) {
    absl::StrAppend(&text, "subject: ", record.subject(), "\n");
  }
  if (record.has_not_after()) {
    absl::StrAppend(&text, "not after: ",
                    Rfc3339(FromProtoTimestamp(record.not_after())), "\n");
  }
  if (IsRevoked(record)) {
    absl::StrAppend(&text, "revocation reason: ", RevocationReason(record),
                    "\n");
    if (std::optional<absl::Time> date = RevocationDate(record)) {
      absl::StrAppend(&text, "revocation date: ", Rfc3339(*date), "\n");
    }
  }
  absl::StrAppend(&text, record.certificate_pem());
  return text;
}

void WriteRecordFields(JsonWriter& json, const v1::CertificateRecord& record,
                       bool with_certificate) {
  const ShownStatus status = ShowStatus(record.status());
  Field(json, "ca_request_id", record.ca_request_id());
  Field(json, "status", status.number);
  Field(json, "status_name", status.name);
  Field(json, "product_id", record.product_code());
  Field(json, "ca_status", CaStatusText(record));
  Field(json, "serial_number", record.serial_number());
  Field(json, "subject", record.subject());
  if (record.has_not_after()) {
    Field(json, "not_after", Rfc3339(FromProtoTimestamp(record.not_after())));
  }
  json.Key("has_certificate");
  json.Bool(!record.certificate_pem().empty());
  if (IsRevoked(record)) {
    Field(json, "revocation_reason", RevocationReason(record));
    if (std::optional<absl::Time> date = RevocationDate(record)) {
      Field(json, "revocation_date", Rfc3339(*date));
    }
  }
  if (with_certificate && !record.certificate_pem().empty()) {
    Field(json, "certificate", record.certificate_pem());
  }
}

std::string RecordJson(const v1::CertificateRecord& record,
                       bool with_certificate) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  WriteRecordFields(json, record, with_certificate);
  json.EndObject();
  return buffer.GetString();
}

}  // namespace sslstore::gateway::cli
