#ifndef SERVICE_SYNC_SYNC_REACTOR_H_
#define SERVICE_SYNC_SYNC_REACTOR_H_

#include "grpcpp/support/server_callback.h"
#include "service/upstream/service_deps.h"
#include "sslstore/connector/v1/connector_service.pb.h"

namespace sslstore::service {

// Starts one SyncCertificates stream and returns its reactor (which deletes
// itself when the call is done). Pages /rest/order/query with the
// connection's page size (next page prefetched; smaller when the server
// serves fewer rows, see PageFeed), passes over rows whose order this stream
// already handled (a listing that moved), runs /rest/order/status and
// /rest/order/download for the listed orders with at most
// `request->max_in_flight()` (default 16) orders in flight, streams the
// records as they complete, a few at a time (a record waits at most 20 ms
// for others to write with it; see sync::WriteCoalescer; `deps.timers` ends
// the wait, and without it every record is written at once), with gRPC flow
// control as back-pressure, and ends
// with a SyncSummary. A page or order that fails after the client's retries
// ends the stream with UNAVAILABLE and a SyncResumeInfo detail; a bad
// request (connection, resume_token, max_in_flight) fails at once. Never
// blocks the calling thread. The stream's phases and what moves it from one
// to the next are in service/sync/sync_phase.h.
grpc::ServerWriteReactor<sslstore::connector::v1::SyncCertificatesResponse>*
StartSync(ServiceDeps& deps, grpc::CallbackServerContext* context,
          const sslstore::connector::v1::SyncCertificatesRequest* request);

// A SyncCertificates stream that ends at once with `status` (a call refused
// before the sync starts). Deletes itself when done.
grpc::ServerWriteReactor<sslstore::connector::v1::SyncCertificatesResponse>*
FinishedSyncStream(const grpc::Status& status);

}  // namespace sslstore::service

#endif  // SERVICE_SYNC_SYNC_REACTOR_H_
