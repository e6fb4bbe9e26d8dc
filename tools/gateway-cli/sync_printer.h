// How sslstore-gateway prints a synchronization as it runs: progress lines
// on stderr, JSON lines or a summary line on stdout.
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

// Each progress message (one per page) becomes one line on `err` ("sync:
// page P, N orders (E records, S skipped, F failed), R orders/s, T s
// elapsed"). As JSON lines it prints one object per record
// ({"type":"record",...}) and per skipped order ({"type":"skipped",...}) on
// `out`, and Finish prints the summary ({"type":"summary",...}); otherwise
// Finish prints one summary line ("synced N orders (E records, S skipped, F
// failed) in T s at R/s") and the warnings. Not thread-safe.
class SyncPrinter : public SyncListener {
 public:
  // `with_certificates`: JSON record lines carry the PEM.
  SyncPrinter(std::FILE* out, std::FILE* err, bool json_lines,
              bool with_certificates);

  void OnRecord(
      const sslstore::connector::v1::CertificateRecord& record) override;
  void OnSkipped(const std::string& ca_request_id,
                 const std::string& reason) override;
  void OnProgress(const SyncCounts& counts) override;

  // Prints the final line for `counts` and the sync's outcome `status` (the
  // JSON summary has the resume token when the sync did not end).
  void Finish(const SyncCounts& counts, const absl::Status& status);

 private:
  // Prints the JSON summary line.
  void PrintSummary(const SyncCounts& counts, const absl::Status& status);
  // Prints one JSON object: "type": `type`, then `write_fields`' fields.
  void PrintJsonLine(const char* type,
                     absl::FunctionRef<void(JsonWriter&)> write_fields);

  std::FILE* const out_;
  std::FILE* const err_;
  const bool json_lines_;
  const bool with_certificates_;
  const absl::Time started_;
};

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_SYNC_PRINTER_H_
