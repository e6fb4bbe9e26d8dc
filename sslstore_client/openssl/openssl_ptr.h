#ifndef SSLSTORE_CLIENT_OPENSSL_OPENSSL_PTR_H_
#define SSLSTORE_CLIENT_OPENSSL_OPENSSL_PTR_H_

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace sslstore::openssl {

// Owning smart pointers for the OpenSSL objects the product and its tools
// use (the one set: service/x509, the server's credentials, the simulator,
// the tests); each one frees its object with the matching *_free function.
template <auto FreeFn>
struct OpenSslDeleter {
  template <typename T>
  void operator()(T* p) const {
    FreeFn(p);
  }
};

using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;
using X509ReqPtr = std::unique_ptr<X509_REQ, OpenSslDeleter<X509_REQ_free>>;
using X509NamePtr = std::unique_ptr<X509_NAME, OpenSslDeleter<X509_NAME_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<BN_free>>;
using Pkcs7Ptr = std::unique_ptr<PKCS7, OpenSslDeleter<PKCS7_free>>;
using GeneralNamesPtr =
    std::unique_ptr<GENERAL_NAMES, OpenSslDeleter<GENERAL_NAMES_free>>;
using Asn1TypePtr = std::unique_ptr<ASN1_TYPE, OpenSslDeleter<ASN1_TYPE_free>>;
using Asn1OctetStringPtr =
    std::unique_ptr<ASN1_OCTET_STRING, OpenSslDeleter<ASN1_OCTET_STRING_free>>;
using AuthorityKeyIdPtr =
    std::unique_ptr<AUTHORITY_KEYID, OpenSslDeleter<AUTHORITY_KEYID_free>>;

// Frees a STACK_OF(X509_EXTENSION) and its elements.
struct ExtensionStackDeleter {
  void operator()(STACK_OF(X509_EXTENSION) * p) const {
    sk_X509_EXTENSION_pop_free(p, X509_EXTENSION_free);
  }
};
using ExtensionStackPtr =
    std::unique_ptr<STACK_OF(X509_EXTENSION), ExtensionStackDeleter>;

// Frees memory that OpenSSL allocated with OPENSSL_malloc. Out of line:
// OPENSSL_free passes __FILE__, which openssl_ptr.cc alone compiles without
// the source tree's path.
struct OpenSslFreeDeleter {
  void operator()(void* p) const;
};
template <typename T>
using OpenSslMallocPtr = std::unique_ptr<T, OpenSslFreeDeleter>;

}  // namespace sslstore::openssl

#endif  // SSLSTORE_CLIENT_OPENSSL_OPENSSL_PTR_H_
