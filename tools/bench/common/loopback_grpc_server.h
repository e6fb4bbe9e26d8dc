// A plaintext gRPC server on 127.0.0.1 and a kernel-chosen port, as the
// benchmarks' children serve their parent.
#ifndef TOOLS_BENCH_COMMON_LOOPBACK_GRPC_SERVER_H_
#define TOOLS_BENCH_COMMON_LOOPBACK_GRPC_SERVER_H_

#include <memory>

#include "grpcpp/impl/service_type.h"
#include "grpcpp/server.h"

namespace sslstore::bench {

// Serves `service` (which must outlive the server) on 127.0.0.1 port 0
// without TLS and sets *port; nullptr when the server did not start.
std::unique_ptr<grpc::Server> StartLoopbackServer(grpc::Service* service,
                                                  int* port);

}  // namespace sslstore::bench

#endif  // TOOLS_BENCH_COMMON_LOOPBACK_GRPC_SERVER_H_
