#ifndef SERVICE_SERVER_UNARY_JOB_H_
#define SERVICE_SERVER_UNARY_JOB_H_

#include <functional>

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

}  // namespace sslstore::service

#endif  // SERVICE_SERVER_UNARY_JOB_H_
