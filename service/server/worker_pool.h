#ifndef SERVICE_SERVER_WORKER_POOL_H_
#define SERVICE_SERVER_WORKER_POOL_H_

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace sslstore::service {

// A fixed set of threads running queued jobs. CA-facing unary RPCs run their
// step-by-step logic here, so gRPC's callback threads never block.
class WorkerPool {
 public:
  // Starts `threads` threads; at most `max_queued` jobs wait for one.
  WorkerPool(int threads, int max_queued);
  // Runs the queued jobs to completion, then joins the threads.
  ~WorkerPool();

  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `job`; RESOURCE_EXHAUSTED when the queue is full and UNAVAILABLE
  // when the pool is stopping (`job` is then dropped).
  absl::Status Submit(std::function<void()> job);

 private:
  void RunJobs();

  const int max_queued_;
  absl::Mutex mutex_;
  std::deque<std::function<void()>> jobs_ ABSL_GUARDED_BY(mutex_);
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace sslstore::service

#endif  // SERVICE_SERVER_WORKER_POOL_H_
