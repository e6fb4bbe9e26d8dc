// validate: the CA connection, then optionally a product's parameters.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tools/gateway-cli/commands.h"
#include "tools/gateway-cli/connector_errors.h"
#include "tools/gateway-cli/exit_codes.h"
#include "tools/gateway-cli/flag_values.h"
#include "tools/gateway-cli/json_fields.h"

namespace sslstore::gateway::cli {
namespace {

namespace v1 = sslstore::connector::v1;
using Stub = ConnectorClient::Stub;

constexpr char kConnectionInvalid[] = "the CA connection is invalid:";

// A named connection lives in the connector's configuration: it is valid
// when a ping through it works.
absl::Status ValidateNamedConnection(const CommandContext& context) {
  v1::PingRequest request;
  *request.mutable_connection() = context.options.connection;
  v1::PingResponse response;
  absl::Status status = context.client.Call(&Stub::Ping, request, &response,
                                            "ValidateCAConnectionInfo");
  if (!status.ok()) return status;
  if (response.remote_checked() && !response.reachable()) {
    return absl::InvalidArgumentError(
        absl::StrCat(kConnectionInvalid,
                     "\n  --connection=", context.options.connection.name(),
                     ": ", context.client.Scrub(response.message())));
  }
  return absl::OkStatus();
}

// The connector checks an inline connection's fields and credentials.
absl::Status ValidateInlineConnection(const CommandContext& context) {
  v1::ValidateConnectionRequest request;
  *request.mutable_config() = context.options.connection.inline_();
  v1::ValidateConnectionResponse response;
  absl::Status status =
      context.client.Call(&Stub::ValidateConnection, request, &response,
                          "ValidateCAConnectionInfo");
  if (!status.ok() || response.valid()) return status;
  std::string text = kConnectionInvalid;
  std::vector<Violation> violations;
  for (const v1::FieldViolation& violation : response.violations()) {
    violations.push_back({AnnotationNameForField(violation.field()),
                          context.client.Scrub(violation.description())});
    absl::StrAppend(&text, "\n  ", violations.back().field, ": ",
                    violations.back().description);
  }
  if (response.violations().empty()) {
    absl::StrAppend(&text, " ", response.message());
  }
  return WithViolations(absl::InvalidArgumentError(context.client.Scrub(text)),
                        violations);
}

// The product `product` with the --param values.
absl::Status ValidateProduct(const CommandContext& context,
                             const std::string& product) {
  absl::StatusOr<std::map<std::string, std::string>> parameters =
      ParamFlags(context.args);
  if (!parameters.ok()) return parameters.status();
  v1::ValidateProductRequest request;
  request.set_product_code(product);
  request.mutable_parameters()->insert(parameters->begin(), parameters->end());
  v1::ValidateProductResponse response;
  absl::Status status = context.client.Call(&Stub::ValidateProduct, request,
                                            &response, "ValidateProductInfo");
  if (!status.ok() || response.valid()) return status;
  std::string text = absl::StrCat("product \"", product, "\" is invalid:");
  std::vector<Violation> violations;
  for (const v1::FieldViolation& violation : response.violations()) {
    violations.push_back({violation.field(), violation.description()});
    absl::StrAppend(&text, "\n  ", violation.field(), ": ",
                    violation.description());
  }
  return WithViolations(absl::InvalidArgumentError(text), violations);
}

// {"connection_valid":true} and, when a product was checked,
// "product":ID,"product_valid":true.
std::string ValidationJson(const std::optional<std::string>& product) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  json.Key("connection_valid");
  json.Bool(true);
  if (product.has_value()) {
    Field(json, "product", *product);
    json.Key("product_valid");
    json.Bool(true);
  }
  json.EndObject();
  return buffer.GetString();
}

}  // namespace

absl::Status RunValidate(const CommandContext& context) {
  if (context.args.Has("param") && !context.args.Has("product")) {
    return UsageError("--param needs --product");
  }
  absl::Status connection = context.options.connection.has_inline_()
                                ? ValidateInlineConnection(context)
                                : ValidateNamedConnection(context);
  if (!connection.ok()) return connection;
  const bool json = context.args.Has("json");
  if (!json) Print(context.out, "connection: valid");
  std::optional<std::string> product = context.args.Get("product");
  if (product.has_value()) {
    absl::Status valid = ValidateProduct(context, *product);
    if (!valid.ok()) return valid;
    if (!json) {
      Print(context.out, absl::StrCat("product ", *product, ": valid"));
    }
  }
  if (json) Print(context.out, ValidationJson(product));
  return absl::OkStatus();
}

}  // namespace sslstore::gateway::cli
