// A synchronization through the connector's SyncCertificates stream that
// survives interruptions: a stream that ends with a resume token is
// continued where it stopped, so no order is dropped or delivered twice.
#ifndef TOOLS_GATEWAY_CLI_RESUMABLE_SYNC_H_
#define TOOLS_GATEWAY_CLI_RESUMABLE_SYNC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "sslstore/connector/v1/connector_service.pb.h"
#include "tools/gateway-cli/connector_client.h"
#include "tools/gateway-cli/sync_cancel.h"

namespace sslstore::gateway::cli {

// Counts of one synchronization, over all its streams.
struct SyncCounts {
  int64_t processed = 0;  // orders listed and handled
  int64_t emitted = 0;    // records handed to the listener
  int64_t skipped = 0;    // orders without a record (not failures)
  int64_t failed = 0;     // orders whose status or download failed
  int64_t unchanged = 0;  // incremental mode: not fetched, unchanged
  int64_t pages = 0;      // SSL Store order pages fetched
  int64_t resumes = 0;    // interrupted streams continued by resume token
  // The latest token to continue the sync from (of the last progress
  // message or of a stopped stream; the request's own at first): records
  // delivered after the progress message it came with may come again.
  std::string resume_token;
  // The connector's warnings, in plain words (e.g. orders placed during
  // the sync come with the next one).
  std::vector<std::string> warnings;
};

// Receives a synchronization as it runs.
class SyncListener {
 public:
  virtual ~SyncListener() = default;

  // A record (ISSUED and REVOKED ones always with their certificate).
  virtual void OnRecord(
      const sslstore::connector::v1::CertificateRecord& record) = 0;
  // An order without a usable record (`ca_request_id` empty when unknown).
  virtual void OnSkipped(const std::string& ca_request_id,
                         const std::string& reason) = 0;
  // The counts so far, after each page.
  virtual void OnProgress(const SyncCounts& counts) = 0;
};

// Runs the synchronization `request` (no deadline) to its end. An ISSUED or
// REVOKED record without its certificate is reported as skipped. A stream
// that fails with a resume token is continued up to `resume_attempts` times
// after a pause (250 ms, doubling, at most 5 s). `counts` receives the
// totals, also on failure. UNAVAILABLE when the connector ends a stream
// without its summary; Interrupted (exit 130) once `cancel` (optional) is
// cancelled; otherwise the stream's error (call "Synchronize").
absl::Status RunResumableSync(
    ConnectorClient& client,
    sslstore::connector::v1::SyncCertificatesRequest request,
    int resume_attempts, SyncListener& listener, SyncCounts& counts,
    SyncCancel* cancel = nullptr);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_RESUMABLE_SYNC_H_
