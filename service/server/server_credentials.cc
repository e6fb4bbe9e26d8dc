#include "service/server/server_credentials.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "grpcpp/security/tls_certificate_provider.h"
#include "grpcpp/security/tls_credentials_options.h"
#include "sslstore_client/files/atomic_file.h"

namespace sslstore::service {
namespace {

constexpr char kIdentityFile[] = "identity.pem";
constexpr char kClientCaFile[] = "client-ca.pem";

// The directory the private copies go under.
std::string CopiesParent() {
  for (const char* variable : {"RUNTIME_DIRECTORY", "TMPDIR"}) {
    const char* value = std::getenv(variable);
    // RUNTIME_DIRECTORY may list several directories; take the first.
    if (value != nullptr && value[0] != '\0') {
      std::string first(value);
      return first.substr(0, first.find(':'));
    }
  }
  return "/tmp";
}

absl::Status SystemError(absl::string_view what, const std::string& path) {
  return absl::InternalError(absl::StrCat("tls: cannot ", what, " ", path, ": ",
                                          std::strerror(errno)));
}

// Writes `text` to `path` (mode 0600) so that a reader sees the old text or
// the new, never a mix.
absl::Status WriteAtomically(const std::string& path, const std::string& text) {
  absl::Status written = files::WriteFileAtomically(path, text, 0600);
  if (written.ok()) return written;
  return absl::InternalError(absl::StrCat("tls: ", written.message()));
}

}  // namespace

absl::StatusOr<std::unique_ptr<ServerCredentials>> ServerCredentials::Create(
    const ServerTlsConfig& tls, unsigned int refresh_interval_seconds) {
  std::unique_ptr<ServerCredentials> made(
      new ServerCredentials(tls.enabled(), tls.mutual()));
  if (!tls.enabled()) {
    made->credentials_ = grpc::InsecureServerCredentials();
    return made;
  }
  absl::StatusOr<ServerTlsMaterial> material = LoadServerTlsMaterial(tls);
  if (!material.ok()) return material.status();

  std::string pattern = CopiesParent() + "/sslstore-connector-tls-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (::mkdtemp(buffer.data()) == nullptr) {
    return SystemError("create a private directory like", pattern);
  }
  made->directory_ = buffer.data();
  if (absl::Status written = made->Write(*material); !written.ok()) {
    return written;
  }

  const std::string identity = made->directory_ + "/" + kIdentityFile;
  auto provider =
      made->mutual_
          ? std::make_shared<
                grpc::experimental::FileWatcherCertificateProvider>(
                identity, identity, made->directory_ + "/" + kClientCaFile,
                refresh_interval_seconds)
          : std::make_shared<
                grpc::experimental::FileWatcherCertificateProvider>(
                identity, identity, refresh_interval_seconds);
  grpc::experimental::TlsServerCredentialsOptions options(provider);
  options.watch_identity_key_cert_pairs();
  if (made->mutual_) {
    options.watch_root_certs();
    options.set_cert_request_type(
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  } else {
    options.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  }
  made->credentials_ = grpc::experimental::TlsServerCredentials(options);
  if (made->credentials_ == nullptr) {
    return absl::InternalError("tls: gRPC refused the TLS options");
  }
  return made;
}

ServerCredentials::~ServerCredentials() {
  if (directory_.empty()) return;
  for (const char* name : {kIdentityFile, kClientCaFile}) {
    const std::string path = directory_ + "/" + name;
    ::unlink(path.c_str());
    ::unlink((path + ".new").c_str());
  }
  ::rmdir(directory_.c_str());
}

absl::Status ServerCredentials::Write(const ServerTlsMaterial& material) {
  // The client CA first: a bundle that trusts the new client certificates
  // may arrive a refresh before the identity, never the other way round.
  if (mutual_) {
    absl::Status ca = WriteAtomically(directory_ + "/" + kClientCaFile,
                                      material.client_ca_pem);
    if (!ca.ok()) return ca;
  }
  return WriteAtomically(
      directory_ + "/" + kIdentityFile,
      absl::StrCat(material.private_key_pem, "\n", material.cert_chain_pem));
}

absl::Status ServerCredentials::Reload(const ServerTlsConfig& tls) {
  if (tls.enabled() != tls_ || tls.mutual() != mutual_) {
    return absl::FailedPreconditionError(
        "tls: switching between plaintext, TLS and mutual TLS needs a "
        "restart");
  }
  if (!tls_) return absl::OkStatus();
  absl::StatusOr<ServerTlsMaterial> material = LoadServerTlsMaterial(tls);
  if (!material.ok()) return material.status();
  return Write(*material);
}

}  // namespace sslstore::service
