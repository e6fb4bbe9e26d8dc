#include "service/observability/metrics_auth.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <array>
#include <map>

#include "CivetServer.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "civetweb.h"

namespace sslstore::service::observability {
namespace {

using Digest = std::array<unsigned char, SHA256_DIGEST_LENGTH>;

Digest Sha256(absl::string_view text) {
  Digest digest;
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(),
         digest.data());
  return digest;
}

// The protected ports and the SHA-256 of their tokens (hashing first makes
// the comparison's length independent of the token's).
struct Registry {
  absl::Mutex mutex;
  std::map<int, Digest> tokens ABSL_GUARDED_BY(mutex);
};

Registry& TheRegistry() {
  static Registry* const registry = new Registry();
  return *registry;
}

bool Authorized(const mg_connection* conn) {
  const mg_request_info* request = mg_get_request_info(conn);
  if (request == nullptr) return false;
  const char* header = mg_get_header(conn, "Authorization");
  absl::string_view value = header == nullptr ? "" : header;
  constexpr absl::string_view kScheme = "Bearer ";
  if (value.size() <= kScheme.size() ||
      !absl::StartsWithIgnoreCase(value, kScheme)) {
    return false;
  }
  const Digest presented = Sha256(value.substr(kScheme.size()));
  Registry& registry = TheRegistry();
  absl::MutexLock lock(&registry.mutex);
  auto found = registry.tokens.find(request->server_port);
  return found != registry.tokens.end() &&
         CRYPTO_memcmp(found->second.data(), presented.data(),
                       presented.size()) == 0;
}

// Returns 1 (handled: 401 sent) unless the request may go on (0).
int BeginRequest(mg_connection* conn) {
  if (Authorized(conn)) return 0;
  constexpr absl::string_view kBody = "a bearer token is required here\n";
  mg_printf(conn,
            "HTTP/1.1 401 Unauthorized\r\n"
            "WWW-Authenticate: Bearer realm=\"sslstore-connector metrics\"\r\n"
            "Content-Type: text/plain\r\nContent-Length: %zu\r\n"
            "Connection: close\r\n\r\n%s",
            kBody.size(), kBody.data());
  return 401;
}

}  // namespace

const CivetCallbacks* MetricsAuth::Callbacks() {
  static const CivetCallbacks* callbacks = [] {
    auto* built = new CivetCallbacks();
    built->begin_request = &BeginRequest;
    return built;
  }();
  return callbacks;
}

void MetricsAuth::Require(int port, const std::string& token) {
  Registry& registry = TheRegistry();
  absl::MutexLock lock(&registry.mutex);
  registry.tokens[port] = Sha256(token);
}

void MetricsAuth::Forget(int port) {
  Registry& registry = TheRegistry();
  absl::MutexLock lock(&registry.mutex);
  registry.tokens.erase(port);
}

}  // namespace sslstore::service::observability
