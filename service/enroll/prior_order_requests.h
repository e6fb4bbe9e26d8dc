#ifndef SERVICE_ENROLL_PRIOR_ORDER_REQUESTS_H_
#define SERVICE_ENROLL_PRIOR_ORDER_REQUESTS_H_

#include "service/enroll/enroll_plan.h"
#include "sslstore/connector/v1/connector_service.pb.h"
#include "sslstore_client/order_models.h"

namespace sslstore::service::enroll {

// Turns a new-order body into the renewal of `prior`: isRenewalOrder and
// RelatedTheSSLStoreOrderID set, and what the request leaves out carried
// over from the prior order (admin contact to admin contact, technical to
// technical, server count, web server type, signature hash algorithm).
void MakeRenewal(const client::OrderResponse& prior,
                 const sslstore::connector::v1::EnrollRequest& request,
                 client::NewOrderRequest* body);

// The reissue of `prior` with the plan's CSR and names: the names only as
// AddSAN/DeleteSAN edits against the prior order's current names (CN
// included; none when they are unchanged, no DNSNames list), and web
// server type, hash algorithm, DCV choice and approver emails from the plan
// (carried over from the prior order where the request leaves them out).
client::ReissueRequest BuildReissue(
    const EnrollPlan& plan, const client::OrderResponse& prior,
    const sslstore::connector::v1::EnrollRequest& request);

}  // namespace sslstore::service::enroll

#endif  // SERVICE_ENROLL_PRIOR_ORDER_REQUESTS_H_
