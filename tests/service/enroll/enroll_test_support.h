#ifndef TESTS_SERVICE_ENROLL_ENROLL_TEST_SUPPORT_H_
#define TESTS_SERVICE_ENROLL_ENROLL_TEST_SUPPORT_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "catalog/catalog.h"
#include "sslstore/connector/v1/connector_service.pb.h"

// Fixtures for the Enroll planning tests: the real catalog, CSRs made with
// OpenSSL, and valid parameter sets for each of the seed's categories.
namespace sslstore::service::enroll::testing {

// The source tree's catalog, loaded once; aborts the test binary if it
// cannot be loaded (a broken catalog makes every test meaningless).
const catalog::Catalog& TestCatalog();

// PEM CSR with subject CN `cn` (none when empty) and subjectAltName `san` in
// OpenSSL config syntax ("DNS:a.example,IP:10.0.0.1"; "" for none), signed
// with a shared RSA 2048 key.
std::string CsrPem(const std::string& cn, const std::string& san = "");

// Valid parameters for each seed category.
std::map<std::string, std::string> DvParameters();
std::map<std::string, std::string> OvParameters();
std::map<std::string, std::string> EvJurisdictionParameters();
std::map<std::string, std::string> DigicertOvFlexParameters();
std::map<std::string, std::string> DigicertEvFlexParameters();
std::map<std::string, std::string> EnterpriseOrgParameters();

// A NEW enrollment of `product` for www.example.com with `parameters`.
sslstore::connector::v1::EnrollRequest MakeRequest(
    const std::string& product,
    const std::map<std::string, std::string>& parameters);

// The (field, description) pairs of the BadRequest payload of `status`;
// empty when there is none.
struct Violation {
  std::string field;
  std::string description;
};
std::vector<Violation> ViolationsOf(const absl::Status& status);

// The fields of ViolationsOf(status), in order.
std::vector<std::string> FieldsOf(const absl::Status& status);

}  // namespace sslstore::service::enroll::testing

#endif  // TESTS_SERVICE_ENROLL_ENROLL_TEST_SUPPORT_H_
