#include "service/server/caller_auth.h"

#include <array>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "openssl/crypto.h"
#include "openssl/sha.h"
#include "service/server/error_reason.h"
#include "service/server/grpc_status.h"

namespace sslstore::service {
namespace {

constexpr absl::string_view kAuthorizationKey = "authorization";
constexpr absl::string_view kBearerPrefix = "bearer ";

std::array<unsigned char, 32> Sha256(absl::string_view text) {
  std::array<unsigned char, 32> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(),
         digest.data());
  return digest;
}

grpc::Status Unauthenticated(const char* message) {
  return ToGrpcStatus(
      WithReason(absl::UnauthenticatedError(message),
                 sslstore::connector::v1::CALLER_UNAUTHENTICATED));
}

}  // namespace

CallerAuthenticator::CallerAuthenticator(const CallerAuthConfig& config) {
  Replace(config);
}

void CallerAuthenticator::Replace(const CallerAuthConfig& config) {
  std::vector<Digest> digests;
  digests.reserve(config.bearer_tokens.size());
  for (const Secret& token : config.bearer_tokens) {
    digests.push_back(Sha256(token.Reveal()));
  }
  absl::MutexLock lock(&mutex_);
  digests_ = std::move(digests);
}

bool CallerAuthenticator::required() const {
  absl::ReaderMutexLock lock(&mutex_);
  return !digests_.empty();
}

grpc::Status CallerAuthenticator::Check(
    const grpc::ServerContextBase& context) const {
  absl::ReaderMutexLock lock(&mutex_);
  if (digests_.empty()) return grpc::Status::OK;
  const auto& metadata = context.client_metadata();
  const auto range = metadata.equal_range(
      grpc::string_ref(kAuthorizationKey.data(), kAuthorizationKey.size()));
  if (range.first == range.second) {
    return Unauthenticated(
        "this connector requires a bearer token: send the metadata "
        "\"authorization: Bearer <token>\"");
  }
  if (std::next(range.first) != range.second) {
    return Unauthenticated("more than one authorization header was sent");
  }
  const absl::string_view value(range.first->second.data(),
                                range.first->second.size());
  if (value.size() <= kBearerPrefix.size() ||
      !absl::StartsWithIgnoreCase(value, kBearerPrefix)) {
    return Unauthenticated(
        "the authorization metadata must be \"Bearer <token>\"");
  }
  const absl::string_view token =
      absl::StripAsciiWhitespace(value.substr(kBearerPrefix.size()));
  const Digest presented = Sha256(token);
  int matches = 0;
  for (const Digest& expected : digests_) {
    matches |=
        CRYPTO_memcmp(presented.data(), expected.data(), presented.size()) == 0
            ? 1
            : 0;
  }
  if (matches == 0) return Unauthenticated("the bearer token is not valid");
  return grpc::Status::OK;
}

}  // namespace sslstore::service
