#ifndef SERVICE_ENROLL_ENROLL_PLAN_H_
#define SERVICE_ENROLL_ENROLL_PLAN_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "catalog/catalog.h"
#include "catalog/product.h"
#include "service/x509/csr.h"
#include "sslstore/connector/v1/connector_service.pb.h"
#include "sslstore/connector/v1/enrollment.pb.h"

namespace sslstore::service::enroll {

// Everything an Enroll request asks for, checked and normalised, before any
// call to SSL Store.
struct EnrollPlan {
  // The catalog product (code exactly as requested); never null in a plan
  // returned by PlanEnrollment. Points into the catalog, which outlives it.
  const catalog::Product* product = nullptr;
  // The parsed CSR; it passed the signature and key policy.
  x509::CsrInfo csr;
  // The common name: the CSR subject's CN, else the request subject's.
  std::string common_name;
  // Every DNS name to certify, CN first, lower case, de-duplicated.
  std::vector<std::string> dns_names;
  // Every IP address to certify, canonical text, de-duplicated.
  std::vector<std::string> ip_addresses;
  // The product's parameters after catalog normalisation (defaults applied,
  // options in their listed spelling, organization id digits, booleans
  // "true"/"false"), keyed by the plugin documentation's field names.
  std::map<std::string, std::string> parameters;
  // WBAPI ValidityPeriod in months, from "Validity Period (In Days)"; 0 when
  // the product has no validity field and none was given.
  int validity_months = 0;
  // request.dcv_method, else CNAME/FILE when "CName Auth Domain Validation" /
  // "File Auth Domain Validation" is true, else EMAIL.
  sslstore::connector::v1::DcvMethod dcv_method =
      sslstore::connector::v1::DCV_METHOD_EMAIL;
  // "Approver Email" split on commas, trimmed, empty entries dropped.
  std::vector<std::string> approver_emails;
};

// Validates everything about `request` that can be checked without SSL Store
// and returns the plan, or INVALID_ARGUMENT (service::InvalidArgumentStatus)
// reporting EVERY problem at once, one catalog::FieldViolation per problem.
// Field names: "product_code", "csr", "subject", "san.<key>",
// "parameters[<parameter name>]", "enrollment_type", "prior_ca_request_id",
// "dcv_method", "wait_for_issuance".
// Checks: the product is known; the catalog's parameter validation (required
// fields, options, emails, countries, validity days -> allowed months); the
// CSR parses (PEM or base64 DER), its signature verifies and its key is
// RSA >= 2048 or EC P-256/P-384; the names (CN from the CSR or the request
// subject, SANs from the request and the CSR) are valid and respect the
// product's wildcard, multi-domain and max-SAN rules; a CN exists;
// RENEW/REISSUE/RENEW_OR_REISSUE carry a parseable prior_ca_request_id;
// wait_for_issuance is not negative and at most 10 minutes; email DCV has at
// least one well-formed approver email (exactly one for DigiCert). Products
// without domain validation (Code Signing, EV Code Signing, Document
// Signing, Client, Scanning) skip the DCV, approver and name checks.
absl::StatusOr<EnrollPlan> PlanEnrollment(
    const catalog::Catalog& catalog,
    const sslstore::connector::v1::EnrollRequest& request);

}  // namespace sslstore::service::enroll

#endif  // SERVICE_ENROLL_ENROLL_PLAN_H_
