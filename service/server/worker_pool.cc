#include "service/server/worker_pool.h"

#include <utility>

namespace sslstore::service {

WorkerPool::WorkerPool(int threads, int max_queued) : max_queued_(max_queued) {
  threads_.reserve(threads);
  for (int i = 0; i < threads; ++i) {
    threads_.emplace_back([this] { RunJobs(); });
  }
}

WorkerPool::~WorkerPool() {
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
  }
  for (std::thread& thread : threads_) thread.join();
}

absl::Status WorkerPool::Submit(std::function<void()> job) {
  absl::MutexLock lock(&mutex_);
  if (stopping_) return absl::UnavailableError("the server is shutting down");
  if (static_cast<int>(jobs_.size()) >= max_queued_) {
    return absl::ResourceExhaustedError(
        "too many calls waiting for a worker; retry later");
  }
  jobs_.push_back(std::move(job));
  return absl::OkStatus();
}

void WorkerPool::RunJobs() {
  while (true) {
    std::function<void()> job;
    {
      absl::MutexLock lock(&mutex_);
      mutex_.Await(absl::Condition(
          +[](WorkerPool* pool) ABSL_EXCLUSIVE_LOCKS_REQUIRED(pool->mutex_) {
            return pool->stopping_ || !pool->jobs_.empty();
          },
          this));
      if (jobs_.empty()) return;  // stopping, and nothing left to run
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

}  // namespace sslstore::service
