#ifndef SERVICE_SERVER_CALL_SCOPE_H_
#define SERVICE_SERVER_CALL_SCOPE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "sslstore_client/call_handle.h"

namespace sslstore::service {

// One upstream call started through a CallScope: its result once done.
template <typename T>
struct PendingCall {
  // Notified when `result` is set.
  absl::Notification done;
  // The call's outcome.
  absl::StatusOr<T> result = absl::UnknownError("no result yet");
  // The scope's key for the call's handle.
  int64_t id = 0;
};

// The lifetime of one gRPC call as the connector's logic sees it: its
// deadline, and whether the caller cancelled. Upstream calls started through
// the scope are cancelled as soon as the scope is. Thread-safe.
class CallScope {
 public:
  // `deadline` is absl::InfiniteFuture() when the caller set none.
  explicit CallScope(absl::Time deadline) : deadline_(deadline) {}

  // The caller's deadline.
  absl::Time deadline() const { return deadline_; }

  // Marks the call cancelled and cancels every upstream call in flight.
  void Cancel();

  // Runs `hook` once when the scope is cancelled: from Cancel(), or at once
  // on this thread when it already was. Hooks must not block.
  void OnCancel(absl::AnyInvocable<void() &&> hook);

  // CANCELLED or DEADLINE_EXCEEDED when the call should stop; OK otherwise.
  absl::Status CheckAlive() const;

  // Starts an asynchronous client call: `start(callback)` must start it and
  // return its CallHandle. Several may be in flight at once; Wait() for each.
  template <typename T, typename StartFn>
  std::shared_ptr<PendingCall<T>> Start(StartFn start);

  // Waits for `call`'s result, the deadline or cancellation, whichever comes
  // first (the call is cancelled in the last two cases). `what` names the
  // call in errors.
  template <typename T>
  absl::StatusOr<T> Wait(absl::string_view what, PendingCall<T>& call);

  // Start() then Wait().
  template <typename T, typename StartFn>
  absl::StatusOr<T> Await(absl::string_view what, StartFn start) {
    return Wait(what, *Start<T>(std::move(start)));
  }

 private:
  int64_t Track(client::CallHandle handle);
  void Untrack(int64_t id, bool cancel);

  const absl::Time deadline_;
  mutable absl::Mutex mutex_;
  bool cancelled_ ABSL_GUARDED_BY(mutex_) = false;
  int64_t next_id_ ABSL_GUARDED_BY(mutex_) = 1;
  std::map<int64_t, client::CallHandle> in_flight_ ABSL_GUARDED_BY(mutex_);
  std::vector<absl::AnyInvocable<void() &&>> cancel_hooks_
      ABSL_GUARDED_BY(mutex_);
};

template <typename T, typename StartFn>
std::shared_ptr<PendingCall<T>> CallScope::Start(StartFn start) {
  auto call = std::make_shared<PendingCall<T>>();
  if (absl::Status alive = CheckAlive(); !alive.ok()) {
    call->result = alive;
    call->done.Notify();
    return call;
  }
  call->id = Track(start([call](absl::StatusOr<T> result) {
    call->result = std::move(result);
    call->done.Notify();
  }));
  return call;
}

template <typename T>
absl::StatusOr<T> CallScope::Wait(absl::string_view what,
                                  PendingCall<T>& call) {
  if (!call.done.WaitForNotificationWithDeadline(deadline_)) {
    Untrack(call.id, /*cancel=*/true);
    call.done.WaitForNotification();  // a cancelled call completes promptly
    return absl::DeadlineExceededError(absl::StrCat(
        "deadline exceeded while waiting for SSL Store (", what, ")"));
  }
  Untrack(call.id, /*cancel=*/false);
  if (absl::Status alive = CheckAlive(); !alive.ok()) return alive;
  return std::move(call.result);
}

}  // namespace sslstore::service

#endif  // SERVICE_SERVER_CALL_SCOPE_H_
