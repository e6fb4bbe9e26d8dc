#ifndef SERVICE_SERVER_CALLER_AUTH_H_
#define SERVICE_SERVER_CALLER_AUTH_H_

#include <array>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"
#include "service/config/server_config.h"

namespace sslstore::service {

// Checks the bearer token of each call ("authorization: Bearer <token>"
// metadata) against the configured tokens. Only SHA-256 digests of the
// tokens are kept, and a presented token is compared with every one of them
// in constant time, so neither the match nor the length leaks through
// timing. Error messages never contain a token.
class CallerAuthenticator {
 public:
  // Accepts the tokens of `config`; with none, every call is accepted.
  explicit CallerAuthenticator(const CallerAuthConfig& config);

  // True when calls must carry a token.
  bool required() const;

  // OK for an accepted call; UNAUTHENTICATED when the token is missing,
  // malformed or not one of the configured ones.
  grpc::Status Check(const grpc::ServerContextBase& context) const;

  // Accepts the tokens of `config` from now on, and no others (a
  // configuration reload); calls already admitted are not affected.
  void Replace(const CallerAuthConfig& config);

 private:
  using Digest = std::array<unsigned char, 32>;
  mutable absl::Mutex mutex_;
  std::vector<Digest> digests_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace sslstore::service

#endif  // SERVICE_SERVER_CALLER_AUTH_H_
