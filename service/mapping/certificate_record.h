#ifndef SERVICE_MAPPING_CERTIFICATE_RECORD_H_
#define SERVICE_MAPPING_CERTIFICATE_RECORD_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "service/x509/certificate.h"
#include "sslstore/connector/v1/certificate.pb.h"
#include "sslstore_client/order_models.h"

namespace sslstore::service {

// The connector's status for SSL Store's `OrderStatus.MajorStatus`
// (case-insensitive): Active -> ISSUED, Initial/Pending ->
// PENDING_VALIDATION, Cancelled/Canceled -> REVOKED, anything else -> NEW.
sslstore::connector::v1::CertificateStatus MapOrderStatus(
    absl::string_view major_status);

// Fills the order part of a record from an order object (status, query row,
// reissue or new order response): ids and ca_request_id, product, statuses,
// common name, purchase date, order expiry, and refund information for
// cancelled orders. Certificate fields, the SANs among them (read from the
// issued certificate), are left alone.
void FillRecordFromOrder(const client::OrderResponse& order,
                         sslstore::connector::v1::CertificateRecord* record);

// True when the order may have a certificate to download: Active orders and
// Cancelled ones that were issued (SSL Store reports a certificate start
// date or serial number for them).
bool MayHaveCertificate(const client::OrderResponse& order);

// Adds the certificate of a download: the leaf found by inspecting every
// certificate in the files (not by name or position), its DER and PEM,
// serial, subject, issuer, common name, SANs and validity, and the rest of
// the chain in issuing order. DATA_LOSS when the download holds no
// certificate or the certificates do not form a chain with one leaf: the
// record then keeps no certificate bytes at all.
// `decoding` kLightLeaves (used by sync) reads the leaf without decoding its
// public key; see x509::CertificateDecoding and x509::FindLeafAndOrder.
absl::Status AddCertificateFromDownload(
    const client::DownloadResponse& download,
    sslstore::connector::v1::CertificateRecord* record,
    x509::CertificateDecoding decoding = x509::CertificateDecoding::kFull);

}  // namespace sslstore::service

#endif  // SERVICE_MAPPING_CERTIFICATE_RECORD_H_
