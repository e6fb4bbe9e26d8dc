// Translation between the connector's messages and the gateway's types:
// statuses, records, enrollment results and the enrollment request's enums.
#ifndef TOOLS_GATEWAY_ADAPTER_RECORD_MAPPING_H_
#define TOOLS_GATEWAY_ADAPTER_RECORD_MAPPING_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sslstore/connector/v1/connector_service.pb.h"
#include "tools/gateway-adapter/gateway_types.h"

namespace sslstore::gateway {

// EndEntityStatus of a connector status: ISSUED -> GENERATED (40),
// PENDING_VALIDATION -> EXTERNALVALIDATION (90), REVOKED -> REVOKED (50),
// FAILED -> FAILED (11), NEW and anything else -> NEW (10).
int ToEndEntityStatus(sslstore::connector::v1::CertificateStatus status);

// The connector's enrollment type.
sslstore::connector::v1::EnrollmentType ToConnectorType(EnrollmentType type);

// The connector's revocation reason for an RFC 5280 code; INVALID_ARGUMENT
// for 7 and values above 10.
absl::StatusOr<sslstore::connector::v1::RevocationReason> ToRevocationReason(
    uint32_t reason);

// The gateway's record for a connector record.
AnyCAPluginCertificate ToPluginCertificate(
    const sslstore::connector::v1::CertificateRecord& record);

// True when the gateway must not receive `certificate`: a GENERATED or
// REVOKED record without a certificate (the gateway's certificate store
// fails on empty certificate data).
bool LacksRequiredCertificate(const AnyCAPluginCertificate& certificate);

// The enrollment context of an Enroll response: "action",
// "ssl_store_order_id", "partner_order_id", "custom_order_id",
// "vendor_order_id", "validity_months" (when known) and, per DCV record,
// "dcv.<domain>.<item>" with items method, status, approver_email,
// cname_name, cname_value, file_name, file_contents, file_path (when set).
std::map<std::string, std::string> EnrollmentContextOf(
    const sslstore::connector::v1::EnrollResponse& response);

// The gateway's result for an Enroll response. A GENERATED status is only
// reported with a certificate: an issued order whose certificate did not
// come back is reported as EXTERNALVALIDATION (the next sync delivers it).
EnrollmentResult ToEnrollmentResult(
    const sslstore::connector::v1::EnrollResponse& response);

}  // namespace sslstore::gateway

#endif  // TOOLS_GATEWAY_ADAPTER_RECORD_MAPPING_H_
