// record: one request's status and certificate.
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "tools/gateway-cli/commands.h"
#include "tools/gateway-cli/pem_file.h"
#include "tools/gateway-cli/record_output.h"
#include "tools/gateway-cli/status_display.h"

namespace sslstore::gateway::cli {

namespace v1 = sslstore::connector::v1;

absl::Status RunRecord(const CommandContext& context) {
  const std::string& id = context.args.positional[0];
  v1::GetCertificateRequest request;
  *request.mutable_connection() = context.options.connection;
  request.set_ca_request_id(id);
  v1::GetCertificateResponse response;
  absl::Status status =
      context.client.Call(&ConnectorClient::Stub::GetCertificate, request,
                          &response, "GetSingleRecord");
  if (!status.ok()) return status;
  const v1::CertificateRecord& record = response.record();
  if (LacksCertificate(record)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "GetSingleRecord: request ", id, " is ",
        ShowStatus(record.status()).name, " (", CaStatusText(record),
        ") but SSL Store holds no certificate for it"));
  }
  Print(context.out, context.args.Has("json") ? RecordJson(record, true)
                                              : RecordText(record));
  std::optional<std::string> path = context.args.Get("out");
  if (path.has_value() && !record.certificate_pem().empty()) {
    return WritePemFile(*path, record.certificate_pem());
  }
  return absl::OkStatus();
}

}  // namespace sslstore::gateway::cli
