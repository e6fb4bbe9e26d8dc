#include "service/rpc/catalog_handlers.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "catalog/validity.h"
#include "service/mapping/catalog_mapper.h"
#include "service/server/error_reason.h"
#include "service/server/grpc_status.h"

namespace sslstore::service {
namespace {

namespace v1 = sslstore::connector::v1;

constexpr char kValidityField[] = "Validity Period (In Days)";

grpc::Status UnknownProduct(absl::string_view code) {
  return ToGrpcStatus(WithReason(
      absl::NotFoundError(absl::StrCat(
          "product_code: \"", code,
          "\" is not in the catalog (ListProducts lists the codes)")),
      v1::PRODUCT_NOT_FOUND));
}

grpc::Status MissingProductCode() {
  return InvalidArgumentWithViolations("invalid request",
                                       {{"product_code", "is required"}});
}

}  // namespace

grpc::Status CatalogHandlers::ListProducts(
    const v1::ListProductsRequest& request,
    v1::ListProductsResponse* response) const {
  for (const catalog::Product* product :
       catalog_.ListProducts(request.vendor(), request.validation_type())) {
    ToProto(*product, response->add_products());
  }
  return grpc::Status::OK;
}

grpc::Status CatalogHandlers::GetProduct(
    const v1::GetProductRequest& request,
    v1::GetProductResponse* response) const {
  if (request.product_code().empty()) return MissingProductCode();
  const catalog::Product* product =
      catalog_.FindProduct(request.product_code());
  if (product == nullptr) return UnknownProduct(request.product_code());
  ToProto(*product, response->mutable_product());
  return grpc::Status::OK;
}

grpc::Status CatalogHandlers::ValidateProduct(
    const v1::ValidateProductRequest& request,
    v1::ValidateProductResponse* response) const {
  std::vector<catalog::FieldViolation> violations;
  const catalog::Product* product = nullptr;
  if (request.product_code().empty()) {
    violations.push_back({"product_code", "is required"});
  } else {
    product = catalog_.FindProduct(request.product_code());
    if (product == nullptr) {
      violations.push_back(
          {"product_code", absl::StrCat("\"", request.product_code(),
                                        "\" is not in the catalog")});
    }
  }
  if (product != nullptr) {
    const std::map<std::string, std::string> parameters(
        request.parameters().begin(), request.parameters().end());
    violations = catalog_.ValidateParameters(*product, parameters);
  }
  response->set_valid(violations.empty());
  for (const catalog::FieldViolation& violation : violations) {
    v1::FieldViolation* entry = response->add_violations();
    entry->set_field(violation.field);
    entry->set_description(violation.description);
  }
  if (response->valid()) {
    auto days = request.parameters().find(kValidityField);
    int64_t day_count = 0;
    if (days != request.parameters().end() &&
        absl::SimpleAtoi(days->second, &day_count)) {
      absl::StatusOr<int> months = catalog::ValidityDaysToMonths(day_count);
      if (months.ok()) response->set_validity_months(*months);
    }
  }
  return grpc::Status::OK;
}

grpc::Status CatalogHandlers::GetConnectorAnnotations(
    const v1::GetConnectorAnnotationsRequest& /*request*/,
    v1::GetConnectorAnnotationsResponse* response) const {
  for (const catalog::Annotation& annotation :
       catalog_.ConnectorAnnotations()) {
    ToProto(annotation, &(*response->mutable_annotations())[annotation.key]);
  }
  return grpc::Status::OK;
}

grpc::Status CatalogHandlers::GetTemplateParameterAnnotations(
    const v1::GetTemplateParameterAnnotationsRequest& request,
    v1::GetTemplateParameterAnnotationsResponse* response) const {
  const std::vector<catalog::Annotation> annotations =
      catalog_.TemplateParameterAnnotations();
  const catalog::Product* product = nullptr;
  if (!request.product_code().empty()) {
    product = catalog_.FindProduct(request.product_code());
    if (product == nullptr) return UnknownProduct(request.product_code());
  }
  for (const catalog::Annotation& annotation : annotations) {
    if (product != nullptr) {
      bool in_product = false;
      for (const catalog::FieldRequirement& requirement : product->fields) {
        in_product = in_product || requirement.field->name == annotation.key;
      }
      if (!in_product) continue;
    }
    ToProto(annotation, &(*response->mutable_annotations())[annotation.key]);
  }
  return grpc::Status::OK;
}

}  // namespace sslstore::service
