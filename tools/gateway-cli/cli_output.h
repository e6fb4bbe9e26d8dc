// What sslstore-gateway prints: records and enrollment results as text or
// JSON, and the sync printer (a progress line on a terminal, JSON lines
// otherwise).
#ifndef TOOLS_GATEWAY_CLI_CLI_OUTPUT_H_
#define TOOLS_GATEWAY_CLI_CLI_OUTPUT_H_

#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "tools/gateway-adapter/gateway_types.h"

namespace sslstore::gateway::cli {

// A record as text lines ("request id: ...", "status: GENERATED (40)", ...),
// the certificate PEM last.
std::string RecordText(const AnyCAPluginCertificate& record);
// A record as one JSON object (without a trailing newline); the PEM only
// when `with_certificate`.
std::string RecordJson(const AnyCAPluginCertificate& record,
                       bool with_certificate);

// An enrollment result as text lines, the certificate PEM last.
std::string EnrollmentText(const EnrollmentResult& result);
// An enrollment result as one JSON object.
std::string EnrollmentJson(const EnrollmentResult& result);

// Prints a sync as it runs. As a progress line it rewrites one line
// ("synced N records (E emitted, S skipped, F failed) at R/s") at most ten
// times a second and ends it with a newline; as JSON lines it prints one
// object per record ({"type":"record",...}) and per skipped order
// ({"type":"skipped",...}) and Finish prints the summary
// ({"type":"summary",...}).
class SyncPrinter : public CertificateSink {
 public:
  SyncPrinter(std::FILE* out, bool json_lines, bool with_certificates);

  bool Add(AnyCAPluginCertificate certificate) override;
  void OnSkipped(const SkippedRecord& skipped) override;
  void OnProgress(const SyncCounts& counts) override;

  // Prints the final line(s) for `counts` and the sync's outcome.
  void Finish(const SyncCounts& counts, const absl::Status& status);

 private:
  void PrintLineLocked(bool final) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  std::FILE* const out_;
  const bool json_lines_;
  const bool with_certificates_;
  const absl::Time started_;
  absl::Mutex mutex_;
  int64_t emitted_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t skipped_messages_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t failed_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t unchanged_ ABSL_GUARDED_BY(mutex_) = 0;
  absl::Time last_line_ ABSL_GUARDED_BY(mutex_) = absl::InfinitePast();
};

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_CLI_OUTPUT_H_
