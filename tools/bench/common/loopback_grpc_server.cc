#include "tools/bench/common/loopback_grpc_server.h"

#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace sslstore::bench {

std::unique_ptr<grpc::Server> StartLoopbackServer(grpc::Service* service,
                                                  int* port) {
  grpc::ServerBuilder builder;
  *port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           port);
  builder.RegisterService(service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || *port == 0) return nullptr;
  return server;
}

}  // namespace sslstore::bench
