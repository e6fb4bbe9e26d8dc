#ifndef SERVICE_OBSERVABILITY_LOG_CONFIG_H_
#define SERVICE_OBSERVABILITY_LOG_CONFIG_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"

namespace sslstore::service::observability {

// Log levels, most verbose first. A logger set to a level writes lines of
// that level and above.
enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError };

// "trace", "debug", "info", "warn", "error".
absl::string_view LogLevelName(LogLevel level);

// Parses a level name (case-insensitive; "warning" is accepted for warn).
std::optional<LogLevel> ParseLogLevel(absl::string_view name);

// How each line is written.
enum class LogFormat {
  kJson,  // one JSON object per line (the default)
  kText,  // "TIME LEVEL message key=value ..." for people
};

// Receives each finished log line (without the trailing newline).
using LogSink = std::function<void(absl::string_view line)>;

// The "logging" section.
struct LoggingConfig {
  LogLevel level = LogLevel::kInfo;
  LogFormat format = LogFormat::kJson;
  // Where lines go; empty = standard error. Not read from the file: set by
  // tests (and embedders) to capture lines.
  LogSink sink;
};

// The "metrics" section.
struct MetricsConfig {
  // "host:port" serving the Prometheus text format at /metrics; port 0
  // picks a free port. Empty = no endpoint (metrics are still counted).
  std::string listen_address;
  // A secret: when set, scrapes must send "Authorization: Bearer <token>".
  // Read by the server configuration from "bearer_token", "_env" or "_file"
  // (which this parser only admits as members).
  std::string bearer_token;
};

// Logging and metrics settings of the server.
struct ObservabilityConfig {
  LoggingConfig logging;
  MetricsConfig metrics;
};

// Reads the top-level keys "logging" ({"level": "info", "format": "json" |
// "text"}) and "metrics" ({"listen_address": "127.0.0.1:9464"}) of
// `root_object` into `out`; other top-level keys are left to the caller.
// Absent keys keep their defaults. Unknown keys inside the two sections and
// bad values are rejected with INVALID_ARGUMENT "<path>: <problem>", the
// path prefixed with `path_prefix` (e.g. "" gives "logging.level").
absl::Status ParseObservabilityConfig(const rapidjson::Value& root_object,
                                      std::string_view path_prefix,
                                      ObservabilityConfig* out);

}  // namespace sslstore::service::observability

#endif  // SERVICE_OBSERVABILITY_LOG_CONFIG_H_
