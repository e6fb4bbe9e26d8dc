#include "service/enroll/issuance_wait.h"

#include <cstdint>
#include <optional>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "service/mapping/certificate_record.h"

namespace sslstore::service::enroll {
namespace {

namespace v1 = sslstore::connector::v1;
using client::OrderResponse;

// One wait: the order's last state, the timer or poll in flight, and
// whether the wait has ended. Kept alive by its callbacks.
class Waiter : public std::enable_shared_from_this<Waiter> {
 public:
  Waiter(std::shared_ptr<CallScope> scope,
         std::shared_ptr<client::Wbapi> client, TimerService& timers,
         OrderResponse order, absl::Time until, client::BackoffPolicy backoff,
         IssuanceDone done)
      : scope_(std::move(scope)),
        client_(std::move(client)),
        timers_(timers),
        until_(until),
        backoff_(std::move(backoff)),
        order_(std::move(order)),
        done_(std::move(done)) {
    ref_.the_sslstore_order_id = order_.the_sslstore_order_id;
  }

  // Arms the cancellation hook and the deadline, then takes the first step.
  void Begin() {
    std::weak_ptr<Waiter> weak = weak_from_this();
    scope_->OnCancel([weak] {
      if (std::shared_ptr<Waiter> self = weak.lock()) {
        self->Stop(absl::CancelledError("the call was cancelled"));
      }
    });
    if (scope_->deadline() != absl::InfiniteFuture()) {
      client::CallHandle deadline = timers_.Schedule(
          scope_->deadline(), [weak](const absl::Status& status) {
            if (!status.ok()) return;  // the wait ended first
            if (std::shared_ptr<Waiter> self = weak.lock()) {
              self->Stop(absl::DeadlineExceededError(
                  "deadline exceeded while waiting for issuance"));
            }
          });
      absl::MutexLock lock(&mutex_);
      deadline_timer_ = deadline;
      if (finished_) deadline_timer_.Cancel();
    }
    Step();
  }

 private:
  // Ends the wait with `why` (cancellation or deadline): the step in flight
  // is cancelled and its callback finishes the wait.
  void Stop(absl::Status why) {
    client::CallHandle current;
    {
      absl::MutexLock lock(&mutex_);
      if (finished_ || stop_reason_.has_value()) return;
      stop_reason_ = std::move(why);
      current = current_;
    }
    current.Cancel();
  }

  // Waits for the next poll, or finishes when the order is done or the next
  // poll would come too late.
  void Step() {
    if (!AwaitsIssuance(order_)) return Finish(order_);
    const absl::Duration interval = backoff_.NextDelay();
    const absl::Time at = absl::Now() + interval;
    if (at > until_) return Finish(order_);
    std::shared_ptr<Waiter> self = shared_from_this();
    const int64_t step = NextStep();
    Track(step, timers_.Schedule(at, [self](absl::Status status) {
      self->OnTimer(std::move(status));
    }));
  }

  void OnTimer(absl::Status status) {
    if (std::optional<absl::Status> stopped = StopReason()) {
      return Finish(*std::move(stopped));
    }
    if (!status.ok()) return Finish(std::move(status));
    if (absl::Status alive = scope_->CheckAlive(); !alive.ok()) {
      return Finish(std::move(alive));
    }
    std::shared_ptr<Waiter> self = shared_from_this();
    const int64_t step = NextStep();
    Track(step,
          client_->Status(ref_, [self](absl::StatusOr<OrderResponse> polled) {
            self->OnPolled(std::move(polled));
          }));
  }

  void OnPolled(absl::StatusOr<OrderResponse> polled) {
    if (std::optional<absl::Status> stopped = StopReason()) {
      return Finish(*std::move(stopped));
    }
    if (!polled.ok()) return Finish(polled.status());
    order_ = *std::move(polled);
    Step();
  }

  // Numbers the step about to start.
  int64_t NextStep() {
    absl::MutexLock lock(&mutex_);
    return ++step_;
  }

  // Records the handle of step `step`, unless a later step already began
  // (this one then completed); cancels it at once when the wait was stopped
  // meanwhile.
  void Track(int64_t step, const client::CallHandle& handle) {
    bool stopped = false;
    {
      absl::MutexLock lock(&mutex_);
      if (step != step_) return;
      current_ = handle;
      stopped = stop_reason_.has_value() || finished_;
    }
    if (stopped) handle.Cancel();
  }

  std::optional<absl::Status> StopReason() {
    absl::MutexLock lock(&mutex_);
    return stop_reason_;
  }

  void Finish(absl::StatusOr<OrderResponse> result) {
    client::CallHandle deadline;
    {
      absl::MutexLock lock(&mutex_);
      if (finished_) return;
      finished_ = true;
      current_ = client::CallHandle();
      deadline = deadline_timer_;
    }
    deadline.Cancel();
    std::move(done_)(std::move(result));
  }

  const std::shared_ptr<CallScope> scope_;
  const std::shared_ptr<client::Wbapi> client_;
  TimerService& timers_;
  const absl::Time until_;
  // Used by one step at a time (steps follow each other).
  client::BackoffPolicy backoff_;
  OrderResponse order_;
  client::OrderRef ref_;
  IssuanceDone done_;

  absl::Mutex mutex_;
  client::CallHandle current_ ABSL_GUARDED_BY(mutex_);
  client::CallHandle deadline_timer_ ABSL_GUARDED_BY(mutex_);
  std::optional<absl::Status> stop_reason_ ABSL_GUARDED_BY(mutex_);
  bool finished_ ABSL_GUARDED_BY(mutex_) = false;
  int64_t step_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace

client::BackoffPolicy IssuancePollBackoff() {
  client::BackoffPolicy::Options options;
  options.initial = absl::Milliseconds(250);
  options.maximum = absl::Seconds(5);
  options.multiplier = 2.0;
  options.jitter = 0.0;
  return client::BackoffPolicy(options);
}

bool AwaitsIssuance(const OrderResponse& order) {
  const v1::CertificateStatus status =
      MapOrderStatus(order.order_status.major_status);
  return status == v1::CERTIFICATE_STATUS_PENDING_VALIDATION ||
         (status == v1::CERTIFICATE_STATUS_ISSUED &&
          order.order_status.minor_status == "PENDING_REISSUE");
}

void WaitForIssuance(std::shared_ptr<CallScope> scope,
                     std::shared_ptr<client::Wbapi> client,
                     TimerService& timers, OrderResponse order,
                     absl::Time until, client::BackoffPolicy backoff,
                     IssuanceDone done) {
  if (!AwaitsIssuance(order)) {
    std::move(done)(std::move(order));
    return;
  }
  auto waiter = std::make_shared<Waiter>(std::move(scope), std::move(client),
                                         timers, std::move(order), until,
                                         std::move(backoff), std::move(done));
  waiter->Begin();
}

}  // namespace sslstore::service::enroll
