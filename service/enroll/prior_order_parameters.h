#ifndef SERVICE_ENROLL_PRIOR_ORDER_PARAMETERS_H_
#define SERVICE_ENROLL_PRIOR_ORDER_PARAMETERS_H_

#include "sslstore/connector/v1/connector_service.pb.h"
#include "sslstore_client/order_models.h"

namespace sslstore::service::enroll {

// Fills the enrollment parameters a renewal or reissue leaves out from the
// prior order: admin contact to admin contact, technical to technical,
// validity, server count, web server type, signature hash algorithm,
// organization details, approver email, Organization ID and the DCV choice.
// Parameters the request sets are never changed.
void FillMissingFromPriorOrder(const client::OrderResponse& prior,
                               sslstore::connector::v1::EnrollRequest* request);

}  // namespace sslstore::service::enroll

#endif  // SERVICE_ENROLL_PRIOR_ORDER_PARAMETERS_H_
