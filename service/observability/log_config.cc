#include "service/observability/log_config.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace sslstore::service::observability {
namespace {

std::string JoinPath(std::string_view prefix, absl::string_view key) {
  if (prefix.empty()) return std::string(key);
  return absl::StrCat(absl::string_view(prefix.data(), prefix.size()), ".",
                      key);
}

absl::Status KeyError(const std::string& path, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", problem));
}

// Rejects members of `object` not named in `allowed`.
absl::Status RejectUnknownKeys(const rapidjson::Value& object,
                               std::initializer_list<absl::string_view> allowed,
                               const std::string& path) {
  for (const auto& member : object.GetObject()) {
    const absl::string_view name(member.name.GetString(),
                                 member.name.GetStringLength());
    bool known = false;
    for (absl::string_view key : allowed) known = known || key == name;
    if (!known) return KeyError(JoinPath(path, name), "unknown key");
  }
  return absl::OkStatus();
}

// `object[key]` as a string; the key must be present.
absl::Status ReadString(const rapidjson::Value& object, const char* key,
                        const std::string& path, std::string* out) {
  const rapidjson::Value& value = object[key];
  if (!value.IsString())
    return KeyError(JoinPath(path, key), "must be a string");
  out->assign(value.GetString(), value.GetStringLength());
  return absl::OkStatus();
}

absl::Status ParseLogging(const rapidjson::Value& object,
                          const std::string& path, LoggingConfig* out) {
  if (!object.IsObject()) return KeyError(path, "must be an object");
  if (absl::Status s = RejectUnknownKeys(object, {"level", "format"}, path);
      !s.ok()) {
    return s;
  }
  if (object.HasMember("level")) {
    std::string text;
    if (absl::Status s = ReadString(object, "level", path, &text); !s.ok()) {
      return s;
    }
    std::optional<LogLevel> level = ParseLogLevel(text);
    if (!level.has_value()) {
      return KeyError(JoinPath(path, "level"),
                      "must be one of trace, debug, info, warn, error");
    }
    out->level = *level;
  }
  if (object.HasMember("format")) {
    std::string text;
    if (absl::Status s = ReadString(object, "format", path, &text); !s.ok()) {
      return s;
    }
    absl::AsciiStrToLower(&text);
    if (text == "json") {
      out->format = LogFormat::kJson;
    } else if (text == "text") {
      out->format = LogFormat::kText;
    } else {
      return KeyError(JoinPath(path, "format"), "must be \"json\" or \"text\"");
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
                          const std::string& path, MetricsConfig* out) {
  if (!object.IsObject()) return KeyError(path, "must be an object");
  if (absl::Status s = RejectUnknownKeys(object, {"listen_address"}, path);
      !s.ok()) {
    return s;
  }
  if (object.HasMember("listen_address")) {
    std::string address;
    if (absl::Status s = ReadString(object, "listen_address", path, &address);
        !s.ok()) {
      return s;
    }
    if (!IsHostPort(address)) {
      return KeyError(JoinPath(path, "listen_address"),
                      "must be a \"host:port\" string (port 0-65535)");
    }
    out->listen_address = std::move(address);
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
    return KeyError(path_prefix.empty() ? std::string("(top level)")
                                        : std::string(path_prefix),
                    "must be an object");
  }
  if (root_object.HasMember("logging")) {
    absl::Status parsed =
        ParseLogging(root_object["logging"], JoinPath(path_prefix, "logging"),
                     &out->logging);
    if (!parsed.ok()) return parsed;
  }
  if (root_object.HasMember("metrics")) {
    absl::Status parsed =
        ParseMetrics(root_object["metrics"], JoinPath(path_prefix, "metrics"),
                     &out->metrics);
    if (!parsed.ok()) return parsed;
  }
  return absl::OkStatus();
}

}  // namespace sslstore::service::observability
