// How sslstore-gateway prints a certificate record (record, sync): text
// lines or one JSON object.
#ifndef TOOLS_GATEWAY_CLI_RECORD_OUTPUT_H_
#define TOOLS_GATEWAY_CLI_RECORD_OUTPUT_H_

#include <string>

#include "absl/time/time.h"
#include "sslstore/connector/v1/certificate.pb.h"
#include "tools/gateway-cli/json_fields.h"

namespace sslstore::gateway::cli {

// "2024-05-01T00:00:00Z".
std::string Rfc3339(absl::Time time);

// True when `record` is ISSUED or REVOKED but carries no certificate: the
// record command refuses it and a sync reports it as skipped.
bool LacksCertificate(const sslstore::connector::v1::CertificateRecord& record);

// A record as text lines ("request id: ...", "status: GENERATED (40)",
// "SSL Store status: ...", "product: ...", then serial, subject, not after
// and revocation when known), the certificate PEM last.
std::string RecordText(
    const sslstore::connector::v1::CertificateRecord& record);

// A record's JSON fields (ca_request_id, status, status_name, product_id,
// ca_status, serial_number, subject, not_after, has_certificate, the
// revocation's reason and date, and the PEM as "certificate" when
// `with_certificate`), written into an open object.
void WriteRecordFields(JsonWriter& json,
                       const sslstore::connector::v1::CertificateRecord& record,
                       bool with_certificate);

// A record as one JSON object (without a trailing newline).
std::string RecordJson(const sslstore::connector::v1::CertificateRecord& record,
                       bool with_certificate);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_RECORD_OUTPUT_H_
