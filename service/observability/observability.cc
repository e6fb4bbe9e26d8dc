#include "service/observability/observability.h"

#include <utility>

#include "service/observability/rpc_observer.h"

namespace sslstore::service::observability {

absl::StatusOr<std::unique_ptr<Observability>> Observability::Start(
    const ObservabilityConfig& config,
    const std::vector<std::string>& secrets) {
  std::unique_ptr<Observability> obs(new Observability());
  obs->redactor_ = std::make_unique<Redactor>();
  for (const std::string& secret : secrets) obs->redactor_->AddSecret(secret);
  obs->logger_ = std::make_unique<Logger>(config.logging, *obs->redactor_);
  obs->metrics_ = std::make_unique<Metrics>();
  if (!config.metrics.listen_address.empty()) {
    absl::Status served = obs->metrics_->Serve(config.metrics.listen_address,
                                               config.metrics.bearer_token);
    if (!served.ok()) return served;
  }
  return obs;
}

Observability::~Observability() = default;

void Observability::InstallOn(grpc::ServerBuilder& builder) {
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
      creators;
  creators.push_back(
      std::make_unique<RpcObserverFactory>(*logger_, *metrics_, *redactor_));
  builder.experimental().SetInterceptorCreators(std::move(creators));
}

void Observability::ApplyTo(client::ClientOptions* options) {
  Logger* logger = logger_.get();
  Metrics* metrics = metrics_.get();
  auto previous_on_call = std::move(options->on_call);
  options->on_call = [logger, metrics, previous_on_call](
                         const client::UpstreamCallEvent& event) {
    metrics->RecordUpstreamCall(event);
    const bool ok = event.outcome == client::UpstreamOutcome::kOk;
    logger->Log(
        ok ? LogLevel::kDebug : LogLevel::kWarn, "upstream call",
        {LogField("endpoint", event.endpoint),
         LogField("outcome", client::UpstreamOutcomeName(event.outcome)),
         LogField("attempt", event.attempt),
         LogField("http_status", event.http_status),
         LogField("duration_ms", absl::ToDoubleMilliseconds(event.duration))});
    if (previous_on_call) previous_on_call(event);
  };
  if (!logger_->Enabled(LogLevel::kTrace)) return;
  auto previous_trace = std::move(options->trace);
  options->trace = [logger, previous_trace](absl::string_view line) {
    logger->Trace("wbapi", {LogField("line", line)});
    if (previous_trace) previous_trace(line);
  };
}

}  // namespace sslstore::service::observability
