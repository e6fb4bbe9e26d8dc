#ifndef SSLSTORE_CLIENT_MODEL_WRITER_H_
#define SSLSTORE_CLIENT_MODEL_WRITER_H_

#include <string>

#include "sslstore_client/account_models.h"
#include "sslstore_client/order_models.h"

// JSON request bodies for the WBAPI, with the API's exact member names.

namespace sslstore::client {

// The `AuthRequest` members sent with every call.
struct Credentials {
  // `PartnerCode`.
  std::string partner_code;
  // `AuthToken`: a secret; never logged.
  std::string auth_token;
  // `UserAgent`; omitted when empty.
  std::string user_agent;
};

// Bodies with a nested `"AuthRequest": {...}`.
std::string WriteNewOrderRequest(const Credentials& credentials,
                                 const NewOrderRequest& request);
std::string WriteReissueRequest(const Credentials& credentials,
                                const ReissueRequest& request);
// `/order/status`, `/order/download` and `/order/refundstatus`.
std::string WriteOrderRefRequest(const Credentials& credentials,
                                 const OrderRef& order);
std::string WriteQueryRequest(const Credentials& credentials,
                              const QueryRequest& request);
std::string WriteRefundRequest(const Credentials& credentials,
                               const RefundRequest& request);
std::string WriteCertificateRevokeRequest(
    const Credentials& credentials, const CertificateRevokeRequest& request);
std::string WriteApproverListRequest(const Credentials& credentials,
                                     const ApproverListRequest& request);
std::string WriteProductQueryRequest(const Credentials& credentials,
                                     const ProductQueryRequest& request);

// The flat credentials body `{"PartnerCode", "AuthToken", "UserAgent"}` of
// `/health/validate` and (as Keyfactor sends it) `/digicert/organizationlist`.
std::string WriteFlatAuthRequest(const Credentials& credentials);

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_MODEL_WRITER_H_
