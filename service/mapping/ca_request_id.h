#ifndef SERVICE_MAPPING_CA_REQUEST_ID_H_
#define SERVICE_MAPPING_CA_REQUEST_ID_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "sslstore_client/order_models.h"

namespace sslstore::service {

// What a `ca_request_id` designates. The connector issues
// "{TheSSLStoreOrderID}-{PartnerOrderID}" (as the existing plugin does); an
// id without a numeric prefix is a legacy CustomOrderID.
struct CaRequestId {
  // `TheSSLStoreOrderID`; empty for a legacy id.
  std::string order_id;
  // `PartnerOrderID` of the certificate the id was issued for; may be empty.
  std::string partner_order_id;
  // `CustomOrderID` for a legacy id; empty otherwise.
  std::string custom_order_id;

  // The WBAPI reference for status, download and refund calls.
  client::OrderRef ToOrderRef() const;
};

// "{order_id}-{partner_order_id}", or just the order id when SSL Store gave
// no partner order id.
std::string FormatCaRequestId(absl::string_view order_id,
                              absl::string_view partner_order_id);

// Parses a ca_request_id; INVALID_ARGUMENT naming `field` when it is empty,
// too long or contains characters no id has.
absl::StatusOr<CaRequestId> ParseCaRequestId(absl::string_view text,
                                             absl::string_view field);

}  // namespace sslstore::service

#endif  // SERVICE_MAPPING_CA_REQUEST_ID_H_
