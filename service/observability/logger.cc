#include "service/observability/logger.h"

#include <cstdio>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace sslstore::service::observability {
namespace {

std::string FormatTimestamp(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone());
}

void WriteJsonValue(const LogField& field,
                    rapidjson::Writer<rapidjson::StringBuffer>& writer) {
  if (const auto* text = std::get_if<std::string>(&field.value)) {
    writer.String(text->data(), static_cast<rapidjson::SizeType>(text->size()));
  } else if (const auto* integer = std::get_if<int64_t>(&field.value)) {
    writer.Int64(*integer);
  } else if (const auto* number = std::get_if<double>(&field.value)) {
    writer.Double(*number);
  } else if (const auto* flag = std::get_if<bool>(&field.value)) {
    writer.Bool(*flag);
  }
}

// A text-format value: bare when it is one plain word, else quoted with
// '"', '\\' and control characters escaped (a line stays one line).
std::string TextValue(absl::string_view value) {
  bool plain = !value.empty();
  for (char c : value) {
    if (c == '"' || c == '\\' || c == '=' ||
        absl::ascii_isspace(static_cast<unsigned char>(c)) ||
        absl::ascii_iscntrl(static_cast<unsigned char>(c))) {
      plain = false;
      break;
    }
  }
  if (plain) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (absl::ascii_iscntrl(static_cast<unsigned char>(c))) {
          out += absl::StrCat(
              "\\x", absl::Hex(static_cast<unsigned char>(c), absl::kZeroPad2));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string TextFieldValue(const LogField& field) {
  if (const auto* text = std::get_if<std::string>(&field.value)) {
    return TextValue(*text);
  }
  if (const auto* integer = std::get_if<int64_t>(&field.value)) {
    return absl::StrCat(*integer);
  }
  if (const auto* number = std::get_if<double>(&field.value)) {
    return absl::StrFormat("%.3f", *number);
  }
  if (const auto* flag = std::get_if<bool>(&field.value)) {
    return *flag ? "true" : "false";
  }
  return "";
}

}  // namespace

Logger::Logger(const LoggingConfig& config, const Redactor& redactor)
    : level_(config.level),
      format_(config.format),
      redactor_(redactor),
      sink_(config.sink) {}

std::string Logger::Format(absl::Time time, LogLevel level,
                           absl::string_view message,
                           const std::vector<LogField>& fields) const {
  if (format_ == LogFormat::kText) {
    std::string line = absl::StrCat(FormatTimestamp(time), " ",
                                    absl::AsciiStrToUpper(LogLevelName(level)),
                                    " ", TextValue(message));
    for (const LogField& field : fields) {
      absl::StrAppend(&line, " ", field.key, "=", TextFieldValue(field));
    }
    return line;
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.SetMaxDecimalPlaces(3);
  writer.StartObject();
  writer.Key("time");
  writer.String(FormatTimestamp(time));
  writer.Key("level");
  const absl::string_view level_name = LogLevelName(level);
  writer.String(level_name.data(),
                static_cast<rapidjson::SizeType>(level_name.size()));
  writer.Key("msg");
  writer.String(message.data(),
                static_cast<rapidjson::SizeType>(message.size()));
  for (const LogField& field : fields) {
    writer.Key(field.key.data(),
               static_cast<rapidjson::SizeType>(field.key.size()));
    WriteJsonValue(field, writer);
  }
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

void Logger::Log(LogLevel level, absl::string_view message,
                 std::initializer_list<LogField> fields) {
  if (!Enabled(level)) return;
  Log(level, message, std::vector<LogField>(fields), {});
}

void Logger::Log(LogLevel level, absl::string_view message,
                 const std::vector<LogField>& fields,
                 const std::vector<std::string>& extra_secrets) {
  if (!Enabled(level)) return;
  // Values are scrubbed before encoding (so a secret cannot hide behind an
  // escape) and the finished line once more.
  std::vector<LogField> scrubbed = fields;
  for (LogField& field : scrubbed) {
    if (auto* text = std::get_if<std::string>(&field.value)) {
      *text = redactor_.Scrub(*text, extra_secrets);
    }
  }
  const std::string line =
      redactor_.Scrub(Format(absl::Now(), level,
                             redactor_.Scrub(message, extra_secrets), scrubbed),
                      extra_secrets);
  absl::MutexLock lock(&write_mutex_);
  if (sink_) {
    sink_(line);
  } else {
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
  }
}

}  // namespace sslstore::service::observability
