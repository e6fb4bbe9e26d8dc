#ifndef SERVICE_ENROLL_ENROLL_RESPONSE_H_
#define SERVICE_ENROLL_ENROLL_RESPONSE_H_

#include "sslstore/connector/v1/connector_service.pb.h"
#include "sslstore_client/order_models.h"

namespace sslstore::service::enroll {

// Fills an Enroll response from the order SSL Store holds (or just created):
// ca_request_id, status, ids, the action taken, and the DCV records
// (approver emails, CNAME records or validation files) to act on.
void FillEnrollResponse(const client::OrderResponse& order,
                        sslstore::connector::v1::EnrollmentAction action,
                        sslstore::connector::v1::DcvMethod dcv_method,
                        sslstore::connector::v1::EnrollResponse* response);

}  // namespace sslstore::service::enroll

#endif  // SERVICE_ENROLL_ENROLL_RESPONSE_H_
