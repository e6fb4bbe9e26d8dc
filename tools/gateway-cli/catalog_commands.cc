// products, product and annotations: the connector's catalog.
#include <map>
#include <string>

#include "tools/gateway-cli/catalog_output.h"
#include "tools/gateway-cli/commands.h"
#include "tools/gateway-cli/proto_json.h"

namespace sslstore::gateway::cli {

namespace v1 = sslstore::connector::v1;
using Stub = ConnectorClient::Stub;

absl::Status RunProducts(const CommandContext& context) {
  v1::ListProductsResponse response;
  absl::Status status =
      context.client.Call(&Stub::ListProducts, v1::ListProductsRequest(),
                          &response, "ListProducts");
  if (!status.ok()) return status;
  if (context.args.Has("json")) {
    Print(context.out, ProtoJson(response));
    return absl::OkStatus();
  }
  const bool long_format = context.args.Has("long");
  for (const v1::Product& product : response.products()) {
    Print(context.out, long_format ? ProductLine(product) : product.code());
  }
  return absl::OkStatus();
}

absl::Status RunProduct(const CommandContext& context) {
  v1::GetProductRequest request;
  request.set_product_code(context.args.positional[0]);
  v1::GetProductResponse response;
  absl::Status status =
      context.client.Call(&Stub::GetProduct, request, &response, "GetProduct");
  if (!status.ok()) return status;
  Print(context.out, context.args.Has("json")
                         ? ProtoJson(response.product())
                         : ProductText(response.product()));
  return absl::OkStatus();
}

absl::Status RunAnnotations(const CommandContext& context) {
  // By name, so that the output does not depend on the proto map's order.
  std::map<std::string, v1::Annotation> annotations;
  absl::Status status;
  std::string json;
  if (context.args.Has("template")) {
    v1::GetTemplateParameterAnnotationsResponse response;
    status = context.client.Call(&Stub::GetTemplateParameterAnnotations,
                                 v1::GetTemplateParameterAnnotationsRequest(),
                                 &response, "GetTemplateParameterAnnotations");
    annotations.insert(response.annotations().begin(),
                       response.annotations().end());
    json = ProtoJson(response);
  } else {
    v1::GetConnectorAnnotationsResponse response;
    status = context.client.Call(&Stub::GetConnectorAnnotations,
                                 v1::GetConnectorAnnotationsRequest(),
                                 &response, "GetConnectorAnnotations");
    annotations.insert(response.annotations().begin(),
                       response.annotations().end());
    json = ProtoJson(response);
  }
  if (!status.ok()) return status;
  if (context.args.Has("json")) {
    Print(context.out, json);
    return absl::OkStatus();
  }
  for (const auto& [name, annotation] : annotations) {
    Print(context.out, AnnotationLine(name, annotation));
  }
  return absl::OkStatus();
}

}  // namespace sslstore::gateway::cli
