#include "service/observability/log_config.h"

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "sslstore_client/json/strict_reader.h"

namespace sslstore::service::observability {
namespace {

using json::JsonContext;

// The context of the section `key` below `prefix` ("" at the top level).
JsonContext SectionContext(std::string_view prefix, absl::string_view key) {
  return JsonContext::Path("", std::string(prefix)).Member(key);
}

absl::Status ParseLogging(const rapidjson::Value& object,
                          const JsonContext& context, LoggingConfig* out) {
  if (absl::Status s = json::CheckMembers(object, {"level", "format"}, context);
      !s.ok()) {
    return s;
  }
  if (object.HasMember("level")) {
    absl::StatusOr<std::string> text =
        json::RequiredString(object, "level", context, json::Empty::kAllowed);
    if (!text.ok()) return text.status();
    std::optional<LogLevel> level = ParseLogLevel(*text);
    if (!level.has_value()) {
      return context.MemberError(
          "level", "must be one of trace, debug, info, warn, error");
    }
    out->level = *level;
  }
  if (object.HasMember("format")) {
    absl::StatusOr<std::string> text =
        json::RequiredString(object, "format", context, json::Empty::kAllowed);
    if (!text.ok()) return text.status();
    const std::string format = absl::AsciiStrToLower(*text);
    if (format == "json") {
      out->format = LogFormat::kJson;
    } else if (format == "text") {
      out->format = LogFormat::kText;
    } else {
      return context.MemberError("format", "must be \"json\" or \"text\"");
    }
  }
  return absl::OkStatus();
}

// True for "host:port" with a non-empty host and a port in 0..65535.
bool IsHostPort(absl::string_view address) {
  const size_t colon = address.rfind(':');
  if (colon == absl::string_view::npos || colon == 0) return false;
  const absl::string_view port = address.substr(colon + 1);
  int number = 0;
  if (port.empty() || port.size() > 5) return false;
  for (char c : port) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return absl::SimpleAtoi(port, &number) && number >= 0 && number <= 65535;
}

absl::Status ParseMetrics(const rapidjson::Value& object,
                          const JsonContext& context, MetricsConfig* out) {
  if (absl::Status s =
          json::CheckMembers(object,
                             {"listen_address", "bearer_token",
                              "bearer_token_env", "bearer_token_file"},
                             context);
      !s.ok()) {
    return s;
  }
  if (object.HasMember("listen_address")) {
    absl::StatusOr<std::string> address = json::RequiredString(
        object, "listen_address", context, json::Empty::kAllowed);
    if (!address.ok()) return address.status();
    if (!IsHostPort(*address)) {
      return context.MemberError(
          "listen_address", "must be a \"host:port\" string (port 0-65535)");
    }
    out->listen_address = *std::move(address);
  }
  return absl::OkStatus();
}

}  // namespace

absl::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace:
      return "trace";
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

std::optional<LogLevel> ParseLogLevel(absl::string_view name) {
  const std::string lower = absl::AsciiStrToLower(name);
  if (lower == "trace") return LogLevel::kTrace;
  if (lower == "debug") return LogLevel::kDebug;
  if (lower == "info") return LogLevel::kInfo;
  if (lower == "warn" || lower == "warning") return LogLevel::kWarn;
  if (lower == "error") return LogLevel::kError;
  return std::nullopt;
}

absl::Status ParseObservabilityConfig(const rapidjson::Value& root_object,
                                      std::string_view path_prefix,
                                      ObservabilityConfig* out) {
  if (!root_object.IsObject()) {
    return JsonContext::Path("", path_prefix.empty()
                                     ? std::string("(top level)")
                                     : std::string(path_prefix))
        .Error("must be an object");
  }
  if (root_object.HasMember("logging")) {
    absl::Status parsed =
        ParseLogging(root_object["logging"],
                     SectionContext(path_prefix, "logging"), &out->logging);
    if (!parsed.ok()) return parsed;
  }
  if (root_object.HasMember("metrics")) {
    absl::Status parsed =
        ParseMetrics(root_object["metrics"],
                     SectionContext(path_prefix, "metrics"), &out->metrics);
    if (!parsed.ok()) return parsed;
  }
  return absl::OkStatus();
}

}  // namespace sslstore::service::observability
