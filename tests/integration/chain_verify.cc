#include "tests/integration/chain_verify.h"

#include <memory>
#include <vector>

#include "openssl/pem.h"
#include "openssl/x509.h"
#include "openssl/x509_vfy.h"
#include "sslstore_client/openssl/openssl_ptr.h"

namespace sslstore::testing {
namespace {

using ::sslstore::openssl::X509Ptr;

X509Ptr FromDer(const std::string& der) {
  const unsigned char* data =
      reinterpret_cast<const unsigned char*>(der.data());
  return X509Ptr(d2i_X509(nullptr, &data, static_cast<long>(der.size())));
}

X509Ptr FromPem(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return X509Ptr(cert);
}

}  // namespace

bool ChainVerifies(const sslstore::connector::v1::CertificateRecord& record,
                   const std::string& root_pem) {
  X509Ptr leaf = FromDer(record.certificate_der());
  X509Ptr root = FromPem(root_pem);
  if (!leaf || !root) return false;
  X509_STORE* store = X509_STORE_new();
  X509_STORE_add_cert(store, root.get());
  STACK_OF(X509)* untrusted = sk_X509_new_null();
  std::vector<X509Ptr> keep;
  for (const auto& entry : record.chain()) {
    keep.push_back(FromDer(entry.der()));
    if (keep.back()) sk_X509_push(untrusted, keep.back().get());
  }
  X509_STORE_CTX* context = X509_STORE_CTX_new();
  X509_STORE_CTX_init(context, store, leaf.get(), untrusted);
  const bool ok = X509_verify_cert(context) == 1;
  X509_STORE_CTX_free(context);
  sk_X509_free(untrusted);
  X509_STORE_free(store);
  return ok;
}

}  // namespace sslstore::testing
