#ifndef SERVICE_SERVER_UNARY_JOB_H_
#define SERVICE_SERVER_UNARY_JOB_H_

#include <functional>
#include <memory>

#include "absl/status/status.h"
#include "grpcpp/support/server_callback.h"
#include "service/server/call_scope.h"
#include "service/server/worker_pool.h"

namespace sslstore::service {

// The logic of one unary RPC: fills the response and returns the status.
using UnaryWork = std::function<absl::Status(CallScope& scope)>;

// Runs `work` on `pool` and finishes the call with its status (converted by
// ToGrpcStatus). The scope carries the call's deadline and is cancelled when
// the client cancels, which cancels the upstream calls in flight. The
// returned reactor never blocks a gRPC thread.
grpc::ServerUnaryReactor* RunUnaryJob(grpc::CallbackServerContext* context,
                                      WorkerPool& pool, UnaryWork work);

// Finishes an asynchronous unary RPC with its status; call exactly once,
// from any thread.
using UnaryDone = std::function<void(absl::Status status)>;

// The logic of one unary RPC that may finish after it returns (for example
// after a timer): fills the response, then calls `done`.
using AsyncUnaryWork = std::function<void(
    const std::shared_ptr<CallScope>& scope, const UnaryDone& done)>;

// Like RunUnaryJob, but the call finishes when `work` calls its `done`,
// which may be after `work` returned, on another thread.
grpc::ServerUnaryReactor* RunAsyncUnaryJob(grpc::CallbackServerContext* context,
                                           WorkerPool& pool,
                                           AsyncUnaryWork work);

}  // namespace sslstore::service

#endif  // SERVICE_SERVER_UNARY_JOB_H_
