#ifndef SERVICE_OBSERVABILITY_REDACTOR_H_
#define SERVICE_OBSERVABILITY_REDACTOR_H_

#include <deque>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "sslstore_client/redact.h"

namespace sslstore::service::observability {

// The text every redacted value is replaced with (the client's).
using ::sslstore::client::kRedacted;

// Removes secrets from text before it is logged or returned. It knows two
// kinds of secrets: permanent ones (each configured connection's auth token,
// the callers' bearer tokens) and recent ones (auth tokens that arrived
// inside requests, for inline connections; the newest `kMaxRecentSecrets`
// are kept). `Scrub` replaces every occurrence of each secret, as is and in
// its JSON-escaped form, and the value of any auth-token field whatever the
// secret: `"AuthToken": "..."`, `AuthToken=...`, `auth_token: "..."` (key
// names "AuthToken", "auth_token", "auth-token", case-insensitive, also
// inside escaped JSON), each by "[REDACTED]". Thread-safe.
class Redactor {
 public:
  // How many request-borne secrets are remembered.
  static constexpr size_t kMaxRecentSecrets = 256;

  Redactor() = default;
  Redactor(const Redactor&) = delete;
  Redactor& operator=(const Redactor&) = delete;

  // Adds a secret scrubbed for the redactor's whole life. Empty ones are
  // ignored.
  void AddSecret(absl::string_view secret);
  // Adds a secret seen in a request; the oldest is forgotten beyond
  // kMaxRecentSecrets. Empty ones and known ones are ignored.
  void AddRecentSecret(absl::string_view secret);

  // `text` with every known secret and every auth-token field value
  // replaced by "[REDACTED]".
  std::string Scrub(absl::string_view text) const;

  // Same, with `extra` secrets (e.g. those of the current call) too.
  std::string Scrub(absl::string_view text,
                    const std::vector<std::string>& extra) const;

 private:
  // A secret and its JSON-escaped form.
  struct Known {
    std::string raw;
    std::string escaped;
  };

  mutable absl::Mutex mutex_;
  std::vector<Known> secrets_ ABSL_GUARDED_BY(mutex_);
  std::deque<Known> recent_ ABSL_GUARDED_BY(mutex_);
};

// `text` with the value of every auth-token field (see Redactor) replaced
// by "[REDACTED]".
std::string ScrubAuthTokenFields(absl::string_view text);

}  // namespace sslstore::service::observability

#endif  // SERVICE_OBSERVABILITY_REDACTOR_H_
