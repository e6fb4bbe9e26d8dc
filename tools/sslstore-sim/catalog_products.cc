// LoadCatalogProducts: the simulator's product table from the catalog
// library (one entry per WBAPI api_code; "-EO" variants are skipped).
#include "catalog/catalog.h"
#include "tools/sslstore-sim/products.h"

namespace sslstore_sim {

absl::StatusOr<std::vector<SimProduct>> LoadCatalogProducts(
    const std::string& catalog_dir) {
  const std::string dir = catalog_dir.empty()
                              ? sslstore::catalog::DefaultCatalogDir()
                              : catalog_dir;
  absl::StatusOr<std::unique_ptr<sslstore::catalog::Catalog>> catalog =
      sslstore::catalog::Catalog::LoadFromDirectory(dir);
  if (!catalog.ok()) return catalog.status();
  std::vector<SimProduct> out;
  for (const sslstore::catalog::Product* p : (*catalog)->ListProducts("", "")) {
    if (p->enterprise_organization || p->api_code.empty()) continue;
    SimProduct s;
    s.code = p->api_code;
    s.name = p->name;
    s.vendor = p->vendor;
    s.validation_type = p->validation_type;
    s.wildcard = p->wildcard;
    s.multi_domain = p->multi_domain;
    s.validity_months = p->validity_months;
    s.max_sans = p->max_sans.value_or(0);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace sslstore_sim
