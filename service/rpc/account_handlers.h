#ifndef SERVICE_RPC_ACCOUNT_HANDLERS_H_
#define SERVICE_RPC_ACCOUNT_HANDLERS_H_

#include "absl/status/status.h"
#include "service/server/call_scope.h"
#include "service/upstream/service_deps.h"
#include "sslstore/connector/v1/connector_service.pb.h"

namespace sslstore::service {

// ListApproverEmails: the addresses SSL Store accepts as email-DCV approvers
// for a domain under a product (/rest/order/approverlist; -EO products ask
// with their API code).
absl::Status HandleListApproverEmails(
    ServiceDeps& deps, CallScope& scope,
    const sslstore::connector::v1::ListApproverEmailsRequest& request,
    sslstore::connector::v1::ListApproverEmailsResponse* response);

// ListOrganizations: the DigiCert organizations of the account, for the
// "Organization ID" of -EO products (active ones unless asked otherwise).
absl::Status HandleListOrganizations(
    ServiceDeps& deps, CallScope& scope,
    const sslstore::connector::v1::ListOrganizationsRequest& request,
    sslstore::connector::v1::ListOrganizationsResponse* response);

}  // namespace sslstore::service

#endif  // SERVICE_RPC_ACCOUNT_HANDLERS_H_
