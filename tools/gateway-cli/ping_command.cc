// ping: SSL Store through the connector.
#include <string>

#include "absl/strings/str_cat.h"
#include "tools/gateway-cli/commands.h"
#include "tools/gateway-cli/proto_json.h"

namespace sslstore::gateway::cli {

namespace v1 = sslstore::connector::v1;

absl::Status RunPing(const CommandContext& context) {
  v1::PingRequest request;
  *request.mutable_connection() = context.options.connection;
  v1::PingResponse response;
  absl::Status status = context.client.Call(&ConnectorClient::Stub::Ping,
                                            request, &response, "Ping");
  if (!status.ok()) return status;
  const std::string message = context.client.Scrub(response.message());
  const std::string name =
      response.connection_name().empty()
          ? "the inline connection"
          : absl::StrCat("connection \"", response.connection_name(), "\"");
  if (context.args.Has("json") &&
      (response.reachable() || !response.remote_checked())) {
    Print(context.out, context.client.Scrub(ProtoJson(response)));
    return absl::OkStatus();
  }
  if (!response.remote_checked()) {
    Print(context.out, absl::StrCat(name, ": not checked: ", message));
    return absl::OkStatus();
  }
  if (!response.reachable()) {
    return absl::UnavailableError(
        absl::StrCat(name, ": SSL Store is not reachable: ", message));
  }
  Print(context.out, absl::StrCat(name, ": ", message));
  return absl::OkStatus();
}

}  // namespace sslstore::gateway::cli
