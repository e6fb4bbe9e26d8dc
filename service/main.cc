// sslstore-connector: serves sslstore.connector.v1.ConnectorService.
//
//   sslstore-connector --config=connector.json [--listen=127.0.0.1:50051]
//                      [--catalog_dir=DIR] [--port_file=PATH]

#include <signal.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "service/connector_server.h"
#include "service/server_config.h"

ABSL_FLAG(std::string, config, "",
          "JSON configuration file (listen address, catalog, connections)");
ABSL_FLAG(std::string, listen, "",
          "host:port to listen on; overrides the file (default "
          "127.0.0.1:50051; port 0 picks a free port)");
ABSL_FLAG(std::string, catalog_dir, "",
          "product catalog data directory; overrides the file");
ABSL_FLAG(std::string, port_file, "",
          "write the port actually listened on to this file once serving");

namespace {

using sslstore::service::ConnectorServer;
using sslstore::service::ServerConfig;

int Fail(const std::string& message) {
  std::fprintf(stderr, "sslstore-connector: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Serves the SSL Store connector's gRPC API.\n"
      "  sslstore-connector --config=connector.json");
  absl::ParseCommandLine(argc, argv);

  // Block the stop signals in every thread; one thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  ServerConfig config;
  if (const std::string path = absl::GetFlag(FLAGS_config); !path.empty()) {
    absl::StatusOr<ServerConfig> loaded =
        sslstore::service::LoadServerConfig(path);
    if (!loaded.ok()) return Fail(std::string(loaded.status().message()));
    config = *std::move(loaded);
  }
  if (const std::string listen = absl::GetFlag(FLAGS_listen); !listen.empty()) {
    config.listen_address = listen;
  }
  if (const std::string dir = absl::GetFlag(FLAGS_catalog_dir); !dir.empty()) {
    config.catalog_dir = dir;
  }

  absl::StatusOr<std::unique_ptr<ConnectorServer>> server =
      ConnectorServer::Start(config);
  if (!server.ok()) return Fail(std::string(server.status().message()));

  std::printf("sslstore-connector: serving on %s (%zu connection(s))\n",
              (*server)->address().c_str(), config.connections.size());
  std::fflush(stdout);
  if (const std::string path = absl::GetFlag(FLAGS_port_file); !path.empty()) {
    const std::string temp = path + ".tmp";
    std::ofstream(temp) << (*server)->port() << "\n";
    std::rename(temp.c_str(), path.c_str());
  }

  std::thread signal_waiter([&stop_signals, &server] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    std::printf("sslstore-connector: signal %d, shutting down\n",
                signal_number);
    std::fflush(stdout);
    (*server)->Shutdown();
  });
  (*server)->Wait();
  signal_waiter.join();
  return 0;
}
