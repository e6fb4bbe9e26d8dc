#include "service/server/unary_job.h"

#include <memory>
#include <utility>

#include "absl/time/clock.h"
#include "grpcpp/server_context.h"
#include "service/server/error_reason.h"
#include "service/server/grpc_status.h"

namespace sslstore::service {
namespace {

absl::Time DeadlineOf(const grpc::CallbackServerContext& context) {
  const auto deadline = context.deadline();
  if (deadline == std::chrono::system_clock::time_point::max()) {
    return absl::InfiniteFuture();
  }
  return absl::FromChrono(deadline);
}

// The status of a call the worker pool did not take: busy or shutting down.
grpc::Status NotSubmitted(const absl::Status& submitted) {
  return ToGrpcStatus(WithReason(
      submitted, submitted.code() == absl::StatusCode::kResourceExhausted
                     ? sslstore::connector::v1::CONNECTOR_BUSY
                     : sslstore::connector::v1::CONNECTOR_SHUTTING_DOWN));
}

class UnaryJobReactor final : public grpc::ServerUnaryReactor {
 public:
  explicit UnaryJobReactor(std::shared_ptr<CallScope> scope)
      : scope_(std::move(scope)) {}

  void OnCancel() override { scope_->Cancel(); }
  void OnDone() override { delete this; }

 private:
  std::shared_ptr<CallScope> scope_;
};

}  // namespace

grpc::ServerUnaryReactor* RunUnaryJob(grpc::CallbackServerContext* context,
                                      WorkerPool& pool, UnaryWork work) {
  auto scope = std::make_shared<CallScope>(DeadlineOf(*context));
  auto* reactor = new UnaryJobReactor(scope);
  absl::Status submitted =
      pool.Submit([reactor, scope, work = std::move(work)] {
        reactor->Finish(ToGrpcStatus(work(*scope)));
      });
  if (!submitted.ok()) reactor->Finish(NotSubmitted(submitted));
  return reactor;
}

grpc::ServerUnaryReactor* RunAsyncUnaryJob(grpc::CallbackServerContext* context,
                                           WorkerPool& pool,
                                           AsyncUnaryWork work) {
  auto scope = std::make_shared<CallScope>(DeadlineOf(*context));
  auto* reactor = new UnaryJobReactor(scope);
  absl::Status submitted =
      pool.Submit([reactor, scope, work = std::move(work)] {
        work(scope, [reactor](const absl::Status& status) {
          reactor->Finish(ToGrpcStatus(status));
        });
      });
  if (!submitted.ok()) reactor->Finish(NotSubmitted(submitted));
  return reactor;
}

}  // namespace sslstore::service
