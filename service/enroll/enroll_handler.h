#ifndef SERVICE_ENROLL_ENROLL_HANDLER_H_
#define SERVICE_ENROLL_ENROLL_HANDLER_H_

#include <functional>
#include <memory>

#include "absl/status/status.h"
#include "service/server/call_scope.h"
#include "service/upstream/service_deps.h"
#include "sslstore/connector/v1/connector_service.pb.h"

namespace sslstore::service::enroll {

// Receives Enroll's final status.
using EnrollDone = std::function<void(absl::Status status)>;

// Enroll: a new order, a renewal (new order linked to the prior one) or a
// reissue (same order), as the enrollment type and the renewal window say.
// Everything that can be checked locally is checked first (INVALID_ARGUMENT
// with a BadRequest listing every problem; nothing is sent upstream); then,
// in parallel, the idempotency lookup by CustomOrderID, the prior order and
// the approver lists; then the approver rules; then the order, never placed
// twice: an existing order with the same CustomOrderID is returned (a
// refused lookup or an empty order means there is none), a lost or
// timed-out answer and a refused order are followed by another lookup, not
// a resend, and concurrent calls for the same CustomOrderID in this process
// join the first one's order instead of placing their own.
// A renewal or reissue that leaves out parameters the product requires gets
// them from the prior order (contacts, validity, organization, approver,
// DCV choice). With `wait_for_issuance` it polls until the certificate is
// issued or the wait ends, and returns the certificate inline; the wait
// holds no thread (timers on deps.timers and asynchronous polls) and ends
// promptly on cancellation or the deadline.
//
// Runs the steps up to the order on the calling (worker) thread, then calls
// `done` with the status once `response` is complete: on this thread, or
// later on a worker thread after a wait. `request` and `response` must stay
// valid until then.
void StartEnroll(ServiceDeps& deps, const std::shared_ptr<CallScope>& scope,
                 const sslstore::connector::v1::EnrollRequest& request,
                 sslstore::connector::v1::EnrollResponse* response,
                 const EnrollDone& done);

}  // namespace sslstore::service::enroll

#endif  // SERVICE_ENROLL_ENROLL_HANDLER_H_
