#ifndef TESTS_INTEGRATION_CHAIN_VERIFY_H_
#define TESTS_INTEGRATION_CHAIN_VERIFY_H_

#include <string>

#include "sslstore/connector/v1/certificate.pb.h"

namespace sslstore::testing {

// True when the record's leaf verifies (OpenSSL X509_verify_cert) against
// `root_pem`, with the record's chain as the untrusted intermediates.
bool ChainVerifies(const sslstore::connector::v1::CertificateRecord& record,
                   const std::string& root_pem);

}  // namespace sslstore::testing

#endif  // TESTS_INTEGRATION_CHAIN_VERIFY_H_
