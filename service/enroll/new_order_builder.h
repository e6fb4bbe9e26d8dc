#ifndef SERVICE_ENROLL_NEW_ORDER_BUILDER_H_
#define SERVICE_ENROLL_NEW_ORDER_BUILDER_H_

#include <string>

#include "service/enroll/enroll_plan.h"
#include "sslstore_client/order_models.h"

namespace sslstore::service::enroll {

// The /rest/order/neworder body for `plan`: ProductCode = the product's
// api_code (an -EO product orders the code without -EO, with
// TSSOrganizationId from "Organization ID"), the CSR (PEM), DomainName = CN,
// DNSNames = the other names, ValidityPeriod (months), ServerCount,
// WebServerType, SignatureHashAlgorithm, AdminContact / TechnicalContact,
// OrganizationInfo (address, JurisdictionCountry), ApproverEmail
// (comma-joined, email DCV only), FileAuthDVIndicator / CNAMEAuthDVIndicator
// by dcv_method, isCUOrder / isTrialOrder / isRenewalOrder, and
// CustomOrderID = `custom_order_id`. Parameters are routed by each catalog
// field's wbapi_target; "Organization State/Province" wins over
// "Organization Region". AuthRequest is left for the client to fill.
client::NewOrderRequest BuildNewOrder(const EnrollPlan& plan,
                                      const std::string& custom_order_id);

}  // namespace sslstore::service::enroll

#endif  // SERVICE_ENROLL_NEW_ORDER_BUILDER_H_
