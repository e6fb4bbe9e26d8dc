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

long long Count(int64_t count) { return static_cast<long long>(count); }

}  // namespace

SyncPrinter::SyncPrinter(std::FILE* out, std::FILE* err, bool json_lines,
                         bool with_certificates)
    : out_(out),
      err_(err),
      json_lines_(json_lines),
      with_certificates_(with_certificates),
      started_(absl::Now()) {}

void SyncPrinter::OnRecord(
    const sslstore::connector::v1::CertificateRecord& record) {
  if (!json_lines_) return;
  PrintJsonLine("record", [&](JsonWriter& json) {
    WriteRecordFields(json, record, with_certificates_);
  });
}

void SyncPrinter::OnSkipped(const std::string& ca_request_id,
                            const std::string& reason) {
  if (!json_lines_) return;
  PrintJsonLine("skipped", [&](JsonWriter& json) {
    Field(json, "ca_request_id", ca_request_id);
    Field(json, "reason", reason);
  });
}

void SyncPrinter::OnProgress(const SyncCounts& counts) {
  const double seconds = SecondsSince(started_);
  std::fprintf(err_,
               "sync: page %lld, %lld orders (%lld records, %lld skipped, "
               "%lld failed), %.1f orders/s, %.1f s elapsed\n",
               Count(counts.pages), Count(counts.processed),
               Count(counts.emitted), Count(counts.skipped),
               Count(counts.failed), counts.processed / seconds, seconds);
  std::fflush(err_);
  std::fflush(out_);
}

void SyncPrinter::Finish(const SyncCounts& counts, const absl::Status& status) {
  if (json_lines_) {
    PrintSummary(counts, status);
    return;
  }
  const double seconds = SecondsSince(started_);
  std::fprintf(out_,
               "synced %lld orders (%lld records, %lld skipped, %lld failed) "
               "in %.1f s at %.1f/s\n",
               Count(counts.processed), Count(counts.emitted),
               Count(counts.skipped), Count(counts.failed), seconds,
               counts.processed / seconds);
  for (const std::string& warning : counts.warnings) {
    std::fprintf(out_, "warning: %s\n", warning.c_str());
  }
  std::fflush(out_);
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
    if (!status.ok()) {
      Field(json, "error", std::string(status.message()));
      if (!counts.resume_token.empty()) {
        Field(json, "resume_token", counts.resume_token);
      }
    }
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
