#ifndef SERVICE_OBSERVABILITY_LOGGER_H_
#define SERVICE_OBSERVABILITY_LOGGER_H_

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/observability/log_config.h"
#include "service/observability/redactor.h"

namespace sslstore::service::observability {

// One key/value of a log line. Values are strings, integers, floating-point
// numbers or booleans; strings are redacted like the rest of the line.
struct LogField {
  LogField(absl::string_view k, absl::string_view v)
      : key(k), value(std::string(v)) {}
  LogField(absl::string_view k, const std::string& v) : key(k), value(v) {}
  LogField(absl::string_view k, const char* v)
      : key(k), value(std::string(v == nullptr ? "" : v)) {}
  LogField(absl::string_view k, int v) : key(k), value(int64_t{v}) {}
  LogField(absl::string_view k, int64_t v) : key(k), value(v) {}
  LogField(absl::string_view k, double v) : key(k), value(v) {}
  LogField(absl::string_view k, bool v) : key(k), value(v) {}

  std::string key;
  std::variant<std::string, int64_t, double, bool> value;
};

// Structured, thread-safe logging. Each line carries "time" (RFC 3339 UTC
// with milliseconds), "level", "msg" and the given fields, written as one
// JSON object (default) or as text ("TIME LEVEL msg key=value ..."). Every
// finished line passes through the redactor before it reaches the sink, so
// no known secret and no auth-token field value can be written.
class Logger {
 public:
  // Lines below `config.level` are dropped; `redactor` must outlive the
  // logger. An empty `config.sink` writes to standard error.
  Logger(const LoggingConfig& config, const Redactor& redactor);

  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  // True when lines of `level` are written (to skip building costly ones).
  bool Enabled(LogLevel level) const { return level >= level_; }
  // The configured level.
  LogLevel level() const { return level_; }

  // Writes one line when `level` is enabled.
  void Log(LogLevel level, absl::string_view message,
           std::initializer_list<LogField> fields = {});
  // Same, with fields built at run time and extra secrets of the current
  // call scrubbed too.
  void Log(LogLevel level, absl::string_view message,
           const std::vector<LogField>& fields,
           const std::vector<std::string>& extra_secrets);

  // Shorthands for Log(level, ...).
  void Trace(absl::string_view message,
             std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kTrace, message, fields);
  }
  void Debug(absl::string_view message,
             std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kDebug, message, fields);
  }
  void Info(absl::string_view message,
            std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kInfo, message, fields);
  }
  void Warn(absl::string_view message,
            std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kWarn, message, fields);
  }
  void Error(absl::string_view message,
             std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kError, message, fields);
  }

  // The line Log would write at `time`, before redaction (for tests).
  std::string Format(absl::Time time, LogLevel level, absl::string_view message,
                     const std::vector<LogField>& fields) const;

 private:
  const LogLevel level_;
  const LogFormat format_;
  const Redactor& redactor_;
  LogSink sink_;
  absl::Mutex write_mutex_;  // one line at a time reaches the sink
};

}  // namespace sslstore::service::observability

#endif  // SERVICE_OBSERVABILITY_LOGGER_H_
