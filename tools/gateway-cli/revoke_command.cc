// revoke: a refund (or revoke) request, confirmed or not by SSL Store.
#include <cstdio>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "tools/gateway-cli/commands.h"
#include "tools/gateway-cli/exit_codes.h"
#include "tools/gateway-cli/flag_values.h"
#include "tools/gateway-cli/proto_json.h"
#include "tools/gateway-cli/revoke_confirmation.h"

namespace sslstore::gateway::cli {
namespace {

namespace v1 = sslstore::connector::v1;

// The request of the revoke command's argument and flags.
absl::StatusOr<v1::RevokeCertificateRequest> RevokeRequestFromFlags(
    const CommandContext& context) {
  absl::StatusOr<int64_t> reason =
      IntegerFlag(context.args, "reason", 0, 10, 0);
  if (!reason.ok()) return reason.status();
  if (*reason == 7) return UsageError("--reason: 7 is not an RFC 5280 reason");
  v1::RevokeCertificateRequest request;
  request.set_method(v1::REVOCATION_METHOD_REFUND_REQUEST);
  if (auto method = context.args.Get("method")) {
    const std::string lower = absl::AsciiStrToLower(*method);
    if (lower != "refund" && lower != "revoke") {
      return UsageError(absl::StrCat(
          "--method: expected refund or revoke, got \"", *method, "\""));
    }
    if (lower == "revoke") {
      request.set_method(v1::REVOCATION_METHOD_REVOKE_REQUEST);
    }
  }
  *request.mutable_connection() = context.options.connection;
  request.set_ca_request_id(context.args.positional[0]);
  request.set_serial_number(context.args.Get("serial").value_or(""));
  request.set_reason(static_cast<v1::RevocationReason>(*reason));
  return request;
}

}  // namespace

absl::Status RunRevoke(const CommandContext& context) {
  absl::StatusOr<v1::RevokeCertificateRequest> request =
      RevokeRequestFromFlags(context);
  if (!request.ok()) return request.status();
  v1::RevokeCertificateResponse response;
  absl::Status status = context.client.Call(
      &ConnectorClient::Stub::RevokeCertificate, *request, &response, "Revoke");
  if (!status.ok()) return status;
  const RevokeConfirmation confirmation =
      ConfirmationOf(response, context.client.Scrub(response.message()));
  const std::string unconfirmed =
      absl::StrCat("the revocation of ", request->ca_request_id(),
                   " is not confirmed: ", confirmation.message);
  if (context.args.Has("json")) {
    // The response says it all; the error goes to stderr only.
    Print(context.out, context.client.Scrub(ProtoJson(response)));
    if (confirmation.confirmed) return absl::OkStatus();
    std::fprintf(context.err, "sslstore-gateway: %s\n", unconfirmed.c_str());
    return ReportedFailure(absl::StatusCode::kFailedPrecondition);
  }
  Print(context.out, ConfirmationText(confirmation));
  if (!confirmation.confirmed) {
    return absl::FailedPreconditionError(unconfirmed);
  }
  return absl::OkStatus();
}

}  // namespace sslstore::gateway::cli
