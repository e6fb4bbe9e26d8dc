#include "service/mapping/certificate_record.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "proto/time/proto_time.h"
#include "service/mapping/ca_request_id.h"
#include "service/x509/certificate.h"
#include "service/x509/chain_order.h"

namespace sslstore::service {
namespace {

namespace v1 = sslstore::connector::v1;

// The UTC variant when present, else the local one.
const client::ApiDate& Prefer(const client::ApiDate& utc,
                              const client::ApiDate& local) {
  return utc.time.has_value() ? utc : local;
}

void SetDate(const client::ApiDate& date, google::protobuf::Timestamp* out) {
  if (date.time.has_value()) *out = proto_time::ToProtoTimestamp(*date.time);
}

void FillChainEntry(x509::CertificateInfo info, v1::ChainCertificate* out) {
  out->set_der(std::move(info.der));
  out->set_pem(std::move(info.pem));
  out->set_subject(std::move(info.subject));
  out->set_issuer(std::move(info.issuer));
  out->set_serial_number(std::move(info.serial_hex));
}

}  // namespace

v1::CertificateStatus MapOrderStatus(absl::string_view major_status) {
  if (absl::EqualsIgnoreCase(major_status, "Active")) {
    return v1::CERTIFICATE_STATUS_ISSUED;
  }
  if (absl::EqualsIgnoreCase(major_status, "Initial") ||
      absl::EqualsIgnoreCase(major_status, "Pending")) {
    return v1::CERTIFICATE_STATUS_PENDING_VALIDATION;
  }
  if (absl::EqualsIgnoreCase(major_status, "Cancelled") ||
      absl::EqualsIgnoreCase(major_status, "Canceled")) {
    return v1::CERTIFICATE_STATUS_REVOKED;
  }
  return v1::CERTIFICATE_STATUS_UNRECOGNIZED;
}

void FillRecordFromOrder(const client::OrderResponse& order,
                         v1::CertificateRecord* record) {
  record->set_ca_request_id(
      FormatCaRequestId(order.the_sslstore_order_id, order.partner_order_id));
  int64_t order_id = 0;
  if (absl::SimpleAtoi(order.the_sslstore_order_id, &order_id)) {
    record->set_sslstore_order_id(order_id);
  }
  record->set_partner_order_id(order.partner_order_id);
  record->set_custom_order_id(order.custom_order_id);
  record->set_vendor_order_id(order.vendor_order_id);
  record->set_product_code(order.product_code);
  record->set_major_status(order.order_status.major_status);
  record->set_minor_status(order.order_status.minor_status);
  record->set_status(MapOrderStatus(order.order_status.major_status));
  if (!order.common_name.empty()) record->set_common_name(order.common_name);
  SetDate(Prefer(order.purchase_date_utc, order.purchase_date),
          record->mutable_purchase_date());
  SetDate(Prefer(order.order_expiry_date_utc, order.order_expiry_date),
          record->mutable_order_expiry());
  if (record->status() == v1::CERTIFICATE_STATUS_REVOKED) {
    v1::RevocationInfo* revocation = record->mutable_revocation();
    revocation->set_method(v1::REVOCATION_METHOD_REFUND_REQUEST);
    revocation->set_refund_request_id(order.refund_request_id);
    revocation->set_refund_approved(order.is_refund_approved);
    revocation->set_refund_status(order.order_status.minor_status);
  }
}

bool MayHaveCertificate(const client::OrderResponse& order) {
  const v1::CertificateStatus status =
      MapOrderStatus(order.order_status.major_status);
  if (status == v1::CERTIFICATE_STATUS_ISSUED) return true;
  if (status != v1::CERTIFICATE_STATUS_REVOKED) return false;
  return !order.serial_number.empty() ||
         order.certificate_start_date_utc.time.has_value() ||
         order.certificate_start_date.time.has_value();
}

absl::Status AddCertificateFromDownload(
    const client::DownloadResponse& download, v1::CertificateRecord* record,
    x509::CertificateDecoding decoding) {
  std::vector<std::string> texts;
  texts.reserve(download.certificates.size());
  for (const client::CertificateFile& file : download.certificates) {
    texts.push_back(file.file_content);
  }
  absl::StatusOr<std::vector<x509::CertificateInfo>> certificates =
      x509::ParseCertificates(texts, decoding);
  if (!certificates.ok()) {
    return absl::DataLossError(
        absl::StrCat("the downloaded certificate files do not parse: ",
                     certificates.status().message()));
  }
  absl::StatusOr<x509::OrderedChain> chain =
      x509::FindLeafAndOrder(*std::move(certificates));
  if (!chain.ok()) {
    return absl::DataLossError(absl::StrCat(
        "no leaf certificate in the download: ", chain.status().message()));
  }
  x509::CertificateInfo& leaf = chain->leaf;
  if (leaf.der.empty()) {
    return absl::DataLossError("the leaf certificate has no bytes");
  }
  record->set_certificate_der(std::move(leaf.der));
  record->set_certificate_pem(std::move(leaf.pem));
  record->set_serial_number(std::move(leaf.serial_hex));
  record->set_subject(std::move(leaf.subject));
  record->set_issuer(std::move(leaf.issuer));
  record->set_common_name(std::move(leaf.common_name));
  record->clear_sans();
  for (std::string& name : leaf.dns_names) record->add_sans(std::move(name));
  for (std::string& address : leaf.ip_addresses) {
    record->add_sans(std::move(address));
  }
  *record->mutable_not_before() = proto_time::ToProtoTimestamp(leaf.not_before);
  *record->mutable_not_after() = proto_time::ToProtoTimestamp(leaf.not_after);
  record->clear_chain();
  for (x509::CertificateInfo& issuer : chain->chain) {
    FillChainEntry(std::move(issuer), record->add_chain());
  }
  return absl::OkStatus();
}

}  // namespace sslstore::service
