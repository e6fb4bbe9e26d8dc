#ifndef SERVICE_UPSTREAM_CONNECTION_REGISTRY_H_
#define SERVICE_UPSTREAM_CONNECTION_REGISTRY_H_

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "service/config/connection_settings.h"
#include "sslstore/connector/v1/connection.pb.h"
#include "sslstore_client/client_options.h"
#include "sslstore_client/wbapi.h"

namespace sslstore::service {

// The name a request's ConnectionRef means when it names none.
inline constexpr char kDefaultConnectionName[] = "default";

// Most distinct inline connections kept at once (each owns a client).
inline constexpr int kMaxInlineConnections = 64;

// Makes the WBAPI client of one connection from the options
// ConnectionRegistry::ClientOptionsFor gives it and the connection's
// settings. Tests inject one that returns a fake.
using WbapiFactory =
    std::function<absl::StatusOr<std::unique_ptr<client::Wbapi>>(
        const client::ClientOptions& options,
        const ConnectionSettings& settings)>;

// The factory of the real client: SslStoreClient::Create(options).
WbapiFactory RealWbapiFactory();

// Resolves the `ConnectionRef` of a request to its settings and hands out one
// shared SSL Store client per connection, created on first use. Thread-safe.
class ConnectionRegistry {
 public:
  // `named` are the configured connections; `client_template` supplies the
  // transport settings (timeouts, retries, pool size) of every client;
  // `factory` makes the clients (null: the real SslStoreClient).
  ConnectionRegistry(std::map<std::string, ConnectionSettings> named,
                     client::ClientOptions client_template,
                     WbapiFactory factory = nullptr);

  // The settings `ref` designates: a configured name (empty = "default";
  // NOT_FOUND when unknown) or an inline configuration (INVALID_ARGUMENT with
  // a BadRequest detail listing every problem).
  absl::StatusOr<ConnectionSettings> Resolve(
      const sslstore::connector::v1::ConnectionRef& ref) const;

  // The client for `settings`, shared by every call on that connection.
  // Holders keep it alive, also after a reload removes or changes the
  // connection.
  absl::StatusOr<std::shared_ptr<client::Wbapi>> ClientFor(
      const ConnectionSettings& settings);

  // A new client for `settings`, not shared and not cached (for checking a
  // configuration under test).
  absl::StatusOr<std::unique_ptr<client::Wbapi>> CreateClient(
      const ConnectionSettings& settings) const;

  // The options a client for `settings` is created with.
  client::ClientOptions ClientOptionsFor(
      const ConnectionSettings& settings) const;

  // Replaces the configured connections (a configuration reload): later
  // calls resolve names against `named`. The clients of connections that
  // were removed or changed leave the cache; calls and streams that hold
  // one keep it until they end.
  void ReplaceNamed(std::map<std::string, ConnectionSettings> named);

 private:
  const client::ClientOptions client_template_;
  const WbapiFactory factory_;
  mutable absl::Mutex mutex_;
  std::map<std::string, ConnectionSettings> named_ ABSL_GUARDED_BY(mutex_);
  std::map<std::string, std::shared_ptr<client::Wbapi>> clients_
      ABSL_GUARDED_BY(mutex_);
};

// FAILED_PRECONDITION naming the connection when it is disabled; OK
// otherwise. CA operations call this before any upstream call.
absl::Status RequireEnabled(const ConnectionSettings& settings);

}  // namespace sslstore::service

#endif  // SERVICE_UPSTREAM_CONNECTION_REGISTRY_H_
