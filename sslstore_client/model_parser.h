#ifndef SSLSTORE_CLIENT_MODEL_PARSER_H_
#define SSLSTORE_CLIENT_MODEL_PARSER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "sslstore_client/account_models.h"
#include "sslstore_client/order_models.h"

// Typed reading of WBAPI response bodies. Every function:
//  - fails with a transient kBadResponse error when `body` is not JSON
//    (e.g. truncated), so idempotent calls retry it;
//  - fails with kAuthentication (code -9008, or an "Authentication" message
//    without a code) or kBusiness (SSL Store's code and text) when the reply
//    says `isError: true`, nested in `AuthResponse` or flat;
//  - fails with a permanent kBadResponse error naming the field when a known
//    member has the wrong type;
//  - ignores unknown members and tolerates missing or null ones.
// Member names are matched exactly first, then case-insensitively.

namespace sslstore::client {

// neworder, reissue, status, refundrequest, refundstatus.
absl::StatusOr<OrderResponse> ParseOrderResponse(absl::string_view body);
// `/order/query`: a bare array; an error is a one-element array.
absl::StatusOr<QueryResponse> ParseQueryResponse(absl::string_view body);
absl::StatusOr<DownloadResponse> ParseDownloadResponse(absl::string_view body);
absl::StatusOr<CertificateRevokeResponse> ParseCertificateRevokeResponse(
    absl::string_view body);
absl::StatusOr<ApproverListResponse> ParseApproverListResponse(
    absl::string_view body);
absl::StatusOr<OrganizationListResponse> ParseOrganizationListResponse(
    absl::string_view body);
// `/health/validate` and `/health/status`.
absl::StatusOr<HealthResponse> ParseHealthResponse(absl::string_view body);
// `/product/query`: a bare array; an error is a one-element array.
absl::StatusOr<ProductQueryResponse> ParseProductQueryResponse(
    absl::string_view body);

}  // namespace sslstore::client

#endif  // SSLSTORE_CLIENT_MODEL_PARSER_H_
