#include "tests/service/enroll/enroll_test_support.h"

#include <cstdlib>
#include <iostream>
#include <memory>

#include "absl/strings/cord.h"
#include "absl/types/optional.h"
#include "google/rpc/error_details.pb.h"
#include "service/x509/pem_text.h"
#include "tests/service/x509/test_pki.h"

namespace sslstore::service::enroll::testing {

const catalog::Catalog& TestCatalog() {
  static const catalog::Catalog* const kCatalog = [] {
    auto loaded =
        catalog::Catalog::LoadFromDirectory(catalog::DefaultCatalogDir());
    if (!loaded.ok()) {
      std::cerr << "cannot load the catalog: " << loaded.status() << "\n";
      std::abort();
    }
    return loaded->release();
  }();
  return *kCatalog;
}

std::string CsrPem(const std::string& cn, const std::string& san) {
  x509::testing::CsrSpec spec;
  spec.subject = {{"C", "US"}, {"O", "Example Inc"}};
  if (!cn.empty()) spec.subject.push_back({"CN", cn});
  spec.san = san;
  const std::string der =
      x509::testing::MakeCsrDer(x509::testing::SharedRsa2048Key(0), spec);
  if (der.empty()) return "";
  return x509::ToPem("CERTIFICATE REQUEST", der);
}

std::map<std::string, std::string> DvParameters() {
  return {{"Admin Contact - Email", "admin@example.com"},
          {"Approver Email", "admin@example.com"},
          {"Validity Period (In Days)", "365"}};
}

std::map<std::string, std::string> OvParameters() {
  std::map<std::string, std::string> p = DvParameters();
  p["Organization Name"] = "Example Inc";
  p["Organization Address"] = "1 Main Street";
  p["Organization State/Province"] = "Texas";
  p["Organization Postal Code"] = "75001";
  p["Organization Country"] = "US";
  p["Organization Phone"] = "+1 555 0100";
  return p;
}

std::map<std::string, std::string> EvJurisdictionParameters() {
  std::map<std::string, std::string> p = OvParameters();
  p["Organization Jurisdiction Country"] = "US";
  return p;
}

std::map<std::string, std::string> DigicertOvFlexParameters() {
  std::map<std::string, std::string> p = OvParameters();
  p["Admin Contact - First Name"] = "Ada";
  p["Admin Contact - Last Name"] = "Lovelace";
  p["Admin Contact - Phone"] = "+1 555 0101";
  p["Organization City"] = "Dallas";
  return p;
}

std::map<std::string, std::string> DigicertEvFlexParameters() {
  std::map<std::string, std::string> p = DigicertOvFlexParameters();
  p["Admin Contact - Title"] = "CTO";
  return p;
}

std::map<std::string, std::string> EnterpriseOrgParameters() {
  return {{"Validity Period (In Days)", "730"}, {"Organization ID", "1234"}};
}

sslstore::connector::v1::EnrollRequest MakeRequest(
    const std::string& product,
    const std::map<std::string, std::string>& parameters) {
  sslstore::connector::v1::EnrollRequest request;
  request.set_product_code(product);
  request.set_csr(CsrPem("www.example.com"));
  request.mutable_parameters()->insert(parameters.begin(), parameters.end());
  return request;
}

std::vector<Violation> ViolationsOf(const absl::Status& status) {
  std::vector<Violation> out;
  absl::optional<absl::Cord> payload =
      status.GetPayload("type.googleapis.com/google.rpc.BadRequest");
  if (!payload.has_value()) return out;
  google::rpc::BadRequest bad_request;
  if (!bad_request.ParseFromString(std::string(*payload))) return out;
  for (const auto& v : bad_request.field_violations()) {
    out.push_back({v.field(), v.description()});
  }
  return out;
}

std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const Violation& v : ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

}  // namespace sslstore::service::enroll::testing
