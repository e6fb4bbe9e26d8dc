// The gRPC floor of sync-floor-bench: a gRPC callback server (the
// connector's service and API) whose SyncCertificates reactor writes records
// of realistic size, one write at a time, then Finish, paced as records
// arriving from upstream calls would be or all at once.
#ifndef TOOLS_BENCH_FLOOR_GRPC_FLOOR_H_
#define TOOLS_BENCH_FLOOR_GRPC_FLOOR_H_

#include <chrono>
#include <cstddef>
#include <string>

#include "grpcpp/server_context.h"
#include "grpcpp/support/server_callback.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"

namespace sslstore::bench {

// A PEM-looking block of about `bytes` bytes (64-column base64 lines of
// pseudo-random characters from `seed`; not a certificate).
std::string FakePem(size_t bytes, int seed);

// Fills a record with the sizes the connector emits: a ~1.8 KB leaf PEM, a
// chain of two ~1.5 KB PEMs and a dozen short string fields.
void FillRecord(sslstore::connector::v1::CertificateRecord* record);

// How the paced variant releases messages (--pacer).
enum class Pacer {
  kAlarm,   // a chain of grpc::Alarm callbacks
  kThread,  // a plain thread that waits until each release is due, as the
            // connector's WBAPI io threads hand records to its reactor
};

// When records become ready: `burst` at a time, the i-th release (0-based)
// at start + (i+1) * burst * pace; everything at once without a pace.
struct Pacing {
  int messages = 0;  // records written per call
  std::chrono::microseconds pace{0};
  int burst = 1;  // >= 1
  Pacer pacer = Pacer::kThread;
};

// ConnectorService with only SyncCertificates: each call writes
// `pacing.messages` copies of FillRecord's record (ids numbered from
// 4500000) as `pacing` releases them, then finishes OK; a cancelled call
// stops at once.
class FloorService final
    : public sslstore::connector::v1::ConnectorService::CallbackService {
 public:
  explicit FloorService(Pacing pacing) : pacing_(pacing) {}
  grpc::ServerWriteReactor<sslstore::connector::v1::SyncCertificatesResponse>*
  SyncCertificates(
      grpc::CallbackServerContext* context,
      const sslstore::connector::v1::SyncCertificatesRequest* request) override;

 private:
  Pacing pacing_;
};

// A gRPC floor child's role (for Spawn): waits for "go" (anything else, or
// EOF, exits at once), serves FloorService on 127.0.0.1 port 0 and answers
// its port (or "error"), then answers each "usage" line with
// FormatUsage(ReadUsage()) until EOF.
int RunGrpcChild(int in, int out, const Pacing& pacing);

}  // namespace sslstore::bench

#endif  // TOOLS_BENCH_FLOOR_GRPC_FLOOR_H_
