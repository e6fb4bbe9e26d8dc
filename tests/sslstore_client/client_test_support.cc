#include "tests/sslstore_client/client_test_support.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"

namespace sslstore::client::testing {
namespace {

std::string BioToString(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(size));
}

}  // namespace

std::unique_ptr<sslstore_sim::Simulator> StartSimulator(
    sslstore_sim::SimulatorOptions options) {
  options.listen_address = "127.0.0.1";
  options.port = 0;
  options.admin_port = 0;
  options.enable_admin = false;
  absl::StatusOr<std::unique_ptr<sslstore_sim::Simulator>> sim =
      sslstore_sim::Simulator::Start(std::move(options));
  EXPECT_TRUE(sim.ok()) << sim.status();
  return sim.ok() ? *std::move(sim) : nullptr;
}

ClientOptions OptionsFor(const sslstore_sim::Simulator& sim) {
  ClientOptions o;
  o.base_url = sim.base_url();
  o.ca_file = sim.ca_file();
  o.partner_code = sim.partner_code();
  o.auth_token = "sim-token";
  o.max_connections_per_host = 8;
  o.connect_timeout = absl::Seconds(10);
  o.request_timeout = absl::Seconds(20);
  o.total_timeout = absl::Seconds(60);
  o.retry.initial_backoff = absl::Milliseconds(1);
  o.retry.max_backoff = absl::Milliseconds(5);
  o.retry.max_retry_after = absl::Milliseconds(50);
  return o;
}

std::unique_ptr<SslStoreClient> MakeClient(const ClientOptions& options) {
  absl::StatusOr<std::unique_ptr<SslStoreClient>> client =
      SslStoreClient::Create(options);
  EXPECT_TRUE(client.ok()) << client.status();
  return client.ok() ? *std::move(client) : nullptr;
}

std::string MakeCsr(const std::string& common_name,
                    const std::vector<std::string>& sans) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509_REQ* req = X509_REQ_new();
  X509_NAME* name = X509_REQ_get_subject_name(req);
  X509_NAME_add_entry_by_txt(
      name, "CN", MBSTRING_UTF8,
      reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
  X509_REQ_set_pubkey(req, key);
  if (!sans.empty()) {
    std::vector<std::string> entries;
    for (const std::string& san : sans) entries.push_back("DNS:" + san);
    std::string value = absl::StrJoin(entries, ",");
    STACK_OF(X509_EXTENSION)* exts = sk_X509_EXTENSION_new_null();
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(
        nullptr, nullptr, NID_subject_alt_name, value.c_str());
    sk_X509_EXTENSION_push(exts, ext);
    X509_REQ_add_extensions(req, exts);
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
  }
  X509_REQ_sign(req, key, EVP_sha256());
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509_REQ(bio, req);
  std::string pem = BioToString(bio);
  BIO_free(bio);
  X509_REQ_free(req);
  EVP_PKEY_free(key);
  return pem;
}

std::string WriteUnrelatedCaFile(const std::string& name) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 4242);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
  X509_NAME* subject = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(
      subject, "CN", MBSTRING_UTF8,
      reinterpret_cast<const unsigned char*>("Unrelated Test CA"), -1, -1, 0);
  X509_set_issuer_name(cert, subject);
  X509_set_pubkey(cert, key);
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* bc =
      X509V3_EXT_conf_nid(nullptr, &ctx, NID_basic_constraints, "CA:TRUE");
  X509_add_ext(cert, bc, -1);
  X509_EXTENSION_free(bc);
  X509_sign(cert, key, EVP_sha256());
  std::string path = absl::StrCat(::testing::TempDir(), "/", name, ".pem");
  FILE* f = std::fopen(path.c_str(), "w");
  EXPECT_NE(f, nullptr) << path;
  if (f != nullptr) {
    PEM_write_X509(f, cert);
    std::fclose(f);
  }
  X509_free(cert);
  EVP_PKEY_free(key);
  return path;
}

ErrorKind KindOf(const absl::Status& status) {
  std::optional<ErrorInfo> info = GetErrorInfo(status);
  return info.has_value() ? info->kind : ErrorKind::kTransport;
}

int AttemptsOf(const absl::Status& status) {
  std::optional<ErrorInfo> info = GetErrorInfo(status);
  return info.has_value() ? info->attempts : 0;
}

}  // namespace sslstore::client::testing
