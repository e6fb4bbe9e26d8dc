// How sslstore-gateway prints a synchronization as it runs: a progress line
// on a terminal, JSON lines otherwise.
#ifndef TOOLS_GATEWAY_CLI_SYNC_PRINTER_H_
#define TOOLS_GATEWAY_CLI_SYNC_PRINTER_H_

#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "tools/gateway-cli/json_fields.h"
#include "tools/gateway-cli/resumable_sync.h"

namespace sslstore::gateway::cli {

// As a progress line it rewrites one line ("synced N records (E emitted, S
// skipped, F failed) at R/s") at most ten times a second and Finish ends it
// with a newline. As JSON lines it prints one object per record
// ({"type":"record",...}) and per skipped order ({"type":"skipped",...}),
// and Finish prints the summary ({"type":"summary",...}). Not thread-safe.
class SyncPrinter : public SyncListener {
 public:
  // `with_certificates`: JSON record lines carry the PEM.
  SyncPrinter(std::FILE* out, bool json_lines, bool with_certificates);

  void OnRecord(
      const sslstore::connector::v1::CertificateRecord& record) override;
  void OnSkipped(const std::string& ca_request_id,
                 const std::string& reason) override;
  void OnProgress(const SyncCounts& counts) override;

  // Prints the final line for `counts` and the sync's outcome `status`.
  void Finish(const SyncCounts& counts, const absl::Status& status);

 private:
  // Rewrites the progress line (at most every 100 ms unless `final`).
  void PrintLine(bool final);
  // Prints the JSON summary line.
  void PrintSummary(const SyncCounts& counts, const absl::Status& status);
  // Prints one JSON object: "type": `type`, then `write_fields`' fields.
  void PrintJsonLine(const char* type,
                     absl::FunctionRef<void(JsonWriter&)> write_fields);

  std::FILE* const out_;
  const bool json_lines_;
  const bool with_certificates_;
  const absl::Time started_;
  int64_t emitted_ = 0;
  int64_t skipped_messages_ = 0;  // skipped and failed orders
  int64_t failed_ = 0;
  int64_t unchanged_ = 0;
  absl::Time last_line_ = absl::InfinitePast();
};

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_SYNC_PRINTER_H_
