#include "tools/gateway-cli/proto_json.h"

#include "google/protobuf/util/json_util.h"

namespace sslstore::gateway::cli {

std::string ProtoJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  // Printing a valid message cannot fail; an empty object would do if it did.
  if (!google::protobuf::util::MessageToJsonString(message, &json, options)
           .ok()) {
    return "{}";
  }
  return json;
}

}  // namespace sslstore::gateway::cli
