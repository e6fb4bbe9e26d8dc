// The simulator's view of the product catalogue (what /product/query lists
// and what /order/neworder validates against), the approver e-mail lists of
// /order/approverlist and the DigiCert organizations of
// /digicert/organizationlist.
#ifndef TOOLS_SSLSTORE_SIM_PRODUCTS_H_
#define TOOLS_SSLSTORE_SIM_PRODUCTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sslstore_sim {

// One product as the WBAPI knows it (the api_code, never a "-EO" code).
struct SimProduct {
  std::string code;             // WBAPI ProductCode, e.g. "positivessl"
  std::string name;             // e.g. "Sectigo PositiveSSL"
  std::string vendor;           // "DigiCert" or "Sectigo"
  std::string validation_type;  // "DV", "OV", "EV", or another product kind
  bool wildcard = false;        // accepts "*." names
  bool multi_domain = false;    // accepts names beyond the common name
  std::vector<int> validity_months;  // allowed ValidityPeriod values
  int max_sans = 0;  // most DNS names per certificate (CN included); 0 = 1
};

// Immutable lookup table of products, ordered by code.
class ProductTable {
 public:
  // Builds the table; later duplicates of a code are dropped.
  explicit ProductTable(std::vector<SimProduct> products);

  // The product with `code` (case-insensitive), or nullptr.
  const SimProduct* Find(absl::string_view code) const;

  // Every product, ordered by code.
  const std::vector<SimProduct>& all() const { return products_; }

 private:
  std::vector<SimProduct> products_;
};

// Loads the catalogue from the catalog library's data directory, keeping
// one entry per api_code (the "-EO" variants never reach the API).
absl::StatusOr<std::vector<SimProduct>> LoadCatalogProducts(
    const std::string& catalog_dir);

// True for DigiCert-family products (vendor DigiCert or code "digi_*").
bool IsDigiCert(const SimProduct& product);

// The WBAPI VendorName, e.g. "DIGICERT", "SECTIGO".
std::string WbapiVendorName(const SimProduct& product);

// The registrable base of `domain` (its last two labels, "*." removed).
std::string BaseDomain(absl::string_view domain);

// The approver addresses the CA accepts for `domain`: admin@, administrator@,
// hostmaster@, postmaster@ and webmaster@ at the domain and each parent down
// to the base domain (Sectigo), or at the base domain only (DigiCert).
std::vector<std::string> ApproverEmails(const SimProduct& product,
                                        absl::string_view domain);

// A DigiCert organization of /digicert/organizationlist.
struct SimOrganization {
  int64_t tss_organization_id = 0;
  int64_t vendor_organization_id = 0;
  std::string name;
  std::string assumed_name;
  std::string address;
  std::string city;
  std::string state;
  std::string zip;
  std::string country;
  std::string phone;
  std::string status;  // "active" or "inactive"
};

// The fixed organization list served by the simulator.
const std::vector<SimOrganization>& Organizations();

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_PRODUCTS_H_
