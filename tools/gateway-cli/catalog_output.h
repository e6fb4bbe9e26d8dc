// How sslstore-gateway prints the connector's catalog: products, one
// product's details and annotations.
#ifndef TOOLS_GATEWAY_CLI_CATALOG_OUTPUT_H_
#define TOOLS_GATEWAY_CLI_CATALOG_OUTPUT_H_

#include <string>

#include "sslstore/connector/v1/catalog.pb.h"

namespace sslstore::gateway::cli {

// "code<TAB>validation type<TAB>vendor<TAB>name".
std::string ProductLine(const sslstore::connector::v1::Product& product);

// "code: ...", "name: ...", ... then "fields:" and one line per enrollment
// field ("  Name [type, required, default \"x\"]: description").
std::string ProductText(const sslstore::connector::v1::Product& product);

// "Name (Type, default VALUE[, hidden]): comments", the type one of String,
// Secret, Number, Boolean; VALUE quoted text, true/false, a number or none.
std::string AnnotationLine(const std::string& name,
                           const sslstore::connector::v1::Annotation& info);

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_CATALOG_OUTPUT_H_
