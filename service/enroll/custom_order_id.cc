#include "service/enroll/custom_order_id.h"

#include "absl/strings/str_cat.h"
#include "service/x509/digest.h"

namespace sslstore::service::enroll {

std::string DeriveCustomOrderId(
    const ConnectionSettings& connection,
    const sslstore::connector::v1::EnrollRequest& request,
    const EnrollPlan& plan) {
  // Fields are separated by a NUL so that no two inputs run together.
  const std::string separator(1, '\0');
  // UNSPECIFIED means NEW: the two must give the same id.
  const int type = request.enrollment_type() ==
                           sslstore::connector::v1::ENROLLMENT_TYPE_UNSPECIFIED
                       ? sslstore::connector::v1::ENROLLMENT_TYPE_NEW
                       : request.enrollment_type();
  std::string material;
  if (!request.request_id().empty()) {
    material = absl::StrCat("request-id", separator, connection.sslstore_url,
                            separator, connection.partner_code, separator,
                            request.request_id());
  } else {
    material =
        absl::StrCat("derived", separator, connection.sslstore_url, separator,
                     connection.partner_code, separator, plan.csr.sha256_hex,
                     separator, request.product_code(), separator, type,
                     separator, request.prior_ca_request_id());
  }
  return absl::StrCat("sc-", x509::Sha256Hex(material).substr(0, 32));
}

}  // namespace sslstore::service::enroll
