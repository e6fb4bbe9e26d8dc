#ifndef TESTS_SERVICE_OBSERVABILITY_CAPTURED_LOG_H_
#define TESTS_SERVICE_OBSERVABILITY_CAPTURED_LOG_H_

#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "service/observability/log_config.h"

namespace sslstore::service::observability::testing {

// Log lines captured in memory, from any thread. Must outlive whatever
// writes to its sink.
class CapturedLog {
 public:
  // A sink that appends each line.
  LogSink sink() {
    return [this](absl::string_view line) {
      absl::MutexLock lock(&mutex_);
      lines_.emplace_back(line);
    };
  }

  // The lines so far, oldest first.
  std::vector<std::string> lines() {
    absl::MutexLock lock(&mutex_);
    return lines_;
  }

 private:
  absl::Mutex mutex_;
  std::vector<std::string> lines_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace sslstore::service::observability::testing

#endif  // TESTS_SERVICE_OBSERVABILITY_CAPTURED_LOG_H_
