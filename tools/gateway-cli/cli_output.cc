#include "tools/gateway-cli/cli_output.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace sslstore::gateway::cli {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

std::string Rfc3339(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

void Field(JsonWriter& json, const char* name, const std::string& value) {
  json.Key(name);
  json.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void Field(JsonWriter& json, const char* name, int64_t value) {
  json.Key(name);
  json.Int64(value);
}

void RecordFields(JsonWriter& json, const AnyCAPluginCertificate& record,
                  bool with_certificate) {
  Field(json, "ca_request_id", record.ca_request_id);
  Field(json, "status", record.status);
  Field(json, "status_name", EndEntityStatusName(record.status));
  Field(json, "product_id", record.product_id);
  Field(json, "ca_status", record.ca_status);
  Field(json, "serial_number", record.serial_number);
  Field(json, "subject", record.subject);
  if (record.not_after.has_value()) {
    Field(json, "not_after", Rfc3339(*record.not_after));
  }
  json.Key("has_certificate");
  json.Bool(!record.certificate.empty());
  if (record.status == kStatusRevoked) {
    Field(json, "revocation_reason", record.revocation_reason);
    if (record.revocation_date.has_value()) {
      Field(json, "revocation_date", Rfc3339(*record.revocation_date));
    }
  }
  if (with_certificate && !record.certificate.empty()) {
    Field(json, "certificate", record.certificate);
  }
}

}  // namespace

std::string RecordText(const AnyCAPluginCertificate& record) {
  std::string text =
      absl::StrCat("request id: ", record.ca_request_id,
                   "\nstatus: ", EndEntityStatusName(record.status), " (",
                   record.status, ")\nSSL Store status: ", record.ca_status,
                   "\nproduct: ", record.product_id, "\n");
  if (!record.serial_number.empty()) {
    absl::StrAppend(&text, "serial: ", record.serial_number, "\n");
  }
  if (!record.subject.empty()) {
    absl::StrAppend(&text, "subject: ", record.subject, "\n");
  }
  if (record.not_after.has_value()) {
    absl::StrAppend(&text, "not after: ", Rfc3339(*record.not_after), "\n");
  }
  if (record.status == kStatusRevoked) {
    absl::StrAppend(&text, "revocation reason: ", record.revocation_reason,
                    "\n");
    if (record.revocation_date.has_value()) {
      absl::StrAppend(
          &text, "revocation date: ", Rfc3339(*record.revocation_date), "\n");
    }
  }
  absl::StrAppend(&text, record.certificate);
  return text;
}

std::string RecordJson(const AnyCAPluginCertificate& record,
                       bool with_certificate) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  RecordFields(json, record, with_certificate);
  json.EndObject();
  return buffer.GetString();
}

std::string EnrollmentText(const EnrollmentResult& result) {
  std::string text =
      absl::StrCat("request id: ", result.ca_request_id,
                   "\nstatus: ", EndEntityStatusName(result.status), " (",
                   result.status, ")\nmessage: ", result.status_message, "\n");
  if (!result.enrollment_context.empty()) {
    absl::StrAppend(&text, "context:\n");
    for (const auto& [key, value] : result.enrollment_context) {
      absl::StrAppend(&text, "  ", key, ": ", value, "\n");
    }
  }
  absl::StrAppend(&text, result.certificate);
  return text;
}

std::string EnrollmentJson(const EnrollmentResult& result) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  Field(json, "ca_request_id", result.ca_request_id);
  Field(json, "status", result.status);
  Field(json, "status_name", EndEntityStatusName(result.status));
  Field(json, "status_message", result.status_message);
  json.Key("enrollment_context");
  json.StartObject();
  for (const auto& [key, value] : result.enrollment_context) {
    Field(json, key.c_str(), value);
  }
  json.EndObject();
  Field(json, "certificate", result.certificate);
  json.EndObject();
  return buffer.GetString();
}

SyncPrinter::SyncPrinter(std::FILE* out, bool json_lines,
                         bool with_certificates)
    : out_(out),
      json_lines_(json_lines),
      with_certificates_(with_certificates),
      started_(absl::Now()) {}

bool SyncPrinter::Add(AnyCAPluginCertificate certificate) {
  absl::MutexLock lock(&mutex_);
  ++emitted_;
  if (json_lines_) {
    rapidjson::StringBuffer buffer;
    JsonWriter json(buffer);
    json.StartObject();
    Field(json, "type", std::string("record"));
    RecordFields(json, certificate, with_certificates_);
    json.EndObject();
    std::fprintf(out_, "%s\n", buffer.GetString());
  } else {
    PrintLineLocked(false);
  }
  return true;
}

void SyncPrinter::OnSkipped(const SkippedRecord& skipped) {
  absl::MutexLock lock(&mutex_);
  ++skipped_messages_;
  if (json_lines_) {
    rapidjson::StringBuffer buffer;
    JsonWriter json(buffer);
    json.StartObject();
    Field(json, "type", std::string("skipped"));
    Field(json, "ca_request_id", skipped.ca_request_id);
    Field(json, "reason", skipped.reason);
    json.EndObject();
    std::fprintf(out_, "%s\n", buffer.GetString());
  } else {
    PrintLineLocked(false);
  }
}

void SyncPrinter::OnProgress(const SyncCounts& counts) {
  absl::MutexLock lock(&mutex_);
  failed_ = counts.failed;
  unchanged_ = counts.unchanged;
  if (!json_lines_) PrintLineLocked(false);
}

void SyncPrinter::PrintLineLocked(bool final) {
  const absl::Time now = absl::Now();
  if (!final && now - last_line_ < absl::Milliseconds(100)) return;
  last_line_ = now;
  const int64_t failed = std::min(failed_, skipped_messages_);
  const int64_t skipped = skipped_messages_ - failed + unchanged_;
  const int64_t total = emitted_ + skipped + failed;
  const double seconds = std::max(absl::ToDoubleSeconds(now - started_), 1e-3);
  std::fprintf(out_,
               "\r\033[Ksynced %lld records (%lld emitted, %lld skipped, %lld "
               "failed) at %.1f/s%s",
               static_cast<long long>(total), static_cast<long long>(emitted_),
               static_cast<long long>(skipped), static_cast<long long>(failed),
               total / seconds, final ? "\n" : "");
  std::fflush(out_);
}

void SyncPrinter::Finish(const SyncCounts& counts, const absl::Status& status) {
  absl::MutexLock lock(&mutex_);
  const double seconds =
      std::max(absl::ToDoubleSeconds(absl::Now() - started_), 1e-3);
  if (!json_lines_) {
    emitted_ = counts.emitted;
    failed_ = counts.failed;
    unchanged_ = counts.unchanged;
    skipped_messages_ = counts.skipped + counts.failed;
    PrintLineLocked(true);
    return;
  }
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  Field(json, "type", std::string("summary"));
  json.Key("ok");
  json.Bool(status.ok());
  Field(json, "processed", counts.processed);
  Field(json, "emitted", counts.emitted);
  Field(json, "skipped", counts.skipped);
  Field(json, "failed", counts.failed);
  Field(json, "unchanged", counts.unchanged);
  Field(json, "pages", counts.pages);
  Field(json, "resumes", counts.resumes);
  json.Key("elapsed_seconds");
  json.Double(seconds);
  json.Key("rate_per_second");
  json.Double((counts.emitted + counts.skipped + counts.failed) / seconds);
  if (!status.ok()) Field(json, "error", std::string(status.message()));
  json.EndObject();
  std::fprintf(out_, "%s\n", buffer.GetString());
  std::fflush(out_);
}

}  // namespace sslstore::gateway::cli
