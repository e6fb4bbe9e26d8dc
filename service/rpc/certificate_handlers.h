#ifndef SERVICE_RPC_CERTIFICATE_HANDLERS_H_
#define SERVICE_RPC_CERTIFICATE_HANDLERS_H_

#include "absl/status/status.h"
#include "service/server/call_scope.h"
#include "service/upstream/service_deps.h"
#include "sslstore/connector/v1/connector_service.pb.h"

namespace sslstore::service {

// GetCertificate: the order's status, and for an issued or revoked order its
// certificate (leaf by inspection) and chain. A pending order returns no
// certificate bytes; a certificate that cannot be read is an error
// (DATA_LOSS), never empty bytes. NOT_FOUND when SSL Store has no such order.
absl::Status HandleGetCertificate(
    ServiceDeps& deps, CallScope& scope,
    const sslstore::connector::v1::GetCertificateRequest& request,
    sslstore::connector::v1::GetCertificateResponse* response);

// RevokeCertificate: a refund request (the default, as the plugin documentation
// does) or a certificate revoke request with serial and reason. Reports what
// SSL Store did: refused (accepted false, FAILED); accepted and the order
// cancelled (REVOKED); or accepted and pending while the order is still active
// (the order's current status, e.g. ISSUED, with pending set).
absl::Status HandleRevokeCertificate(
    ServiceDeps& deps, CallScope& scope,
    const sslstore::connector::v1::RevokeCertificateRequest& request,
    sslstore::connector::v1::RevokeCertificateResponse* response);

}  // namespace sslstore::service

#endif  // SERVICE_RPC_CERTIFICATE_HANDLERS_H_
