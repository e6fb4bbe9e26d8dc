#include "tools/gateway-cli/enrollment_output.h"

#include "absl/strings/str_cat.h"
#include "tools/gateway-cli/json_fields.h"

namespace sslstore::gateway::cli {

std::string EnrollmentText(const EnrollmentReport& report) {
  std::string text = absl::StrCat("request id: ", report.ca_request_id,
                                  "\nstatus: ", StatusText(report.status),
                                  "\nmessage: ", report.message, "\n");
  if (!report.context.empty()) {
    absl::StrAppend(&text, "context:\n");
    for (const auto& [key, value] : report.context) {
      absl::StrAppend(&text, "  ", key, ": ", value, "\n");
    }
  }
  absl::StrAppend(&text, report.certificate);
  return text;
}

std::string EnrollmentJson(const EnrollmentReport& report) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  Field(json, "ca_request_id", report.ca_request_id);
  Field(json, "status", report.status.number);
  Field(json, "status_name", report.status.name);
  Field(json, "status_message", report.message);
  json.Key("enrollment_context");
  json.StartObject();
  for (const auto& [key, value] : report.context) {
    Field(json, key.c_str(), value);
  }
  json.EndObject();
  Field(json, "certificate", report.certificate);
  json.EndObject();
  return buffer.GetString();
}

}  // namespace sslstore::gateway::cli
