#ifndef SERVICE_RPC_CATALOG_HANDLERS_H_
#define SERVICE_RPC_CATALOG_HANDLERS_H_

#include "catalog/catalog.h"
#include "grpcpp/support/status.h"
#include "sslstore/connector/v1/connector_service.pb.h"

namespace sslstore::service {

// The catalog RPCs: products, product validation and the gateway's
// annotation dictionaries. They need no upstream call, so each runs to
// completion on the calling thread. Thread-safe: the catalog is immutable.
class CatalogHandlers {
 public:
  // `catalog` must outlive this object.
  explicit CatalogHandlers(const catalog::Catalog& catalog)
      : catalog_(catalog) {}

  // Every product, optionally filtered by vendor and validation type.
  grpc::Status ListProducts(
      const sslstore::connector::v1::ListProductsRequest& request,
      sslstore::connector::v1::ListProductsResponse* response) const;

  // One product by code; NOT_FOUND when the catalog has no such code.
  grpc::Status GetProduct(
      const sslstore::connector::v1::GetProductRequest& request,
      sslstore::connector::v1::GetProductResponse* response) const;

  // Checks a product code and its parameters without ordering anything.
  // Problems are reported in the response (valid = false), all at once.
  grpc::Status ValidateProduct(
      const sslstore::connector::v1::ValidateProductRequest& request,
      sslstore::connector::v1::ValidateProductResponse* response) const;

  // The CA connection settings the gateway shows (SSLStoreURL, ...).
  grpc::Status GetConnectorAnnotations(
      const sslstore::connector::v1::GetConnectorAnnotationsRequest& request,
      sslstore::connector::v1::GetConnectorAnnotationsResponse* response) const;

  // The enrollment parameters, of one product or of all of them.
  grpc::Status GetTemplateParameterAnnotations(
      const sslstore::connector::v1::GetTemplateParameterAnnotationsRequest&
          request,
      sslstore::connector::v1::GetTemplateParameterAnnotationsResponse*
          response) const;

 private:
  const catalog::Catalog& catalog_;
};

}  // namespace sslstore::service

#endif  // SERVICE_RPC_CATALOG_HANDLERS_H_
