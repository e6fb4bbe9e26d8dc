// sslstore-connector: serves sslstore.connector.v1.ConnectorService.
//
//   sslstore-connector --config=connector.json [--listen=127.0.0.1:50051]
//                      [--catalog_dir=DIR] [--port_file=PATH]
//   sslstore-connector --config=connector.json --check-config
//   sslstore-connector --version

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "catalog/catalog.h"
#include "service/config/server_config.h"
#include "service/connector_server.h"
#include "sslstore_client/files/atomic_file.h"
#include "version/version.h"

ABSL_FLAG(std::string, config, "",
          "JSON configuration file (listen address, catalog, connections)");
ABSL_FLAG(std::string, listen, "",
          "host:port to listen on; overrides the file (default "
          "127.0.0.1:50051; port 0 picks a free port)");
ABSL_FLAG(std::string, catalog_dir, "",
          "product catalog data directory; overrides the file");
ABSL_FLAG(std::string, port_file, "",
          "write the port actually listened on to this file once serving");
ABSL_FLAG(bool, check_config, false,
          "validate the configuration (keys, values, secrets, TLS files, "
          "catalog) and exit: 0 when valid, 1 with the problem otherwise");

namespace {

using sslstore::service::ConnectorServer;
using sslstore::service::ServerConfig;

// Accepts "--check-config" for "--check_config" (and so on): a flag's name
// may use dashes; its value is left alone.
std::vector<std::string> NormalizeFlagNames(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  for (size_t i = 1; i < args.size(); ++i) {
    std::string& arg = args[i];
    if (arg == "--") break;
    if (arg.rfind("--", 0) != 0) continue;
    const size_t name_end = std::min(arg.find('='), arg.size());
    std::replace(arg.begin() + 2, arg.begin() + name_end, '-', '_');
  }
  return args;
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "sslstore-connector: %s\n", message.c_str());
  return 1;
}

// The configuration: the file of --config (defaults without one), then the
// flags that override it.
absl::StatusOr<ServerConfig> ConfigFromFlags() {
  ServerConfig config;
  if (const std::string path = absl::GetFlag(FLAGS_config); !path.empty()) {
    absl::StatusOr<ServerConfig> loaded =
        sslstore::service::LoadServerConfig(path);
    if (!loaded.ok()) return loaded.status();
    config = *std::move(loaded);
  }
  if (const std::string listen = absl::GetFlag(FLAGS_listen); !listen.empty()) {
    config.listen_address = listen;
  }
  // The catalog: --catalog_dir, else $SSLSTORE_CATALOG_DIR, else the file's
  // catalog_dir, else the one found from the program's path.
  if (const std::string dir = absl::GetFlag(FLAGS_catalog_dir); !dir.empty()) {
    config.catalog_dir = dir;
  } else if (std::string from_env =
                 sslstore::catalog::CatalogDirFromEnvironment();
             !from_env.empty()) {
    config.catalog_dir = std::move(from_env);
  } else if (config.catalog_dir.empty()) {
    config.catalog_dir = sslstore::catalog::BuiltInCatalogDir();
  }
  return config;
}

// SIGHUP: reads the configuration again and applies it; on any problem the
// current one stays and the log says why.
void ReloadFromFlags(ConnectorServer& server) {
  sslstore::service::observability::Logger& logger =
      server.observability().logger();
  logger.Info("SIGHUP: reloading the configuration",
              {sslstore::service::observability::LogField(
                  "file", absl::GetFlag(FLAGS_config))});
  absl::StatusOr<ServerConfig> config = ConfigFromFlags();
  absl::Status reloaded =
      config.ok() ? server.Reload(*config) : config.status();
  if (!reloaded.ok()) {
    logger.Error("configuration reload failed; the current one stays",
                 {sslstore::service::observability::LogField(
                     "error", std::string(reloaded.message()))});
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (sslstore::version::PrintVersionIfAsked(argc, argv,
                                             "sslstore-connector")) {
    return 0;
  }
  absl::SetProgramUsageMessage(
      "Serves the SSL Store connector's gRPC API.\n"
      "  sslstore-connector --config=connector.json");
  std::vector<std::string> args = NormalizeFlagNames(argc, argv);
  std::vector<char*> arg_pointers;
  arg_pointers.reserve(args.size());
  for (std::string& arg : args) arg_pointers.push_back(arg.data());
  absl::ParseCommandLine(static_cast<int>(arg_pointers.size()),
                         arg_pointers.data());

  // Block the signals in every thread; one thread waits for them: SIGINT
  // and SIGTERM stop the server, SIGHUP reloads the configuration.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  if (absl::GetFlag(FLAGS_check_config)) {
    if (absl::GetFlag(FLAGS_config).empty()) {
      return Fail("--check-config needs --config=FILE");
    }
  }

  absl::StatusOr<ServerConfig> loaded = ConfigFromFlags();
  if (!loaded.ok()) return Fail(std::string(loaded.status().message()));
  ServerConfig config = *std::move(loaded);

  if (absl::GetFlag(FLAGS_check_config)) {
    absl::Status checked = ConnectorServer::CheckConfig(config);
    if (!checked.ok()) return Fail(std::string(checked.message()));
    std::printf(
        "sslstore-connector: %s is valid: %zu connection(s), %s, %s, "
        "catalog %s\n",
        absl::GetFlag(FLAGS_config).c_str(), config.connections.size(),
        !config.tls.enabled() ? "plaintext"
        : config.tls.mutual() ? "mutual TLS"
                              : "TLS",
        config.caller_auth.bearer_tokens.empty() ? "no bearer token required"
                                                 : "bearer tokens required",
        config.catalog_dir.c_str());
    return 0;
  }

  absl::StatusOr<std::unique_ptr<ConnectorServer>> server =
      ConnectorServer::Start(config);
  if (!server.ok()) return Fail(std::string(server.status().message()));

  std::printf("sslstore-connector: serving on %s (%zu connection(s))\n",
              (*server)->address().c_str(), config.connections.size());
  std::fflush(stdout);
  if (const std::string path = absl::GetFlag(FLAGS_port_file); !path.empty()) {
    const absl::Status written = sslstore::files::WriteFileAtomically(
        path, absl::StrCat((*server)->port(), "\n"));
    if (!written.ok()) {
      return Fail(absl::StrCat("--port_file: ", written.message()));
    }
  }

  std::thread signal_waiter([&signals, &server] {
    int signal_number = 0;
    while (sigwait(&signals, &signal_number) == 0 && signal_number == SIGHUP) {
      ReloadFromFlags(**server);
    }
    std::printf("sslstore-connector: signal %d, shutting down\n",
                signal_number);
    std::fflush(stdout);
    (*server)->Shutdown();
  });
  (*server)->Wait();
  signal_waiter.join();
  return 0;
}
