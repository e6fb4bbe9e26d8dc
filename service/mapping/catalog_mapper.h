#ifndef SERVICE_MAPPING_CATALOG_MAPPER_H_
#define SERVICE_MAPPING_CATALOG_MAPPER_H_

#include "catalog/annotation.h"
#include "catalog/product.h"
#include "sslstore/connector/v1/catalog.pb.h"

namespace sslstore::service {

// Fills the API's `Product` from a catalog product, fields included.
void ToProto(const catalog::Product& product,
             sslstore::connector::v1::Product* out);

// Fills the API's `Annotation` from a catalog annotation. The default value
// becomes a number for NUMBER, a bool for BOOLEAN and a string otherwise.
void ToProto(const catalog::Annotation& annotation,
             sslstore::connector::v1::Annotation* out);

// The number of days that stands for `months` in enrollment requests: the
// seed's table (3->90, 6->180, 12->365, 24->730, 36->1095) extended the same
// way (whole years are 365 days each, other months 30 days each).
int CanonicalValidityDays(int months);

}  // namespace sslstore::service

#endif  // SERVICE_MAPPING_CATALOG_MAPPER_H_
