// Stopping a running synchronization from another thread (e.g. on Ctrl-C):
// the stream's gRPC call is cancelled and no resume attempt follows.
#ifndef TOOLS_GATEWAY_CLI_SYNC_CANCEL_H_
#define TOOLS_GATEWAY_CLI_SYNC_CANCEL_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/client_context.h"

namespace sslstore::gateway::cli {

// Thread-safe.
class SyncCancel {
 public:
  // Cancels the call in progress, if any, and every later one.
  void Cancel();
  // True once Cancel was called.
  bool cancelled() const;

  // Makes `call` the call in progress (nullptr: none), cancelled at once
  // when Cancel was called already. Clear it before destroying the call.
  void SetCall(grpc::ClientContext* call);

  // Waits up to `timeout` for Cancel; true when it was called.
  bool WaitForCancel(absl::Duration timeout) const;

 private:
  mutable absl::Mutex mu_;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  grpc::ClientContext* call_ ABSL_GUARDED_BY(mu_) = nullptr;
};

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_SYNC_CANCEL_H_
