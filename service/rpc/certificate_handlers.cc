#include "service/rpc/certificate_handlers.h"

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/mapping/ca_request_id.h"
#include "service/mapping/certificate_record.h"
#include "service/server/grpc_status.h"
#include "service/upstream/order_lookup.h"
#include "service/upstream/upstream_connection.h"

namespace sslstore::service {
namespace {

namespace v1 = sslstore::connector::v1;

std::string RefundReasonText(const v1::RevokeCertificateRequest& request) {
  std::string reason = absl::StrCat(
      "Revocation requested through the SSL Store connector (reason ",
      v1::RevocationReason_Name(request.reason()), ")");
  if (!request.comment().empty())
    absl::StrAppend(&reason, ": ", request.comment());
  return reason;
}

}  // namespace

absl::Status HandleGetCertificate(ServiceDeps& deps, CallScope& scope,
                                  const v1::GetCertificateRequest& request,
                                  v1::GetCertificateResponse* response) {
  absl::StatusOr<CaRequestId> id =
      ParseCaRequestId(request.ca_request_id(), "ca_request_id");
  if (!id.ok()) return id.status();
  absl::StatusOr<UpstreamConnection> upstream =
      OpenUpstream(deps, request.connection());
  if (!upstream.ok()) return upstream.status();
  client::Wbapi& client = *upstream->client;

  absl::StatusOr<client::OrderResponse> order =
      FetchOrder(scope, client, id->ToOrderRef(), "ca_request_id",
                 request.ca_request_id());
  if (!order.ok()) return order.status();
  v1::CertificateRecord* record = response->mutable_record();
  FillRecordFromOrder(*order, record);
  if (!MayHaveCertificate(*order)) return absl::OkStatus();

  absl::StatusOr<client::DownloadResponse> download =
      scope.Await<client::DownloadResponse>("order/download", [&](auto done) {
        return client.Download(id->ToOrderRef(), std::move(done));
      });
  if (!download.ok()) return download.status();
  if (absl::Status added = AddCertificateFromDownload(*download, record);
      !added.ok()) {
    response->clear_record();
    return absl::DataLossError(absl::StrCat(
        "order ", order->the_sslstore_order_id, ": ", added.message()));
  }
  return absl::OkStatus();
}

absl::Status HandleRevokeCertificate(
    ServiceDeps& deps, CallScope& scope,
    const v1::RevokeCertificateRequest& request,
    v1::RevokeCertificateResponse* response) {
  absl::StatusOr<CaRequestId> id =
      ParseCaRequestId(request.ca_request_id(), "ca_request_id");
  if (!id.ok()) return id.status();
  if (!v1::RevocationReason_IsValid(request.reason())) {
    return InvalidArgumentStatus(
        "invalid request",
        {{"reason", absl::StrCat(request.reason(),
                                 " is not an RFC 5280 CRLReason code")}});
  }
  absl::StatusOr<UpstreamConnection> upstream =
      OpenUpstream(deps, request.connection());
  if (!upstream.ok()) return upstream.status();
  client::Wbapi& client = *upstream->client;
  const bool revoke_request =
      request.method() == v1::REVOCATION_METHOD_REVOKE_REQUEST;
  response->set_method(revoke_request ? v1::REVOCATION_METHOD_REVOKE_REQUEST
                                      : v1::REVOCATION_METHOD_REFUND_REQUEST);

  // The order must exist; its state also says what is left to do.
  absl::StatusOr<client::OrderResponse> order =
      FetchOrder(scope, client, id->ToOrderRef(), "ca_request_id",
                 request.ca_request_id());
  if (!order.ok()) return order.status();

  absl::Status submitted;
  std::string refund_request_id;
  if (revoke_request) {
    client::CertificateRevokeRequest revoke;
    revoke.order = id->ToOrderRef();
    revoke.serial_number = request.serial_number();
    revoke.revoke_reason = v1::RevocationReason_Name(request.reason());
    submitted =
        scope
            .Await<client::CertificateRevokeResponse>(
                "order/certificaterevokerequest",
                [&](auto done) {
                  return client.RevokeCertificate(revoke, std::move(done));
                })
            .status();
  } else {
    client::RefundRequest refund;
    refund.order = id->ToOrderRef();
    refund.refund_reason = RefundReasonText(request);
    absl::StatusOr<client::OrderResponse> refunded =
        scope.Await<client::OrderResponse>(
            "order/refundrequest", [&](auto done) {
              return client.RequestRefund(refund, std::move(done));
            });
    submitted = refunded.status();
    if (refunded.ok()) refund_request_id = refunded->refund_request_id;
  }
  // SSL Store refusing the request (refund window passed, already
  // cancelled, ...) fails the call with UPSTREAM_REFUSED, as a refused
  // Enroll does.
  if (!submitted.ok()) return submitted;

  // What SSL Store did with it: read the order back. SSL Store may carry a
  // request out later (a refund is processed by its staff): until the order
  // is cancelled the certificate stays valid and the request is pending.
  absl::StatusOr<client::OrderResponse> after =
      FetchOrder(scope, client, id->ToOrderRef(), "ca_request_id",
                 request.ca_request_id());
  if (!after.ok()) return after.status();
  if (refund_request_id.empty()) refund_request_id = after->refund_request_id;
  const v1::CertificateStatus now =
      MapOrderStatus(after->order_status.major_status);
  const bool cancelled = now == v1::CERTIFICATE_STATUS_REVOKED;
  response->set_accepted(true);
  response->set_pending(!cancelled);
  response->set_refund_request_id(refund_request_id);
  response->set_refund_status(after->is_refund_approved
                                  ? "approved"
                                  : after->order_status.minor_status);
  response->set_status(now);
  response->set_message(absl::StrCat(
      revoke_request ? "revoke request" : "refund request",
      " accepted by SSL Store; order ", after->the_sslstore_order_id, " is ",
      after->order_status.major_status,
      after->order_status.minor_status.empty()
          ? ""
          : absl::StrCat(" (", after->order_status.minor_status, ")"),
      cancelled ? ""
                : "; the revocation is pending until SSL Store cancels the "
                  "order"));
  return absl::OkStatus();
}

}  // namespace sslstore::service
