#ifndef SSLSTORE_CLIENT_CALL_HANDLE_H_
#define SSLSTORE_CLIENT_CALL_HANDLE_H_

#include <memory>
#include <utility>

namespace sslstore::client {
namespace internal {

// Something in flight that can be asked to stop.
class Cancellable {
 public:
  virtual ~Cancellable() = default;
  // Asks the call to stop; it then completes with CANCELLED (unless it had
  // already completed). Thread-safe; never blocks.
  virtual void Cancel() = 0;
};

}  // namespace internal

// Handle to one asynchronous call, for cancelling it (e.g. from a gRPC
// reactor's OnCancel). Copyable; cheap; does not keep the call alive.
// Cancelling a finished call does nothing. Must not be used after the client
// that made the call is destroyed.
class CallHandle {
 public:
  CallHandle() = default;
  explicit CallHandle(std::weak_ptr<internal::Cancellable> call)
      : call_(std::move(call)) {}

  // Cancels the call if it is still running: its callback then receives
  // CANCELLED. Thread-safe and non-blocking.
  void Cancel() const {
    if (std::shared_ptr<internal::Cancellable> call = call_.lock()) {
      call->Cancel();
    }
  }

 private:
  std::weak_ptr<internal::Cancellable> call_;
};

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_CALL_HANDLE_H_
