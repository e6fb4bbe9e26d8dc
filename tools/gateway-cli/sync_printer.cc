#include "tools/gateway-cli/sync_printer.h"

#include <algorithm>
#include <utility>

#include "absl/time/clock.h"
#include "tools/gateway-cli/json_fields.h"
#include "tools/gateway-cli/record_output.h"

namespace sslstore::gateway::cli {
namespace {

// Seconds since `started`, at least a millisecond (a rate's divisor).
double SecondsSince(absl::Time started) {
  return std::max(absl::ToDoubleSeconds(absl::Now() - started), 1e-3);
}

}  // namespace

SyncPrinter::SyncPrinter(std::FILE* out, bool json_lines,
                         bool with_certificates)
    : out_(out),
      json_lines_(json_lines),
      with_certificates_(with_certificates),
      started_(absl::Now()) {}

void SyncPrinter::OnRecord(
    const sslstore::connector::v1::CertificateRecord& record) {
  ++emitted_;
  if (!json_lines_) {
    PrintLine(false);
    return;
  }
  PrintJsonLine("record", [&](JsonWriter& json) {
    WriteRecordFields(json, record, with_certificates_);
  });
}

void SyncPrinter::OnSkipped(const std::string& ca_request_id,
                            const std::string& reason) {
  ++skipped_messages_;
  if (!json_lines_) {
    PrintLine(false);
    return;
  }
  PrintJsonLine("skipped", [&](JsonWriter& json) {
    Field(json, "ca_request_id", ca_request_id);
    Field(json, "reason", reason);
  });
}

void SyncPrinter::OnProgress(const SyncCounts& counts) {
  failed_ = counts.failed;
  unchanged_ = counts.unchanged;
  if (!json_lines_) PrintLine(false);
}

void SyncPrinter::PrintLine(bool final) {
  const absl::Time now = absl::Now();
  if (!final && now - last_line_ < absl::Milliseconds(100)) return;
  last_line_ = now;
  const int64_t failed = std::min(failed_, skipped_messages_);
  const int64_t skipped = skipped_messages_ - failed + unchanged_;
  const int64_t total = emitted_ + skipped + failed;
  std::fprintf(out_,
               "\r\033[Ksynced %lld records (%lld emitted, %lld skipped, %lld "
               "failed) at %.1f/s%s",
               static_cast<long long>(total), static_cast<long long>(emitted_),
               static_cast<long long>(skipped), static_cast<long long>(failed),
               total / SecondsSince(started_), final ? "\n" : "");
  std::fflush(out_);
}

void SyncPrinter::Finish(const SyncCounts& counts, const absl::Status& status) {
  if (json_lines_) {
    PrintSummary(counts, status);
    return;
  }
  emitted_ = counts.emitted;
  failed_ = counts.failed;
  unchanged_ = counts.unchanged;
  skipped_messages_ = counts.skipped + counts.failed;
  PrintLine(true);
  for (const std::string& warning : counts.warnings) {
    std::fprintf(out_, "warning: %s\n", warning.c_str());
  }
}

void SyncPrinter::PrintSummary(const SyncCounts& counts,
                               const absl::Status& status) {
  const double seconds = SecondsSince(started_);
  PrintJsonLine("summary", [&](JsonWriter& json) {
    json.Key("ok");
    json.Bool(status.ok());
    for (const auto& [name, count] : {std::pair{"processed", counts.processed},
                                      {"emitted", counts.emitted},
                                      {"skipped", counts.skipped},
                                      {"failed", counts.failed},
                                      {"unchanged", counts.unchanged},
                                      {"pages", counts.pages},
                                      {"resumes", counts.resumes}}) {
      Field(json, name, count);
    }
    json.Key("elapsed_seconds");
    json.Double(seconds);
    json.Key("rate_per_second");
    json.Double((counts.emitted + counts.skipped + counts.failed) / seconds);
    json.Key("warnings");
    json.StartArray();
    for (const std::string& warning : counts.warnings) json.String(warning);
    json.EndArray();
    if (!status.ok()) Field(json, "error", std::string(status.message()));
  });
  std::fflush(out_);
}

void SyncPrinter::PrintJsonLine(
    const char* type, absl::FunctionRef<void(JsonWriter&)> write_fields) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  Field(json, "type", type);
  write_fields(json);
  json.EndObject();
  std::fprintf(out_, "%s\n", buffer.GetString());
}

}  // namespace sslstore::gateway::cli
