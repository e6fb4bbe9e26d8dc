#include "sslstore_client/openssl/openssl_ptr.h"

#include <openssl/crypto.h>

namespace sslstore::openssl {

void OpenSslFreeDeleter::operator()(void* p) const { OPENSSL_free(p); }

}  // namespace sslstore::openssl
