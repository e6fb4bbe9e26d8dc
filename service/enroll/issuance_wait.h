#ifndef SERVICE_ENROLL_ISSUANCE_WAIT_H_
#define SERVICE_ENROLL_ISSUANCE_WAIT_H_

#include <memory>

#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/server/call_scope.h"
#include "service/server/timer_service.h"
#include "sslstore_client/backoff_policy.h"
#include "sslstore_client/order_models.h"
#include "sslstore_client/wbapi.h"

namespace sslstore::service::enroll {

// The poll intervals of the wait for issuance: 250 ms doubling to 5 s.
client::BackoffPolicy IssuancePollBackoff();

// True while `order` is still on its way to a certificate: pending
// validation, or issued with a reissue pending.
bool AwaitsIssuance(const client::OrderResponse& order);

// Receives the order's last state when the wait ends (issued, or the next
// poll would pass `until`), or the error that ended it (CANCELLED,
// DEADLINE_EXCEEDED, a failed status call).
using IssuanceDone =
    absl::AnyInvocable<void(absl::StatusOr<client::OrderResponse>) &&>;

// Polls `order` (/rest/order/status) until it is issued or the next poll
// would pass `until`, with the intervals of `backoff`. Never blocks: each
// interval is a timer on `timers`, each poll an asynchronous call. Ends
// promptly when `scope` is cancelled or its deadline passes (a poll in
// flight is cancelled). `done` runs exactly once, on a timer or client
// thread (or on this thread when there is nothing to wait for); it must not
// block. `timers` must outlive the wait.
void WaitForIssuance(std::shared_ptr<CallScope> scope,
                     std::shared_ptr<client::Wbapi> client,
                     TimerService& timers, client::OrderResponse order,
                     absl::Time until, client::BackoffPolicy backoff,
                     IssuanceDone done);

}  // namespace sslstore::service::enroll

#endif  // SERVICE_ENROLL_ISSUANCE_WAIT_H_
