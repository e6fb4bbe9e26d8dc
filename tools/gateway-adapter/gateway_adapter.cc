#include "tools/gateway-adapter/gateway_adapter.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/notification.h"
#include "tools/gateway-adapter/connector_errors.h"
#include "tools/gateway-adapter/record_mapping.h"

namespace sslstore::gateway {
namespace {

namespace v1 = sslstore::connector::v1;

// The connector's error for call `call`, readable and scrubbed.
absl::Status CallError(const grpc::Status& status, absl::string_view call,
                       const ConnectorClient& client,
                       const std::vector<std::string>& secrets) {
  return FromGrpcStatus(status, call, client.options().address, secrets);
}

// Calls the connector's unary RPC `method`: OK, or the readable, scrubbed
// error of call `call`.
template <typename Request, typename Response>
absl::Status CallUnary(ConnectorClient& client,
                       const std::vector<std::string>& secrets,
                       grpc::Status (v1::ConnectorService::Stub::*method)(
                           grpc::ClientContext*, const Request&, Response*),
                       const Request& request, Response* response,
                       absl::string_view call) {
  auto context = client.NewContext();
  const grpc::Status status =
      (client.stub().*method)(context.get(), request, response);
  if (status.ok()) return absl::OkStatus();
  return CallError(status, call, client, secrets);
}

PropertyConfigInfo ToPropertyConfigInfo(const v1::Annotation& annotation) {
  PropertyConfigInfo info;
  info.comments = annotation.comments();
  info.hidden = annotation.hidden();
  switch (annotation.type()) {
    case v1::ANNOTATION_TYPE_SECRET:
      info.type = "Secret";
      break;
    case v1::ANNOTATION_TYPE_NUMBER:
      info.type = "Number";
      break;
    case v1::ANNOTATION_TYPE_BOOLEAN:
      info.type = "Boolean";
      break;
    default:
      info.type = "String";
  }
  const google::protobuf::Value& value = annotation.default_value();
  switch (value.kind_case()) {
    case google::protobuf::Value::kStringValue:
      info.default_value = value.string_value();
      break;
    case google::protobuf::Value::kBoolValue:
      info.default_value = value.bool_value();
      break;
    case google::protobuf::Value::kNumberValue: {
      const double number = value.number_value();
      if (std::isfinite(number) && std::trunc(number) == number &&
          std::fabs(number) < 1e15) {
        info.default_value = static_cast<int64_t>(number);
      } else {
        info.default_value = number;
      }
      break;
    }
    default:
      break;
  }
  return info;
}

// Codes of a request the connector or SSL Store rejected (as opposed to a
// failure to get an answer): an Enroll with one of these is a FAILED result.
bool IsRejection(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kPermissionDenied:
      return true;
    default:
      return false;
  }
}

EnrollmentResult FailedResult(const absl::Status& status) {
  EnrollmentResult result;
  result.status = kStatusFailed;
  result.status_message = std::string(status.message());
  result.failure_code = status.code();
  return result;
}

// "0a:1B 2c" -> "0A1B2C".
std::string NormalizeSerial(absl::string_view serial) {
  std::string out;
  for (char c : serial) {
    if (c == ':' || c == ' ' || c == '-') continue;
    out.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

google::protobuf::Duration ToProtoDuration(absl::Duration duration) {
  google::protobuf::Duration out;
  const int64_t nanos = absl::ToInt64Nanoseconds(duration);
  out.set_seconds(nanos / 1000000000);
  out.set_nanos(static_cast<int32_t>(nanos % 1000000000));
  return out;
}

// Adds the counts of a finished or interrupted stream to `total`.
void AddCounts(const SyncCounts& stream, SyncCounts* total) {
  total->processed += stream.processed;
  total->skipped += stream.skipped;
  total->failed += stream.failed;
  total->unchanged += stream.unchanged;
  total->pages += stream.pages;
}

}  // namespace

GatewayAdapter::GatewayAdapter() {
  absl::StatusOr<State> state = StateFor({});
  if (state.ok()) state_ = *std::move(state);
}

absl::StatusOr<GatewayAdapter::State> GatewayAdapter::StateFor(
    const ConfigDictionary& dictionary) {
  absl::StatusOr<AdapterSettings> settings = ParseAdapterSettings(dictionary);
  if (!settings.ok()) return settings.status();
  absl::StatusOr<std::shared_ptr<ConnectorClient>> client =
      ConnectorClient::Create(settings->connector);
  if (!client.ok()) return client.status();
  State state;
  state.settings = *std::move(settings);
  state.client = *std::move(client);
  state.secrets.push_back(state.client->bearer_token());
  if (state.settings.connection.has_inline_()) {
    state.secrets.push_back(state.settings.connection.inline_().auth_token());
  }
  return state;
}

absl::StatusOr<GatewayAdapter::State> GatewayAdapter::Current() const {
  absl::MutexLock lock(&mutex_);
  if (!state_.has_value()) {
    return absl::FailedPreconditionError("the adapter is not initialized");
  }
  return *state_;
}

absl::Status GatewayAdapter::Initialize(
    const ConfigDictionary& ca_connection_data,
    std::shared_ptr<CertificateDataReader> reader) {
  absl::StatusOr<State> state = StateFor(ca_connection_data);
  if (!state.ok()) return state.status();
  state->reader = std::move(reader);
  absl::MutexLock lock(&mutex_);
  state_ = *std::move(state);
  return absl::OkStatus();
}

absl::StatusOr<PingReport> GatewayAdapter::CheckConnection() {
  absl::StatusOr<State> state = Current();
  if (!state.ok()) return state.status();
  v1::PingRequest request;
  *request.mutable_connection() = state->settings.connection;
  v1::PingResponse response;
  if (absl::Status error = CallUnary(*state->client, state->secrets,
                                     &v1::ConnectorService::Stub::Ping, request,
                                     &response, "Ping");
      !error.ok()) {
    return error;
  }
  PingReport report;
  report.remote_checked = response.remote_checked();
  report.reachable = response.reachable();
  report.latency = absl::Seconds(response.latency().seconds()) +
                   absl::Nanoseconds(response.latency().nanos());
  report.message = Redact(response.message(), state->secrets);
  report.connection_name = response.connection_name();
  return report;
}

absl::Status GatewayAdapter::Ping() {
  absl::StatusOr<PingReport> report = CheckConnection();
  if (!report.ok()) return report.status();
  if (report->remote_checked && !report->reachable) {
    return absl::UnavailableError(
        absl::StrCat("Ping: SSL Store is not reachable: ", report->message));
  }
  return absl::OkStatus();
}

absl::Status GatewayAdapter::ValidateCAConnectionInfo(
    const ConfigDictionary& connection_info) {
  absl::StatusOr<State> state = StateFor(connection_info);
  if (!state.ok()) return state.status();
  if (!state->settings.connection.has_inline_()) {
    // A named connection lives in the connector's configuration: check it
    // works.
    v1::PingRequest request;
    *request.mutable_connection() = state->settings.connection;
    v1::PingResponse response;
    if (absl::Status error = CallUnary(
            *state->client, state->secrets, &v1::ConnectorService::Stub::Ping,
            request, &response, "ValidateCAConnectionInfo");
        !error.ok()) {
      return error;
    }
    if (response.remote_checked() && !response.reachable()) {
      return absl::InvalidArgumentError(
          absl::StrCat("the CA connection is invalid:\n  ", kKeyConnectionName,
                       ": ", Redact(response.message(), state->secrets)));
    }
    return absl::OkStatus();
  }
  v1::ValidateConnectionRequest request;
  *request.mutable_config() = state->settings.connection.inline_();
  v1::ValidateConnectionResponse response;
  if (absl::Status error =
          CallUnary(*state->client, state->secrets,
                    &v1::ConnectorService::Stub::ValidateConnection, request,
                    &response, "ValidateCAConnectionInfo");
      !error.ok()) {
    return error;
  }
  if (response.valid()) return absl::OkStatus();
  std::string text = "the CA connection is invalid:";
  for (const v1::FieldViolation& problem : response.problems()) {
    absl::StrAppend(&text, "\n  ", GatewayKeyForField(problem.field()), ": ",
                    problem.description());
  }
  if (response.problems().empty()) {
    absl::StrAppend(&text, " ", response.message());
  }
  return absl::InvalidArgumentError(Redact(text, state->secrets));
}

absl::Status GatewayAdapter::ValidateProductInfo(
    const EnrollmentProductInfo& product_info,
    const ConfigDictionary& connection_info) {
  absl::StatusOr<State> state = StateFor(connection_info);
  if (!state.ok()) return state.status();
  v1::ValidateProductRequest request;
  request.set_product_code(product_info.product_id);
  for (const auto& [name, value] : product_info.product_parameters) {
    (*request.mutable_parameters())[name] = value;
  }
  v1::ValidateProductResponse response;
  if (absl::Status error =
          CallUnary(*state->client, state->secrets,
                    &v1::ConnectorService::Stub::ValidateProduct, request,
                    &response, "ValidateProductInfo");
      !error.ok()) {
    return error;
  }
  if (response.valid()) return absl::OkStatus();
  std::string text =
      absl::StrCat("product \"", product_info.product_id, "\" is invalid:");
  for (const v1::FieldViolation& violation : response.violations()) {
    absl::StrAppend(&text, "\n  ", violation.field(), ": ",
                    violation.description());
  }
  return absl::InvalidArgumentError(text);
}

absl::StatusOr<std::vector<v1::Product>> GatewayAdapter::ListProducts() {
  absl::StatusOr<State> state = Current();
  if (!state.ok()) return state.status();
  v1::ListProductsResponse response;
  if (absl::Status error =
          CallUnary(*state->client, state->secrets,
                    &v1::ConnectorService::Stub::ListProducts,
                    v1::ListProductsRequest(), &response, "ListProducts");
      !error.ok()) {
    return error;
  }
  return std::vector<v1::Product>(response.products().begin(),
                                  response.products().end());
}

absl::StatusOr<std::vector<std::string>> GatewayAdapter::GetProductIds() {
  absl::StatusOr<std::vector<v1::Product>> products = ListProducts();
  if (!products.ok()) return products.status();
  std::vector<std::string> ids;
  ids.reserve(products->size());
  for (const v1::Product& product : *products) ids.push_back(product.code());
  return ids;
}

absl::StatusOr<v1::Product> GatewayAdapter::GetProduct(
    const std::string& product_id) {
  absl::StatusOr<State> state = Current();
  if (!state.ok()) return state.status();
  v1::GetProductRequest request;
  request.set_product_code(product_id);
  v1::GetProductResponse response;
  if (absl::Status error = CallUnary(*state->client, state->secrets,
                                     &v1::ConnectorService::Stub::GetProduct,
                                     request, &response, "GetProduct");
      !error.ok()) {
    return error;
  }
  return response.product();
}

absl::StatusOr<std::map<std::string, PropertyConfigInfo>>
GatewayAdapter::GetCAConnectorAnnotations() {
  absl::StatusOr<State> state = Current();
  if (!state.ok()) return state.status();
  v1::GetConnectorAnnotationsResponse response;
  if (absl::Status error =
          CallUnary(*state->client, state->secrets,
                    &v1::ConnectorService::Stub::GetConnectorAnnotations,
                    v1::GetConnectorAnnotationsRequest(), &response,
                    "GetCAConnectorAnnotations");
      !error.ok()) {
    return error;
  }
  std::map<std::string, PropertyConfigInfo> annotations = AdapterAnnotations();
  for (const auto& [name, annotation] : response.annotations()) {
    annotations[name] = ToPropertyConfigInfo(annotation);
  }
  return annotations;
}

absl::StatusOr<std::map<std::string, PropertyConfigInfo>>
GatewayAdapter::GetTemplateParameterAnnotations() {
  absl::StatusOr<State> state = Current();
  if (!state.ok()) return state.status();
  v1::GetTemplateParameterAnnotationsResponse response;
  if (absl::Status error = CallUnary(
          *state->client, state->secrets,
          &v1::ConnectorService::Stub::GetTemplateParameterAnnotations,
          v1::GetTemplateParameterAnnotationsRequest(), &response,
          "GetTemplateParameterAnnotations");
      !error.ok()) {
    return error;
  }
  std::map<std::string, PropertyConfigInfo> annotations;
  for (const auto& [name, annotation] : response.annotations()) {
    annotations[name] = ToPropertyConfigInfo(annotation);
  }
  return annotations;
}

absl::StatusOr<std::string> GatewayAdapter::PriorRequestId(
    const State& state, const EnrollmentProductInfo& product_info,
    bool* rejected) {
  *rejected = true;
  auto it = product_info.product_parameters.find(kPriorCertSnParameter);
  const std::string serial =
      it == product_info.product_parameters.end()
          ? ""
          : std::string(absl::StripAsciiWhitespace(it->second));
  if (serial.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Enroll: ", kPriorCertSnParameter,
        " is missing: a renewal or reissue needs the serial number of the "
        "certificate it replaces"));
  }
  if (state.reader == nullptr) {
    return absl::FailedPreconditionError(
        "Enroll: no certificate data reader was supplied to Initialize, so "
        "the prior request of a renewal or reissue cannot be found");
  }
  std::vector<std::string> candidates = {serial};
  if (NormalizeSerial(serial) != serial) {
    candidates.push_back(NormalizeSerial(serial));
  }
  for (const std::string& candidate : candidates) {
    absl::StatusOr<std::string> id =
        state.reader->GetRequestIDBySerialNumber(candidate);
    if (!id.ok()) {
      *rejected = false;
      return absl::Status(
          id.status().code(),
          absl::StrCat("Enroll: the certificate data reader failed to look "
                       "up serial ",
                       serial, ": ", id.status().message()));
    }
    const std::string trimmed(absl::StripAsciiWhitespace(*id));
    if (!trimmed.empty()) return trimmed;
  }
  return absl::NotFoundError(absl::StrCat(
      "Enroll: the gateway holds no certificate with serial number ", serial,
      " (", kPriorCertSnParameter,
      "), so there is no prior request to renew "
      "or reissue"));
}

absl::StatusOr<EnrollmentResult> GatewayAdapter::Enroll(
    const std::string& csr, const std::string& subject,
    const SanDictionary& san, const EnrollmentProductInfo& product_info,
    RequestFormat request_format, EnrollmentType enrollment_type) {
  absl::StatusOr<State> state = Current();
  if (!state.ok()) return state.status();
  if (request_format != RequestFormat::kPkcs10) {
    return FailedResult(absl::InvalidArgumentError(
        "Enroll: only PKCS#10 certificate requests are supported"));
  }
  v1::EnrollRequest request;
  *request.mutable_connection() = state->settings.connection;
  request.set_csr(csr);
  request.set_subject(subject);
  for (const auto& [type, names] : san) {
    v1::SanList& list = (*request.mutable_sans())[type];
    for (const std::string& name : names) list.add_values(name);
  }
  request.set_product_code(product_info.product_id);
  for (const auto& [name, value] : product_info.product_parameters) {
    (*request.mutable_parameters())[name] = value;
  }
  request.set_enrollment_type(ToConnectorType(enrollment_type));
  if (enrollment_type != EnrollmentType::kNew) {
    bool rejected = false;
    absl::StatusOr<std::string> prior =
        PriorRequestId(*state, product_info, &rejected);
    if (!prior.ok()) {
      if (rejected) return FailedResult(prior.status());
      return prior.status();
    }
    request.set_prior_ca_request_id(*prior);
  }
  const absl::Duration wait = state->settings.enroll_wait;
  if (wait > absl::ZeroDuration()) {
    *request.mutable_wait_for_issuance() = ToProtoDuration(wait);
  }
  v1::EnrollResponse response;
  auto context =
      state->client->NewContext(state->settings.connector.timeout + wait);
  const grpc::Status status =
      state->client->stub().Enroll(context.get(), request, &response);
  if (!status.ok()) {
    absl::Status error =
        CallError(status, "Enroll", *state->client, state->secrets);
    if (IsRejection(error.code())) return FailedResult(error);
    return error;
  }
  return ToEnrollmentResult(response);
}

absl::StatusOr<AnyCAPluginCertificate> GatewayAdapter::GetSingleRecord(
    const std::string& ca_request_id) {
  absl::StatusOr<State> state = Current();
  if (!state.ok()) return state.status();
  v1::GetCertificateRequest request;
  *request.mutable_connection() = state->settings.connection;
  request.set_ca_request_id(ca_request_id);
  v1::GetCertificateResponse response;
  if (absl::Status error =
          CallUnary(*state->client, state->secrets,
                    &v1::ConnectorService::Stub::GetCertificate, request,
                    &response, "GetSingleRecord");
      !error.ok()) {
    return error;
  }
  AnyCAPluginCertificate certificate = ToPluginCertificate(response.record());
  if (LacksRequiredCertificate(certificate)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "GetSingleRecord: request ", ca_request_id, " is ",
        EndEntityStatusName(certificate.status), " (", certificate.ca_status,
        ") but SSL Store holds no certificate for it"));
  }
  return certificate;
}

absl::Status GatewayAdapter::Synchronize(CertificateSink& sink,
                                         std::optional<absl::Time> last_sync,
                                         bool full_sync,
                                         CancellationToken* cancel,
                                         SyncCounts* counts) {
  absl::StatusOr<State> state = Current();
  if (!state.ok()) return state.status();
  v1::SyncCertificatesRequest request;
  *request.mutable_connection() = state->settings.connection;
  request.set_full_sync(full_sync);
  if (!full_sync && last_sync.has_value()) {
    request.mutable_last_sync()->set_seconds(absl::ToUnixSeconds(*last_sync));
  }
  request.set_emit_progress(true);

  SyncCounts total;
  for (int attempt = 0;; ++attempt) {
    if (cancel != nullptr && cancel->IsCancellationRequested()) {
      if (counts != nullptr) *counts = total;
      return absl::CancelledError("Synchronize: cancelled");
    }
    auto context = state->client->NewContext(absl::InfiniteDuration());
    grpc::ClientContext* raw_context = context.get();
    const int registration =
        cancel == nullptr
            ? 0
            : cancel->Register([raw_context] { raw_context->TryCancel(); });
    std::unique_ptr<grpc::ClientReader<v1::SyncCertificatesResponse>> reader =
        state->client->stub().SyncCertificates(raw_context, request);
    SyncCounts stream;  // this stream's counts, from its progress/summary
    bool summary_seen = false;
    bool sink_stopped = false;
    v1::SyncCertificatesResponse message;
    while (reader->Read(&message)) {
      switch (message.event_case()) {
        case v1::SyncCertificatesResponse::kRecord: {
          AnyCAPluginCertificate certificate =
              ToPluginCertificate(message.record());
          if (LacksRequiredCertificate(certificate)) {
            ++total.skipped;
            sink.OnSkipped(
                {certificate.ca_request_id,
                 absl::StrCat(EndEntityStatusName(certificate.status),
                              " record without a certificate (",
                              certificate.ca_status,
                              "); not passed to the gateway")});
            break;
          }
          if (!sink.Add(std::move(certificate))) {
            sink_stopped = true;
            raw_context->TryCancel();
          } else {
            ++total.emitted;
          }
          break;
        }
        case v1::SyncCertificatesResponse::kSkipped:
          sink.OnSkipped({message.skipped().ca_request_id(),
                          Redact(message.skipped().reason(), state->secrets)});
          break;
        case v1::SyncCertificatesResponse::kProgress: {
          const v1::SyncProgress& progress = message.progress();
          stream.pages = progress.pages_fetched();
          stream.failed = progress.orders_failed();
          stream.skipped = progress.orders_skipped();
          stream.processed = progress.records_emitted() +
                             progress.orders_skipped() +
                             progress.orders_failed();
          SyncCounts live = total;
          AddCounts(stream, &live);
          sink.OnProgress(live);
          break;
        }
        case v1::SyncCertificatesResponse::kSummary: {
          const v1::SyncSummary& summary = message.summary();
          summary_seen = true;
          stream.processed = summary.orders_processed();
          stream.skipped = summary.orders_skipped();
          stream.failed = summary.orders_failed();
          stream.unchanged = summary.orders_unchanged();
          stream.pages = summary.pages_fetched();
          break;
        }
        default:
          break;
      }
      if (sink_stopped) break;
    }
    const grpc::Status status = reader->Finish();
    if (cancel != nullptr) cancel->Unregister(registration);
    AddCounts(stream, &total);
    if (counts != nullptr) *counts = total;
    if (sink_stopped) {
      return absl::CancelledError(
          "Synchronize: the gateway's buffer stopped accepting records");
    }
    if (cancel != nullptr && cancel->IsCancellationRequested()) {
      return absl::CancelledError("Synchronize: cancelled");
    }
    if (status.ok()) {
      if (summary_seen) return absl::OkStatus();
      return absl::UnavailableError(
          "Synchronize: the connector ended the stream without its summary; "
          "some orders may be missing");
    }
    std::optional<v1::SyncResumeInfo> resume = ResumeInfoOf(status);
    if (!resume.has_value() ||
        attempt >= state->settings.sync_resume_attempts) {
      return CallError(status, "Synchronize", *state->client, state->secrets);
    }
    // Continue where the stream stopped after a short pause (cut short by
    // cancellation).
    request.set_resume_token(resume->resume_token());
    ++total.resumes;
    if (counts != nullptr) *counts = total;
    absl::Notification wake;
    const int pause_registration =
        cancel == nullptr ? 0 : cancel->Register([&wake] {
          if (!wake.HasBeenNotified()) wake.Notify();
        });
    wake.WaitForNotificationWithTimeout(
        std::min(absl::Milliseconds(250) * (1 << std::min(attempt, 5)),
                 absl::Seconds(5)));
    if (cancel != nullptr) cancel->Unregister(pause_registration);
  }
}

absl::StatusOr<int> GatewayAdapter::Revoke(const std::string& ca_request_id,
                                           const std::string& hex_serial_number,
                                           uint32_t revocation_reason,
                                           std::string* message) {
  absl::StatusOr<State> state = Current();
  if (!state.ok()) return state.status();
  absl::StatusOr<v1::RevocationReason> reason =
      ToRevocationReason(revocation_reason);
  if (!reason.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("Revoke: ", reason.status().message()));
  }
  v1::RevokeCertificateRequest request;
  *request.mutable_connection() = state->settings.connection;
  request.set_ca_request_id(ca_request_id);
  request.set_method(state->settings.revocation_method);
  request.set_serial_number(hex_serial_number);
  request.set_reason(*reason);
  v1::RevokeCertificateResponse response;
  if (absl::Status error =
          CallUnary(*state->client, state->secrets,
                    &v1::ConnectorService::Stub::RevokeCertificate, request,
                    &response, "Revoke");
      !error.ok()) {
    return error;
  }
  const bool revoked = response.status() == v1::CERTIFICATE_STATUS_REVOKED;
  if (message != nullptr) {
    std::string detail = Redact(response.message(), state->secrets);
    if (!revoked) {
      detail = response.accepted()
                   ? absl::StrCat(
                         "SSL Store accepted the request but has not "
                         "confirmed the revocation yet: ",
                         detail)
                   : absl::StrCat("SSL Store refused the request: ", detail);
    }
    *message = std::move(detail);
  }
  return revoked ? kStatusRevoked : kStatusFailed;
}

}  // namespace sslstore::gateway
